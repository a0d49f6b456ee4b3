// A draft's split while the Office checks it, before it is saved as a Document: the sections in
// document order, each with its level. The tree is nothing more than position + level (a section's
// parent is the nearest section before it with a smaller level), so every fix below keeps one
// invariant — the first section is at level 1 and no section is more than one level below the one
// before it — and the parents follow from it without being stored.
import type { SplitDraft } from "./sections";
import { docToPlainText, paragraphsToDoc, type TiptapDoc, type TiptapNode } from "./tiptap";

export interface DraftSectionState {
  level: number;
  kind: string;
  label: string;
  heading: string;
  /** The splitter's anchor; "" for a section the clerk made or relabelled (derived on save). */
  anchor: string;
  content: TiptapDoc;
}

export interface DraftState {
  frontMatter: TiptapDoc;
  backMatter: TiptapDoc;
  sections: DraftSectionState[];
}

export type EditResult = { ok: true; state: DraftState } | { ok: false; error: string };

const refuse = (error: string): EditResult => ({ ok: false, error });
const done = (state: DraftState): EditResult => ({ ok: true, state });

export function stateFromSplit(split: SplitDraft): DraftState {
  return {
    frontMatter: paragraphsToDoc(split.frontMatter),
    backMatter: paragraphsToDoc(split.backMatter),
    sections: split.sections.map((s) => ({
      level: s.level,
      kind: s.kind,
      label: s.label,
      heading: s.heading,
      anchor: s.anchor,
      content: paragraphsToDoc(s.body),
    })),
  };
}

/** Each section's parent index, derived from position and level. */
export function parentIndexes(sections: readonly { level: number }[]): (number | null)[] {
  const stack: number[] = [];
  return sections.map((s, i) => {
    while (stack.length && sections[stack[stack.length - 1]!]!.level >= s.level) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]! : null;
    stack.push(i);
    return parent;
  });
}

/** The index just past the section's descendants. */
function subtreeEnd(sections: readonly DraftSectionState[], index: number): number {
  const level = sections[index]!.level;
  let end = index + 1;
  while (end < sections.length && sections[end]!.level > level) end++;
  return end;
}

function shiftLevels(sections: DraftSectionState[], from: number, to: number, by: number): DraftSectionState[] {
  return sections.map((s, i) => (i >= from && i < to ? { ...s, level: s.level + by } : s));
}

const NO_SECTION = "Không tìm thấy phần, mục này (có thể trang đã cũ); hãy tải lại trang.";

/**
 * Moves a heading one level up (-1) or down (+1), carrying its sub-items with it, as an outline
 * does: otherwise promoting "1. Mục tiêu" would leave its "a)" items hanging under the wrong part.
 */
export function changeLevel(state: DraftState, index: number, delta: -1 | 1): EditResult {
  const section = state.sections[index];
  if (!section) return refuse(NO_SECTION);
  const previous = state.sections[index - 1];
  if (delta === -1 && section.level <= 1) return refuse("Phần, mục này đã ở cấp cao nhất.");
  if (delta === 1 && (!previous || previous.level < section.level)) {
    return refuse("Không thể hạ cấp: phần, mục ngay trước nó phải cùng cấp hoặc thấp hơn để làm mục cha.");
  }
  return done({ ...state, sections: shiftLevels(state.sections, index, subtreeEnd(state.sections, index), delta) });
}

function headingParagraph(s: DraftSectionState): TiptapNode[] {
  const text = [s.label, s.heading].filter(Boolean).join(" ").trim();
  return text ? [{ type: "paragraph", content: [{ type: "text", text }] }] : [];
}

function isEmptyDoc(doc: TiptapDoc): boolean {
  return docToPlainText(doc).trim() === "" && doc.content.every((n) => n.type === "paragraph");
}

/**
 * Joins a section to the one before it: what the splitter took for a heading ("3. Ủy ban nhân dân
 * các huyện …") was usually a numbered paragraph, so its label and heading come back as the first
 * paragraph of the merged text, as they read in the document. Its sub-items move up a level only
 * as far as they must to stay under the section they now follow.
 */
export function mergeIntoPrevious(state: DraftState, index: number): EditResult {
  const section = state.sections[index];
  const previous = state.sections[index - 1];
  if (!section) return refuse(NO_SECTION);
  if (!previous) return refuse("Phần, mục đầu tiên không có phần, mục nào trước nó để gộp vào.");
  const moved = [...headingParagraph(section), ...(isEmptyDoc(section.content) ? [] : section.content.content)];
  const kept = isEmptyDoc(previous.content) ? [] : previous.content.content;
  const merged: DraftSectionState = { ...previous, content: { type: "doc", content: [...kept, ...moved] } };
  const end = subtreeEnd(state.sections, index);
  const shifted = shiftLevels(state.sections, index + 1, end, Math.min(0, previous.level - section.level));
  return done({ ...state, sections: [...shifted.slice(0, index - 1), merged, ...shifted.slice(index + 1)] });
}

export interface NewHeading {
  label: string;
  heading: string;
}

/**
 * Cuts a section before one of its paragraphs: the paragraphs from there on become a new section
 * at the same level with the label and heading the clerk typed. Sections below the cut follow
 * the new one in the document, so they become its sub-items, as they would read.
 */
export function splitSection(state: DraftState, index: number, paragraph: number, heading: NewHeading): EditResult {
  const section = state.sections[index];
  if (!section) return refuse(NO_SECTION);
  const blocks = section.content.content;
  if (!Number.isInteger(paragraph) || paragraph < 1 || paragraph >= blocks.length) {
    return refuse("Hãy chọn một đoạn ở giữa phần, mục để tách (không phải đoạn đầu tiên).");
  }
  const before: DraftSectionState = { ...section, content: { type: "doc", content: blocks.slice(0, paragraph) } };
  const after: DraftSectionState = {
    ...section,
    label: heading.label,
    heading: heading.heading,
    anchor: "",
    content: { type: "doc", content: blocks.slice(paragraph) },
  };
  return done({ ...state, sections: [...state.sections.slice(0, index), before, after, ...state.sections.slice(index + 1)] });
}

export function relabel(state: DraftState, index: number, heading: NewHeading): EditResult {
  const section = state.sections[index];
  if (!section) return refuse(NO_SECTION);
  const anchor = section.label === heading.label ? section.anchor : "";
  return done({ ...state, sections: state.sections.map((s, i) => (i === index ? { ...s, ...heading, anchor } : s)) });
}

export function setContent(state: DraftState, index: number, content: TiptapDoc): EditResult {
  if (!state.sections[index]) return refuse(NO_SECTION);
  return done({ ...state, sections: state.sections.map((s, i) => (i === index ? { ...s, content } : s)) });
}

/** "II.", "Điều 3." → "ii", "dieu-3": an id fragment from a label, Vietnamese letters folded. */
export function labelSlug(label: string): string {
  const slug = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || "muc";
}

/** Anchors for saving: the splitter's where kept, the others from the label under the parent's; all unique. */
export function finalAnchors(sections: readonly DraftSectionState[]): string[] {
  const parents = parentIndexes(sections);
  const used = new Set<string>();
  const anchors: string[] = [];
  sections.forEach((s, i) => {
    const parent = parents[i];
    const base = s.anchor || (parent === null || parent === undefined ? labelSlug(s.label) : `${anchors[parent]}-${labelSlug(s.label)}`);
    let anchor = base;
    for (let k = 2; used.has(anchor); k++) anchor = `${base}-${k}`;
    used.add(anchor);
    anchors.push(anchor);
  });
  return anchors;
}
