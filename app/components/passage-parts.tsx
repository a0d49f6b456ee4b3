// Small pieces of the passage flow: the hint that says text can be selected (and how, by keyboard),
// the "Góp ý đoạn này" control, and a media-query hook.
import { useLayoutEffect, useRef, useSyncExternalStore } from "react";
import type { FormPlace } from "./passage-comment-form";
import { COMMENT_SHORTCUT, type PageRect } from "./passage-dom";

export const HINT_ID = "huong-dan-gop-y-doan";

export function CommentHint() {
  return (
    <p id={HINT_ID} className="passage-hint">
      Chọn một đoạn văn trong dự thảo để góp ý trực tiếp vào đoạn đó, rồi chọn “Góp ý đoạn này”. Bằng bàn phím: nhấn Tab đến nội dung một phần, giữ Shift và
      dùng các phím mũi tên để chọn, rồi nhấn Tab đến nút “Góp ý đoạn này” (hoặc nhấn Alt+Enter).
    </p>
  );
}

/**
 * The control stands where it covers neither the selected line nor the next: in the margin at the
 * selection's top on a wide screen, above the selection on a middling one, at the bottom of the
 * screen on a phone (clear of the system's own selection menu). In the page it comes right after
 * the section's text, so after selecting with Shift+arrows it is the next Tab stop.
 */
export function SelectionControl({ rect, place, margin, onOpen }: { rect: PageRect; place: FormPlace; margin: HTMLElement | null; onOpen: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const slot = el?.parentElement;
    if (!el || !slot || place === "sheet") return;
    const box = slot.getBoundingClientRect();
    const slotTop = box.top + window.scrollY;
    const slotLeft = box.left + window.scrollX;
    let top: number;
    let left: number;
    if (place === "margin" && margin) {
      top = rect.top - slotTop;
      left = margin.getBoundingClientRect().left + window.scrollX - slotLeft;
    } else {
      top = rect.top - slotTop - el.offsetHeight - 6;
      left = Math.max(0, Math.min(rect.left - slotLeft, slot.clientWidth - el.offsetWidth));
    }
    el.style.top = `${top}px`;
    el.style.left = `${left}px`;
  }, [rect, place, margin]);
  return (
    <button
      ref={ref}
      type="button"
      className={`passage-control passage-control--${place}`}
      aria-keyshortcuts={COMMENT_SHORTCUT}
      // Keep the selection while the control is pressed.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onOpen}
    >
      Góp ý đoạn này
    </button>
  );
}

export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", notify);
      return () => list.removeEventListener("change", notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
