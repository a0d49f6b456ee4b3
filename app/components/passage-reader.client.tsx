// A section's text as a read-only ProseMirror view, so a reader can select a passage to comment
// on and see the passages others commented on. Browser only: the server renders the same text as
// static HTML (RichText) and this replaces it after load, leaving the page usable without script.
import type { Node, Schema } from "@tiptap/pm/model";
import { EditorState, Plugin, PluginKey, Selection, TextSelection, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, EditorView } from "@tiptap/pm/view";
import { anchorFromSelection, type PassageAnchor, rangeForAnchor, textOffsetAt } from "~/domain/pm-offsets";
import type { TiptapDoc } from "~/domain/tiptap";
import { draftSchema } from "~/domain/tiptap-schema";
import { COMMENT_SHORTCUT } from "./passage-dom";

export type { PassageAnchor };

export interface PassageHighlight {
  id: string;
  start: number;
  end: number;
  active?: boolean;
}

export interface PassageReaderOptions {
  doc: TiptapDoc;
  highlights: PassageHighlight[];
  /** The passage now selected in this reader and its viewport rectangle; null when it has none. */
  onSelect: (anchor: PassageAnchor | null, rect: DOMRect | null) => void;
  /** Comment ids under a click on a highlight, or under the caret when Enter is pressed. */
  onHighlightClick?: (ids: string[], via: "pointer" | "keyboard") => void;
  /** Accessible name of the reader, e.g. "Nội dung Điều 3, chọn đoạn văn để góp ý". */
  label: string;
  /** The id of the element that tells how to comment with the keyboard. */
  describedBy?: string;
  /** Alt+Enter with a passage selected: open the comment form for it. */
  onCommentKey?: () => void;
}

export interface PassageReader {
  setHighlights(highlights: PassageHighlight[]): void;
  /** Scrolls to the highlight and makes it the only active one. */
  focusHighlight(id: string): void;
  /** Focuses the text again without scrolling, with this passage selected when it is given. */
  restore(passage: { start: number; end: number } | null): void;
  /** Removes the view and puts the server-rendered markup back. */
  destroy(): void;
}

const HIGHLIGHT = "passage-highlight";

let schema: Schema | undefined;
// The same schema the stored JSON is validated against, built once per page.
const readerSchema = () => (schema ??= draftSchema());

interface ReaderState {
  highlights: PassageHighlight[];
  decorations: DecorationSet;
  focused: boolean;
}

type ReaderMeta = { highlights: PassageHighlight[] } | { focused: boolean };

const readerKey = new PluginKey<ReaderState>("passageReader");

/**
 * One decoration per stretch of text covered by the same set of comments. ProseMirror merges the
 * attributes of decorations that cover the same text and the last data attribute would win, so
 * overlapping comments are cut at every boundary instead, each piece listing all its comment ids.
 */
function highlightDecorations(doc: Node, highlights: PassageHighlight[]): DecorationSet {
  const ranges = highlights.map((h) => ({ h, ...rangeForAnchor(doc, h) })).filter((r) => r.from < r.to);
  const cuts = [...new Set(ranges.flatMap((r) => [r.from, r.to]))].sort((a, b) => a - b);
  const decorations: Decoration[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const over = ranges.filter((r) => r.from <= from && r.to >= to);
    if (!over.length) continue;
    const classes = [HIGHLIGHT];
    if (over.length > 1) classes.push(`${HIGHLIGHT}--overlap`);
    if (over.some((r) => r.h.active)) classes.push(`${HIGHLIGHT}--active`);
    decorations.push(
      // <mark> so assistive technology can announce commented text as highlighted.
      Decoration.inline(from, to, { nodeName: "mark", class: classes.join(" "), "data-comment-ids": over.map((r) => r.h.id).join(" ") }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function caretElement(): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "passage-caret";
  caret.setAttribute("aria-hidden", "true");
  return caret;
}

function readerPlugin(initial: PassageHighlight[]): Plugin<ReaderState> {
  return new Plugin<ReaderState>({
    key: readerKey,
    state: {
      init: (_config, state) => ({ highlights: initial, decorations: highlightDecorations(state.doc, initial), focused: false }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(readerKey) as ReaderMeta | undefined;
        if (!meta) return value; // the document never changes in a read-only view
        if ("focused" in meta) return { ...value, focused: meta.focused };
        return { ...value, highlights: meta.highlights, decorations: highlightDecorations(state.doc, meta.highlights) };
      },
    },
    props: {
      decorations(state) {
        const own = readerKey.getState(state);
        if (!own) return null;
        const { selection } = state;
        if (!own.focused || !selection.empty) return own.decorations;
        // Browsers draw no caret in text that cannot be edited; keyboard users need to see
        // where Shift+arrow will start selecting from.
        const caret = Decoration.widget(selection.head, caretElement, { key: "caret", side: 1, marks: [], ignoreSelection: true });
        return own.decorations.add(state.doc, [caret]);
      },
    },
  });
}

function idsAt(target: EventTarget | null): string[] {
  const mark = target instanceof Element ? target.closest(`.${HIGHLIGHT}`) : null;
  return mark?.getAttribute("data-comment-ids")?.split(" ").filter(Boolean) ?? [];
}

function rangeRect(view: EditorView, from: number, to: number): DOMRect | null {
  try {
    const start = view.domAtPos(from, 1);
    const end = view.domAtPos(to, -1);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range.getBoundingClientRect();
  } catch {
    return null;
  }
}

type Motion = { granularity: "character" | "word" | "line" | "paragraph" | "lineboundary"; forward: boolean } | { edge: "start" | "end" };

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

// Chromium extends a selection in read-only text with Shift+arrows, but will neither move nor
// extend a bare caret there (unless caret browsing is on), so the reader moves it itself, with
// each platform's usual keys. Other combinations, such as Alt+Left for "back", stay the browser's.
function motionFor(event: KeyboardEvent): Motion | null {
  const mac = isMac();
  const word = mac ? event.altKey : event.ctrlKey;
  const line = mac && event.metaKey;
  const extra = mac ? event.ctrlKey || (event.altKey && event.metaKey) : event.altKey || event.metaKey;
  if (extra) return null;
  switch (event.key) {
    case "ArrowLeft":
    case "ArrowRight":
      return { granularity: line ? "lineboundary" : word ? "word" : "character", forward: event.key === "ArrowRight" };
    case "ArrowUp":
    case "ArrowDown":
      if (line) return { edge: event.key === "ArrowUp" ? "start" : "end" };
      return { granularity: word ? "paragraph" : "line", forward: event.key === "ArrowDown" };
    case "Home":
    case "End":
      if (event.ctrlKey || event.metaKey) return { edge: event.key === "Home" ? "start" : "end" };
      return { granularity: "lineboundary", forward: event.key === "End" };
    default:
      return null;
  }
}

const FORM_FIELDS = "input, textarea, select, button, [contenteditable='true']";

export function mountPassageReader(container: HTMLElement, opts: PassageReaderOptions): PassageReader {
  const doc = readerSchema().nodeFromJSON(opts.doc);
  doc.check(); // a document the schema rejects would map offsets wrongly; fail loudly instead
  const serverMarkup = [...container.childNodes];

  let lastReported = "";
  let pointerDown = false;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let focusTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = (anchor: PassageAnchor | null, rect: DOMRect | null) => {
    const key = anchor ? `${anchor.start}:${anchor.end}` : "";
    if (key === lastReported) return;
    lastReported = key;
    opts.onSelect(anchor, rect);
  };

  const report = () => {
    // While the mouse is down the selection is still being dragged; mouseup reports the result.
    if (pointerDown || view.isDestroyed) return;
    const { from, to, empty } = view.state.selection;
    const anchor = empty ? null : anchorFromSelection(doc, from, to);
    if (!anchor) return emit(null, null);
    const range = rangeForAnchor(doc, anchor);
    emit(anchor, rangeRect(view, range.from, range.to));
  };

  const edgePosition = (edge: "start" | "end") => (edge === "start" ? Selection.atStart(doc) : Selection.atEnd(doc)).head;

  const selectionInside = (sel: globalThis.Selection | null): sel is globalThis.Selection =>
    !!sel?.anchorNode && view.dom.contains(sel.anchorNode) && !!sel.focusNode && view.dom.contains(sel.focusNode);

  /**
   * Selects on the DOM as well as in the state: ProseMirror only draws a read-only view's
   * selection once the DOM selection is already inside it.
   */
  const select = (anchor: number, head: number, scroll = true) => {
    const a = view.domAtPos(anchor);
    const h = view.domAtPos(head);
    document.getSelection()?.setBaseAndExtent(a.node, a.offset, h.node, h.offset);
    const tr = view.state.tr.setSelection(TextSelection.create(doc, anchor, head));
    view.dispatch(scroll ? tr.scrollIntoView() : tr);
  };

  /** Moves or extends the selection by a keyboard motion, never past the reader's text. */
  const move = (motion: Motion, extend: boolean) => {
    let sel = document.getSelection();
    if (!selectionInside(sel)) {
      select(view.state.selection.anchor, view.state.selection.head, false);
      sel = document.getSelection();
      if (!selectionInside(sel)) return;
    }
    const anchor = view.posAtDOM(sel.anchorNode!, sel.anchorOffset);
    let head: number;
    if ("edge" in motion) head = edgePosition(motion.edge);
    else {
      sel.modify(extend ? "extend" : "move", motion.forward ? "forward" : "backward", motion.granularity);
      head = selectionInside(sel) ? view.posAtDOM(sel.focusNode!, sel.focusOffset) : edgePosition(motion.forward ? "end" : "start");
    }
    select(extend ? anchor : head, head);
  };

  container.replaceChildren();
  const view: EditorView = new EditorView(container, {
    state: EditorState.create({ doc, plugins: [readerPlugin(opts.highlights)] }),
    editable: () => false,
    attributes: {
      tabindex: "0",
      role: "document",
      "aria-label": opts.label,
      ...(opts.onCommentKey ? { "aria-keyshortcuts": COMMENT_SHORTCUT } : {}),
      ...(opts.describedBy ? { "aria-describedby": opts.describedBy } : {}),
    },
    dispatchTransaction(tr: Transaction) {
      view.updateState(view.state.apply(tr));
      if (tr.selectionSet) report();
    },
    handleClick(_view, _pos, event) {
      const ids = idsAt(event.target);
      if (ids.length && opts.onHighlightClick) opts.onHighlightClick(ids, "pointer");
      return false; // the click still places the caret as usual
    },
    handleDOMEvents: {
      mousedown(_view, event) {
        if (event.button === 0) pointerDown = true;
        return false;
      },
      focus(v) {
        v.dispatch(v.state.tr.setMeta(readerKey, { focused: true } satisfies ReaderMeta));
        // Keyboard users arrive by Tab with no caret in the text: put back the reader's own
        // selection (at first, the start of the text) so arrow keys have somewhere to begin.
        clearTimeout(focusTimer);
        focusTimer = setTimeout(() => {
          if (pointerDown || v.isDestroyed || !v.hasFocus() || selectionInside(document.getSelection())) return;
          select(v.state.selection.anchor, v.state.selection.head, false);
        }, 0);
        return false;
      },
      blur(v) {
        v.dispatch(v.state.tr.setMeta(readerKey, { focused: false } satisfies ReaderMeta));
        return false;
      },
      keydown(v, event) {
        if (event.defaultPrevented || event.isComposing) return false;
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "a") {
          // Native select-all would take the whole page, which is not a passage of this section.
          event.preventDefault();
          select(edgePosition("start"), edgePosition("end"), false);
          return true;
        }
        if (event.key === "Enter" && event.altKey && opts.onCommentKey) {
          if (v.state.selection.empty) return false;
          event.preventDefault();
          opts.onCommentKey();
          return true;
        }
        if (event.key === "Enter" && opts.onHighlightClick) {
          const ids = idsUnderSelection(v);
          if (!ids.length) return false;
          event.preventDefault();
          opts.onHighlightClick(ids, "keyboard");
          return true;
        }
        const motion = motionFor(event);
        if (!motion) return false;
        event.preventDefault();
        move(motion, event.shiftKey);
        return true;
      },
    },
  });

  const idsUnderSelection = (v: EditorView): string[] => {
    // The DOM selection first: a key can arrive before the selectionchange event of the click
    // that just moved the caret has reached ProseMirror.
    const sel = document.getSelection();
    let { from, to } = v.state.selection;
    if (selectionInside(sel)) {
      const anchor = v.posAtDOM(sel.anchorNode!, sel.anchorOffset);
      const head = v.posAtDOM(sel.focusNode!, sel.focusOffset);
      [from, to] = [Math.min(anchor, head), Math.max(anchor, head)];
    }
    const a = textOffsetAt(doc, from);
    const b = textOffsetAt(doc, to);
    const highlights = readerKey.getState(v.state)?.highlights ?? [];
    return highlights.filter((h) => (a === b ? h.start <= a && a <= h.end : h.start < b && a < h.end)).map((h) => h.id);
  };

  const onMouseUp = () => {
    if (!pointerDown) return;
    pointerDown = false;
    clearTimeout(reportTimer);
    // After ProseMirror's own mouseup handling, which may still adjust the selection.
    reportTimer = setTimeout(report, 0);
  };

  // A reader whose selection was replaced by one elsewhere on the page (another section, plain
  // text) says so; moving into a form field, such as the comment box it opened, does not count.
  const onSelectionChange = () => {
    if (!lastReported || pointerDown) return;
    const sel = document.getSelection();
    if (!sel?.anchorNode) return;
    if (view.dom.contains(sel.anchorNode) && view.dom.contains(sel.focusNode)) return;
    if (document.activeElement?.matches(FORM_FIELDS)) return;
    emit(null, null);
  };

  document.addEventListener("mouseup", onMouseUp, true);
  document.addEventListener("selectionchange", onSelectionChange);

  const setHighlights = (highlights: PassageHighlight[]) => {
    if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(readerKey, { highlights } satisfies ReaderMeta));
  };

  return {
    setHighlights,
    focusHighlight(id) {
      const current = readerKey.getState(view.state)?.highlights ?? [];
      if (!current.some((h) => h.id === id)) return;
      setHighlights(current.map((h) => ({ ...h, active: h.id === id })));
      const mark = view.dom.querySelector(`[data-comment-ids~="${CSS.escape(id)}"]`);
      const calm = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
      mark?.scrollIntoView({ block: "center", behavior: calm ? "auto" : "smooth" });
    },
    restore(passage) {
      if (view.isDestroyed) return;
      view.dom.focus({ preventScroll: true });
      if (!passage) return;
      const range = rangeForAnchor(doc, passage);
      if (range.from < range.to) select(range.from, range.to, false);
    },
    destroy() {
      if (view.isDestroyed) return;
      clearTimeout(reportTimer);
      clearTimeout(focusTimer);
      document.removeEventListener("mouseup", onMouseUp, true);
      document.removeEventListener("selectionchange", onSelectionChange);
      view.destroy();
      container.replaceChildren(...serverMarkup);
    },
  };
}
