// The comment form for a selected passage, opened where the passage is: in the margin on a wide
// screen, right after the section's text on a middling one, a bottom sheet on a phone. It sends
// with a fetcher, so the reader stays exactly where they were; the page's plain form remains for
// readers without JavaScript.
import { useFetcher } from "@remix-run/react";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { trapTab } from "./passage-dom";
import type { FormResult } from "./respond-panel";

export type FormPlace = "margin" | "inline" | "sheet";

export interface PassageChoice {
  sectionId: string;
  sectionTitle: string;
  start: number;
  end: number;
  exact: string;
}

export function PassageCommentForm({
  choice,
  formKey,
  place,
  onSent,
  onCancel,
}: {
  choice: PassageChoice;
  formKey: string;
  place: FormPlace;
  onSent: (commentId: string, text: string) => void;
  onCancel: () => void;
}) {
  const fetcher = useFetcher<FormResult>();
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const sending = fetcher.state !== "idle";

  useEffect(() => {
    text.current?.focus({ preventScroll: true });
  }, []);

  // Each answer once: the parent's callbacks change identity as the page re-renders.
  const answered = useRef<FormResult | null>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || answered.current === fetcher.data) return;
    answered.current = fetcher.data;
    if (fetcher.data.sent) onSent(fetcher.data.sent, text.current?.value ?? "");
    else setProblem(fetcher.data.error ?? "Chưa gửi được góp ý; vui lòng thử lại.");
  }, [fetcher.state, fetcher.data, onSent]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    if (!text.current?.value.trim()) {
      setProblem("Vui lòng nhập nội dung góp ý.");
      text.current?.focus();
      return;
    }
    setProblem(null);
    fetcher.submit(event.currentTarget, { method: "post" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (place === "sheet" && root.current) trapTab(event.nativeEvent, root.current);
  };

  const dialog = place === "sheet" ? { role: "dialog", "aria-modal": true, "aria-labelledby": `${id}-title` } : {};
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the form from any field in it
    <div ref={root} className={`passage-form passage-form--${place}`} onKeyDown={onKeyDown} {...dialog}>
      <fetcher.Form method="post" className="stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="passage-form-title">
          Góp ý đoạn này <span className="muted">({choice.sectionTitle})</span>
        </h3>
        <blockquote className="passage-form-quote">“{choice.exact}”</blockquote>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="inline" value="1" />
        <input type="hidden" name="idempotencyKey" value={formKey} />
        <input type="hidden" name="target" value={choice.sectionId} />
        <input type="hidden" name="start" value={choice.start} />
        <input type="hidden" name="end" value={choice.end} />
        <input type="hidden" name="exact" value={choice.exact} />
        <label htmlFor={`${id}-text`}>Nội dung góp ý</label>
        <textarea
          ref={text}
          id={`${id}-text`}
          name="text"
          rows={place === "sheet" ? 3 : 4}
          maxLength={10000}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
        {problem ? (
          <p className="form-error" id={`${id}-error`} role="alert">
            {problem}
          </p>
        ) : null}
        <div className="passage-form-actions">
          <button type="submit" aria-disabled={sending || undefined}>
            {sending ? "Đang gửi…" : "Gửi góp ý"}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Hủy
          </button>
        </div>
      </fetcher.Form>
    </div>
  );
}
