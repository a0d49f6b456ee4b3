// Where the passage flow's pieces live in the server-rendered draft, which React does not own:
// the margin beside the draft, the slot after a section's text (the next Tab stop after it), and
// the hint at the top of the draft. Browser only; every element made here is removed on cleanup.

/** Wide enough for comments beside the text; narrower screens read them in the list. */
export const WIDE = "(min-width: 1100px)";
/** Phones: the comment form is a bottom sheet. */
export const PHONE = "(max-width: 700px)";
/** Opens the comment form for the selected passage; announced on each section (aria-keyshortcuts). */
export const COMMENT_SHORTCUT = "Alt+Enter";

/** A selected passage's rectangle in page coordinates, so it still holds after scrolling. */
export interface PageRect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function toPageRect(rect: DOMRect): PageRect {
  return { top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY, left: rect.left + window.scrollX, right: rect.right + window.scrollX };
}

export function pageTop(el: Element): number {
  return el.getBoundingClientRect().top + window.scrollY;
}

/** The right-hand column the draft's layout gives comments (DraftReader's `aside.draft-margin`). */
export function marginColumn(): HTMLElement | null {
  return document.querySelector<HTMLElement>("aside.draft-margin");
}

/** An empty element placed right after a section's text, moved from section to section. */
export function sectionSlot(): { el: HTMLElement; moveTo: (anchor: string) => boolean; remove: () => void } {
  const el = document.createElement("div");
  el.className = "passage-slot";
  return {
    el,
    moveTo(anchor) {
      const body = document.querySelector(`#${CSS.escape(anchor)} .section-body`);
      if (!body) return false;
      if (body.nextElementSibling !== el) body.after(el);
      return true;
    },
    remove: () => el.remove(),
  };
}

/** A host at the top of the draft, before its front matter, for the "how to comment" hint. */
export function draftTopHost(): { el: HTMLElement; remove: () => void } | null {
  const draft = document.querySelector(".draft");
  const heading = draft?.querySelector(":scope > .matter-label");
  if (!draft) return null;
  const el = document.createElement("div");
  if (heading) heading.after(el);
  else draft.prepend(el);
  return { el, remove: () => el.remove() };
}

/** The first highlight of a comment, or its section's heading for a comment on a whole section. */
export function commentTarget(commentId: string, sectionAnchor: string | null, isPassage: boolean): Element | null {
  if (isPassage) return document.querySelector(`.passage-highlight[data-comment-ids~="${CSS.escape(commentId)}"]`);
  return sectionAnchor ? document.getElementById(sectionAnchor) : null;
}

/** Keeps Tab and Shift+Tab inside a dialog while it is open. */
export function trapTab(event: KeyboardEvent, root: HTMLElement) {
  if (event.key !== "Tab") return;
  const items = [...root.querySelectorAll<HTMLElement>("button, textarea, input, a[href], [tabindex='0']")].filter((e) => !e.hasAttribute("disabled"));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
