// With JavaScript, each section of the draft becomes a passage reader: select text (mouse, touch,
// or Shift+arrows) to comment on it right there, see the passages already commented on and their
// comments beside them. Without JavaScript nothing here runs and the page works by its plain forms
// and links.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { TiptapDoc } from "~/domain/tiptap";
import type { PassageMark } from "~/models/comment.server";
import type { CommentGroup } from "./comment-list";
import { CommentPeek, type MarginCard, MarginColumn } from "./margin-comments";
import { type FormPlace, PassageCommentForm } from "./passage-comment-form";
import { draftTopHost, marginColumn, type PageRect, PHONE, sectionSlot, toPageRect, WIDE } from "./passage-dom";
import { CommentHint, HINT_ID, SelectionControl, useMedia } from "./passage-parts";
import type { PassageReader } from "./passage-reader.client";

export interface SectionDoc {
  id: string;
  anchor: string;
  title: string;
  doc: TiptapDoc;
}

interface Selected {
  section: SectionDoc;
  anchor: { start: number; end: number; exact: string };
  rect: PageRect;
  /** The selection's top below its section's text top: still true after the page above changes. */
  offset: number;
}

interface Mounted {
  readers: Map<string, PassageReader>;
  sections: Map<string, SectionDoc>;
  margin: HTMLElement | null;
  slot: ReturnType<typeof sectionSlot>;
  hint: HTMLElement | null;
}

const getJson = <T,>(url: string) => fetch(url).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`HTTP ${r.status}`))));

export function PassageEnhancer({
  contentUrl,
  marksUrl,
  canComment,
  comments,
  formKey,
}: {
  contentUrl: string;
  marksUrl: string;
  canComment: boolean;
  comments: CommentGroup[];
  formKey: string;
}) {
  const [mounted, setMounted] = useState<Mounted | null>(null);
  const [marks, setMarks] = useState<PassageMark[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  // The passage just commented on: it stays selected, so the keyboard carries on from it, but its
  // control would stand over the new card beside it; it comes back once the selection moves.
  const [answered, setAnswered] = useState<string | null>(null);
  const [open, setOpen] = useState<Selected | null>(null);
  const [sent, setSent] = useState<MarginCard[]>([]);
  const [status, setStatus] = useState("");
  const [peek, setPeek] = useState<string[] | null>(null);
  const wide = useMedia(WIDE) && Boolean(mounted?.margin);
  const phone = useMedia(PHONE);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  // Read once when the readers mount: the deadline passing while the page is open (the page's data
  // read again after a send) must not rebuild them, and take the open form with its refusal away.
  const commentableRef = useRef(canComment);
  commentableRef.current = canComment;

  useEffect(() => {
    let cancelled = false;
    const cleanups: (() => void)[] = [];
    const commentable = commentableRef.current;
    void Promise.all([import("./passage-reader.client"), getJson<SectionDoc[]>(contentUrl), getJson<PassageMark[]>(marksUrl)])
      .then(([{ mountPassageReader }, sections, found]) => {
        if (cancelled) return;
        const margin = marginColumn();
        const slot = sectionSlot();
        const hint = commentable ? draftTopHost() : null;
        cleanups.push(slot.remove, () => hint?.remove());
        const readers = new Map<string, PassageReader>();
        for (const s of sections) {
          const body = document.querySelector<HTMLElement>(`#${CSS.escape(s.anchor)} .section-body`);
          if (!body) continue;
          const reader = mountPassageReader(body, {
            doc: s.doc,
            highlights: found.filter((m) => m.sectionId === s.id),
            label: commentable ? `Nội dung ${s.title}; chọn đoạn văn để góp ý` : `Nội dung ${s.title}`,
            describedBy: commentable ? HINT_ID : undefined,
            onSelect: (anchor, rect) => {
              if (anchor && rect) setSelected({ section: s, anchor, rect: toPageRect(rect), offset: rect.top - body.getBoundingClientRect().top });
              // Readers report "nothing selected" in any order: only the one holding the selection clears it.
              else setSelected((now) => (now?.section.id === s.id ? null : now));
            },
            onCommentKey: commentable ? () => commentableRef.current && selectedRef.current?.section.id === s.id && setOpen(selectedRef.current) : undefined,
            onHighlightClick: (ids, via) => showComments(ids, via, setActive, setPeek),
          });
          readers.set(s.id, reader);
          cleanups.push(() => reader.destroy());
        }
        setMarks(found);
        setMounted({ readers, sections: new Map(sections.map((s) => [s.id, s])), margin, slot, hint: hint?.el ?? null });
        cleanups.push(() => setMounted(null));
      })
      // Without the readers the page still works by its forms and links; nothing to tell the reader.
      .catch(() => undefined);
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
    };
  }, [contentUrl, marksUrl]);

  useHighlightSync(mounted, marks, active, setActive);
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 10_000);
    return () => clearTimeout(timer);
  }, [status]);

  const cards = useMemo(() => marginCards(comments, sent, mounted?.sections), [comments, sent, mounted]);

  const close = useCallback(
    (passage: Selected | null) => {
      setOpen(null);
      if (passage) mounted?.readers.get(passage.section.id)?.restore(passage.anchor);
    },
    [mounted],
  );

  const onSent = useCallback(
    (commentId: string, text: string) => {
      if (!open) return;
      const { section, anchor } = open;
      setMarks((m) => [...m, { id: commentId, sectionId: section.id, start: anchor.start, end: anchor.end }]);
      setSent((s) => [...s, { id: commentId, sectionAnchor: section.anchor, quote: anchor.exact, text, meta: "Đồng chí · vừa gửi" }]);
      setStatus(`Đã gửi góp ý về đoạn “${shorten(anchor.exact)}” (${section.title}).`);
      setAnswered(passageKey(open));
      close(open);
    },
    [open, close],
  );

  if (!mounted) return <p className="passage-status" role="status" />;
  const place: FormPlace = wide ? "margin" : phone ? "sheet" : "inline";
  const form = open ? (
    <PassageCommentForm
      key={`${open.section.id}:${open.anchor.start}:${open.anchor.end}`}
      choice={{ sectionId: open.section.id, sectionTitle: open.section.title, ...open.anchor }}
      formKey={formKey}
      place={place}
      onSent={onSent}
      onCancel={() => close(open)}
    />
  ) : null;
  const slotFor = open ?? selected;
  const slotReady = slotFor ? mounted.slot.moveTo(slotFor.section.anchor) : false;
  return (
    <>
      <p className={`passage-status${status ? " passage-status--shown" : ""}`} role="status">
        {status}
      </p>
      {mounted.hint ? createPortal(<CommentHint />, mounted.hint) : null}
      {peek && !open ? (
        <CommentPeek
          cards={cards.filter((c) => peek.includes(c.id))}
          onClose={() => {
            setPeek(null);
            const mark = marks.find((m) => m.id === peek[0]);
            if (mark) mounted.readers.get(mark.sectionId)?.restore(null);
          }}
        />
      ) : null}
      {mounted.margin && wide
        ? createPortal(
            <MarginColumn
              margin={mounted.margin}
              cards={cards}
              active={active}
              onActivate={setActive}
              form={form && open ? { node: form, sectionAnchor: open.section.anchor, offset: open.offset } : null}
            />,
            mounted.margin,
          )
        : null}
      {slotReady
        ? createPortal(
            <>
              {canComment && selected && !open && passageKey(selected) !== answered ? (
                <SelectionControl rect={selected.rect} place={place} margin={mounted.margin} onOpen={() => setOpen(selected)} />
              ) : null}
              {place !== "margin" ? form : null}
            </>,
            mounted.slot.el,
          )
        : null}
    </>
  );
}

const passageKey = (p: Selected) => `${p.section.id}:${p.anchor.start}:${p.anchor.end}`;

function showComments(ids: string[], via: "pointer" | "keyboard", setActive: (id: string) => void, setPeek: (ids: string[]) => void) {
  const id = ids[0];
  if (!id) return;
  setActive(id);
  const card = document.querySelector<HTMLElement>(`.draft-margin [data-card-link="${CSS.escape(id)}"]`);
  if (card?.offsetParent) {
    // The card stands beside its passage: light it, and move focus there only from the keyboard.
    if (via === "keyboard") card.focus({ preventScroll: true });
    return;
  }
  // No margin (a narrow screen): the comments come up from the bottom of the screen.
  setPeek(ids);
}

/** Lights the active comment's passage, and the card of a highlight the pointer is over. */
function useHighlightSync(mounted: Mounted | null, marks: PassageMark[], active: string | null, setActive: (id: string | null) => void) {
  const applied = useRef(new Map<string, string>());
  const marksRef = useRef(marks);
  marksRef.current = marks;
  // Before paint, so the margin finds a new comment's highlight when it places the cards.
  useLayoutEffect(() => {
    if (!mounted) return;
    const bySection = new Map<string, PassageMark[]>();
    for (const m of marks) bySection.set(m.sectionId, [...(bySection.get(m.sectionId) ?? []), m]);
    for (const [sectionId, list] of bySection) {
      // Only readers whose highlights changed are redrawn: a hover must not touch every section.
      const key = `${list.length}:${list.some((m) => m.id === active) ? active : ""}`;
      if (applied.current.get(sectionId) === key) continue;
      applied.current.set(sectionId, key);
      mounted.readers.get(sectionId)?.setHighlights(list.map((m) => ({ ...m, active: m.id === active })));
    }
  }, [mounted, marks, active]);

  useEffect(() => {
    if (!mounted) return;
    const over = (event: MouseEvent) => {
      const mark = (event.target as Element).closest?.(".passage-highlight");
      const id = mark?.getAttribute("data-comment-ids")?.split(" ")[0];
      if (id) setActive(id);
    };
    const out = (event: MouseEvent) => {
      const from = (event.target as Element).closest?.(".passage-highlight");
      const to = (event.relatedTarget as Element | null)?.closest?.(".passage-highlight");
      if (from && !to) setActive(null);
    };
    // A quote in the list leads to its passage: the reader asked to go there.
    const quoteClick = (event: MouseEvent) => {
      const id = (event.target as Element).closest?.<HTMLElement>("[data-focus-comment]")?.dataset.focusComment;
      const mark = id ? marksRef.current.find((m) => m.id === id) : undefined;
      const reader = mark ? mounted.readers.get(mark.sectionId) : undefined;
      if (!id || !reader) return;
      event.preventDefault();
      setActive(id);
      reader.focusHighlight(id);
    };
    document.addEventListener("mouseover", over);
    document.addEventListener("mouseout", out);
    document.addEventListener("click", quoteClick);
    return () => {
      document.removeEventListener("mouseover", over);
      document.removeEventListener("mouseout", out);
      document.removeEventListener("click", quoteClick);
    };
  }, [mounted, setActive]);
}

/** The cards for the margin: the comments on this page of the list, then those just sent. */
function marginCards(groups: CommentGroup[], sent: MarginCard[], sections: Map<string, SectionDoc> | undefined): MarginCard[] {
  if (!sections) return [];
  const cards: MarginCard[] = [];
  for (const g of groups) {
    for (const c of g.items) {
      if (!c.sectionId || c.withdrawn) continue;
      cards.push({ id: c.id, sectionAnchor: c.sectionAnchor, quote: c.quote, text: c.text, meta: `${c.author} · ${c.when}` });
    }
  }
  const listed = new Set(cards.map((c) => c.id));
  return [...cards, ...sent.filter((c) => !listed.has(c.id))];
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
