// With JavaScript, each section of the draft becomes a passage reader: select text to comment on
// it, see the passages already commented on, and move between a comment and its passage. Without
// JavaScript nothing here runs and the page works by its plain forms and links.
import { useEffect } from "react";
import type { TiptapDoc } from "~/domain/tiptap";
import type { PassageMark } from "~/models/comment.server";

export interface SectionDoc {
  id: string;
  anchor: string;
  title: string;
  doc: TiptapDoc;
}

const getJson = <T,>(url: string) => fetch(url).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`HTTP ${r.status}`))));

export function PassageEnhancer({ contentUrl, marksUrl, canComment }: { contentUrl: string; marksUrl: string; canComment: boolean }) {
  useEffect(() => {
    let cancelled = false;
    const cleanups: (() => void)[] = [];
    void Promise.all([import("./passage-reader.client"), getJson<SectionDoc[]>(contentUrl), getJson<PassageMark[]>(marksUrl)])
      .then(([{ mountPassageReader }, sections, marks]) => {
        if (cancelled) return;
        const button = canComment ? commentButton() : null;
        const readers = new Map<string, ReturnType<typeof mountPassageReader>>();
        for (const s of sections) {
          const body = document.querySelector<HTMLElement>(`#${CSS.escape(s.anchor)} .section-body`);
          if (!body) continue;
          const reader = mountPassageReader(body, {
            doc: s.doc,
            highlights: marks.filter((m) => m.sectionId === s.id),
            label: canComment ? `Nội dung ${s.title}; chọn đoạn văn để góp ý` : `Nội dung ${s.title}`,
            onSelect: (anchor, rect) => (anchor && rect ? button?.show({ section: s, anchor, rect }) : button?.hideFor(s.id)),
            onHighlightClick: (ids) => focusComment(ids[0]),
          });
          readers.set(s.id, reader);
          for (const m of marks.filter((x) => x.sectionId === s.id)) readers.set(`comment:${m.id}`, reader);
        }
        const onQuoteClick = (event: MouseEvent) => {
          const link = (event.target as HTMLElement).closest<HTMLElement>("[data-focus-comment]");
          const id = link?.dataset.focusComment;
          const reader = id ? readers.get(`comment:${id}`) : undefined;
          if (!id || !reader) return;
          event.preventDefault();
          reader.focusHighlight(id);
        };
        document.addEventListener("click", onQuoteClick);
        cleanups.push(
          () => document.removeEventListener("click", onQuoteClick),
          () => button?.remove(),
        );
        cleanups.push(...[...new Set(readers.values())].map((r) => () => r.destroy()));
      })
      // Without the readers the page still works by its forms and links; nothing to tell the reader.
      .catch(() => undefined);
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
    };
  }, [contentUrl, marksUrl, canComment]);
  return null;
}

function focusComment(id: string | undefined) {
  if (!id) return;
  const item = document.getElementById(`y-kien-${id}`);
  if (!item) return;
  for (const e of document.querySelectorAll(".comment--active")) e.classList.remove("comment--active");
  item.classList.add("comment--active");
  item.scrollIntoView({ behavior: "smooth", block: "center" });
  item.querySelector<HTMLElement>("[data-focus-comment]")?.focus({ preventScroll: true });
}

interface Pending {
  section: SectionDoc;
  anchor: { start: number; end: number; exact: string };
  rect: DOMRect;
}

/** The floating "Góp ý" control shown next to a selected passage. */
function commentButton() {
  const el = document.createElement("button");
  el.type = "button";
  el.className = "passage-comment-button";
  el.textContent = "Góp ý đoạn này";
  el.hidden = true;
  document.body.append(el);
  let pending: Pending | null = null;
  el.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection while clicking
  el.addEventListener("click", () => pending && fillForm(pending));
  return {
    show(p: Pending) {
      pending = p;
      el.hidden = false;
      el.style.top = `${window.scrollY + p.rect.bottom + 6}px`;
      el.style.left = `${Math.max(8, Math.min(window.scrollX + p.rect.left, window.scrollX + document.documentElement.clientWidth - 180))}px`;
    },
    /** Readers report "nothing selected" in any order: only the one showing the button hides it. */
    hideFor(sectionId: string) {
      if (pending?.section.id !== sectionId) return;
      pending = null;
      el.hidden = true;
    },
    remove: () => el.remove(),
  };
}

function fillForm({ section, anchor }: Pending) {
  const form = document.getElementById("gop-y") as HTMLFormElement | null;
  if (!form) return;
  const set = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value);
  set("start", String(anchor.start));
  set("end", String(anchor.end));
  set("exact", anchor.exact);
  set("target", section.id);
  const quote = form.querySelector<HTMLElement>(".passage-quote")!;
  quote.hidden = false;
  quote.querySelector("blockquote")!.textContent = `“${anchor.exact}”`;
  quote.querySelector<HTMLButtonElement>("[data-clear-passage]")!.onclick = () => {
    set("start", "");
    set("end", "");
    set("exact", "");
    quote.hidden = true;
  };
  form.scrollIntoView({ behavior: "smooth", block: "center" });
  (form.elements.namedItem("text") as HTMLTextAreaElement).focus({ preventScroll: true });
}
