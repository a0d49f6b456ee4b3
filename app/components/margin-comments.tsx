// Comments beside the text on a wide screen, as in Google Docs or Hypothesis: each card stands at
// the height of its passage (or its section, for a comment on a whole section), pushed down just
// enough not to overlap the card above. The list at the end of the page stays the complete one.
import { type ReactNode, useLayoutEffect, useRef } from "react";
import { commentTarget, pageTop } from "./passage-dom";

export interface MarginCard {
  id: string;
  sectionAnchor: string | null;
  /** A quoted passage, or null for a comment on the whole section. */
  quote: string | null;
  text: string;
  meta: string;
}

const GAP = 8;
const FORM_ID = "__form";

export function MarginColumn({
  margin,
  cards,
  active,
  onActivate,
  form,
}: {
  margin: HTMLElement;
  cards: MarginCard[];
  active: string | null;
  onActivate: (id: string | null) => void;
  /** The comment form, standing at the selected passage's height: `offset` below its section's text top. */
  form: { node: ReactNode; sectionAnchor: string; offset: number } | null;
}) {
  const list = useRef<HTMLOListElement>(null);
  const formAnchor = form?.sectionAnchor ?? null;
  const formOffset = form?.offset ?? 0;

  useLayoutEffect(() => {
    const ol = list.current;
    if (!ol) return;
    const formTop = () => {
      const body = formAnchor ? document.querySelector(`#${CSS.escape(formAnchor)} .section-body`) : null;
      return body ? pageTop(body) + formOffset : null;
    };
    const place = () => arrange(margin, ol, cards, formTop());
    place();
    // Again once the readers have drawn this render's highlights (their effects run after this one).
    const frame = requestAnimationFrame(place);
    // Text reflows (fonts, a resized window, the letter folding away) move passages; so does a
    // card whose own height changes.
    const observer = new ResizeObserver(place);
    const draft = document.querySelector(".draft");
    if (draft) observer.observe(draft);
    for (const child of ol.children) observer.observe(child);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [margin, cards, formAnchor, formOffset]);

  return (
    <ol className="margin-cards" ref={list}>
      {form ? (
        <li className="margin-item margin-item--form" data-card-id={FORM_ID}>
          {form.node}
        </li>
      ) : null}
      {cards.map((c) => (
        <li
          key={c.id}
          className={`margin-item margin-card${active === c.id ? " margin-card--active" : ""}`}
          data-card-id={c.id}
          onMouseEnter={() => onActivate(c.id)}
          onMouseLeave={() => onActivate(null)}
          onFocus={() => onActivate(c.id)}
          onBlur={() => onActivate(null)}
        >
          <p className="margin-card-meta">{c.meta}</p>
          <p className="margin-card-quote">{c.quote ? `“${c.quote}”` : "Góp ý cho cả phần này"}</p>
          <p className="margin-card-text">{c.text}</p>
          <a className="margin-card-link" href={`#y-kien-${c.id}`} data-card-link={c.id}>
            Xem đầy đủ trong danh sách góp ý
          </a>
        </li>
      ))}
    </ol>
  );
}

/** Puts every card at its passage's height, top to bottom, each below the one before. */
function arrange(margin: HTMLElement, ol: HTMLOListElement, cards: MarginCard[], formTop: number | null) {
  const origin = pageTop(margin);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const items: { el: HTMLElement; want: number }[] = [];
  for (const el of ol.querySelectorAll<HTMLElement>(":scope > [data-card-id]")) {
    const id = el.dataset.cardId!;
    let want: number | null = null;
    if (id === FORM_ID) want = formTop;
    else {
      const card = byId.get(id);
      const target = card ? commentTarget(id, card.sectionAnchor, card.quote !== null) : null;
      want = target ? pageTop(target) : null;
    }
    el.hidden = want === null;
    if (want !== null) items.push({ el, want: want - origin });
  }
  // The form keeps its place beside the selection; cards give way around it.
  const formItem = items.find((i) => i.el.dataset.cardId === FORM_ID);
  const form = formItem ? { top: formItem.want, bottom: formItem.want + formItem.el.offsetHeight + GAP } : null;
  if (formItem) formItem.el.style.top = `${formItem.want}px`;
  items.sort((a, b) => a.want - b.want);
  let floor = 0;
  for (const { el, want } of items) {
    if (el === formItem?.el) continue;
    let top = Math.max(want, floor);
    const height = el.offsetHeight;
    if (form && top < form.bottom && top + height + GAP > form.top) top = form.bottom;
    el.style.top = `${top}px`;
    floor = top + height + GAP;
  }
  ol.style.minHeight = `${Math.max(floor, form?.bottom ?? 0)}px`;
}

/**
 * A highlight tapped where there is no margin (a phone): its comments in a panel at the bottom of
 * the screen, instead of a jump to the list thousands of pixels further down.
 */
export function CommentPeek({ cards, onClose }: { cards: MarginCard[]; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus({ preventScroll: true }), []);
  return (
    <section
      className="comment-peek"
      aria-labelledby="gop-y-doan-nay"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <h2 id="gop-y-doan-nay" className="comment-peek-title">
        Góp ý về đoạn này
      </h2>
      <ul className="comment-peek-list">
        {cards.map((c) => (
          <li key={c.id} className="margin-card">
            <p className="margin-card-meta">{c.meta}</p>
            <p className="margin-card-text">{c.text}</p>
            <a className="margin-card-link" href={`#y-kien-${c.id}`}>
              Xem đầy đủ trong danh sách góp ý
            </a>
          </li>
        ))}
      </ul>
      {cards.length ? null : (
        <p>
          <a href="#danh-sach-gop-y">Xem trong danh sách góp ý</a>
        </p>
      )}
      <button type="button" className="secondary" ref={close} onClick={onClose}>
        Đóng
      </button>
    </section>
  );
}
