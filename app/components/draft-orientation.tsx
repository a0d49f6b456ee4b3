// Orientation while reading, added in the browser to the draft's shared markup (which is the same
// for every reader, so it cannot hold one reader's figures): where the reader is ("Đang đọc:
// III.2"), how many comments each section has, and the table of contents folded on a phone.
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";

/** Comments this viewer may see, by section id (app/models/comment-counts.server.ts). */
export type SectionCounts = Record<string, number>;

/** The width from which the table of contents and the margin stand beside the draft. */
export const WIDE_SCREEN = "(min-width: 68.75rem)";

export function DraftOrientation({ counts }: { counts: SectionCounts }) {
  const [slots, setSlots] = useState<HTMLElement[]>([]);
  const [readingSlot, setReadingSlot] = useState<HTMLElement | null>(null);
  const reading = useReadingPosition();
  useEffect(() => {
    setSlots([...document.querySelectorAll<HTMLElement>(".draft-markup [data-count-slot]")]);
    setReadingSlot(document.querySelector<HTMLElement>(".draft-markup [data-reading-now]"));
    return foldTocOnPhones();
  }, []);
  return (
    <>
      {slots.map((slot, i) => {
        const n = counts[slot.dataset.countSlot ?? ""];
        if (!n) return null;
        const href = `#y-kien-phan-${slot.dataset.anchor}`;
        return createPortal(
          slot.classList.contains("toc-count") ? (
            <span title={`${n} góp ý`}>
              {n}
              <span className="visually-hidden"> góp ý</span>
            </span>
          ) : (
            <a href={href}>{n} góp ý</a>
          ),
          slot,
          i,
        );
      })}
      {readingSlot && reading
        ? createPortal(
            <>
              <span className="reading-now__label">Đang đọc:</span> <a href={`#${reading.anchor}`}>{reading.path}</a>{" "}
              <span className="reading-now__title">{reading.title}</span>
            </>,
            readingSlot,
          )
        : null}
    </>
  );
}

interface ReadingPosition {
  anchor: string;
  path: string;
  title: string;
}

/** The section crossing the upper third of the window, as the reader scrolls. */
function useReadingPosition(): ReadingPosition | null {
  const [position, setPosition] = useState<ReadingPosition | null>(null);
  useEffect(() => {
    const sections = [...document.querySelectorAll<HTMLElement>(".draft-markup .draft-section")];
    if (!sections.length || typeof IntersectionObserver === "undefined") return;
    const inBand = new Set<HTMLElement>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) inBand.add(e.target as HTMLElement);
          else inBand.delete(e.target as HTMLElement);
        }
        // The last in reading order of those in the band: its heading is the one just passed.
        const current = sections.filter((s) => inBand.has(s)).at(-1);
        for (const link of document.querySelectorAll(".toc [aria-current]")) link.removeAttribute("aria-current");
        if (!current) return setPosition(null);
        document.querySelector(`.toc [data-toc-for="${CSS.escape(current.id)}"]`)?.setAttribute("aria-current", "location");
        const title = current.querySelector(".section-heading")?.textContent ?? "";
        const path = current.dataset.path ?? "";
        setPosition((p) => (p?.anchor === current.id ? p : { anchor: current.id, path, title: title.replace(/^\S+\s*/u, "") }));
      },
      { rootMargin: "-10% 0px -65% 0px" },
    );
    for (const s of sections) observer.observe(s);
    return () => observer.disconnect();
  }, []);
  return position;
}

/** Open beside the draft on a wide screen; on a phone folded, and folded again once a part is chosen. */
function foldTocOnPhones(): () => void {
  const fold = document.querySelector<HTMLDetailsElement>(".draft-markup .toc-fold");
  if (!fold) return () => {};
  const wide = window.matchMedia(WIDE_SCREEN);
  const follow = () => {
    fold.open = wide.matches;
  };
  const onClick = (event: MouseEvent) => {
    if (!wide.matches && (event.target as HTMLElement).closest("a")) fold.open = false;
  };
  if (wide.matches) fold.open = true;
  wide.addEventListener("change", follow);
  fold.addEventListener("click", onClick);
  return () => {
    wide.removeEventListener("change", follow);
    fold.removeEventListener("click", onClick);
  };
}
