import { joinParagraphs, normalizeParagraph, type Paragraph, paragraphText, sliceParagraph, trimParagraph } from "./draft-text";
import { withLetterhead } from "./letterhead";

export type SectionKind = "part" | "chapter" | "subsection" | "article" | "item" | "subitem" | "point";

export interface SplitSection {
  kind: SectionKind;
  /** 1 = top. */
  level: number;
  /** Index in sections[]. */
  parentIndex: number | null;
  /** "III.", "2.", "1.1.", "a)", "Chương I", "Mục 1", "Điều 3." */
  label: string;
  heading: string;
  anchor: string;
  body: Paragraph[];
}

export interface SplitDraft {
  frontMatter: Paragraph[];
  /** Depth-first document order. */
  sections: SplitSection[];
  backMatter: Paragraph[];
}

/** "III. NỘI DUNG", or just "3." for a numbered paragraph without a title of its own. */
/** Where a comment on the whole draft stands, as the comment lists, the decision screen and the receipt say it. */
export const GENERAL_COMMENTS_TITLE = "Góp ý chung cho toàn bộ dự thảo";

export function sectionTitle(s: { label: string; heading: string }): string {
  return s.heading ? `${s.label} ${s.heading}` : s.label;
}

/** About this many words name a section that has no heading of its own. */
const SHORT_TITLE_WORDS = 8;

/**
 * A section as the table of contents and the pickers list it: its title, or for a numbered
 * paragraph without one ("3. Ủy ban nhân dân các huyện, thị xã, thành phố …") its label and first
 * words, cut at a word boundary, so the list does not read "3.", "4.", "5.".
 */
export function shortTitle(s: { label: string; heading: string }, text: string): string {
  if (s.heading) return sectionTitle(s);
  const words = (text.split("\n").find((line) => line.trim()) ?? "").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return s.label;
  const shown = words.slice(0, SHORT_TITLE_WORDS).join(" ");
  return words.length > SHORT_TITLE_WORDS ? `${s.label} ${shown.replace(/[,;:.]$/u, "")}…` : `${s.label} ${shown}`;
}

/**
 * A section named with the labels of the parts above it, for lists read out of the draft's
 * context, such as the report's "Phần, mục" column: item 2 of part II is "II.2. Mục tiêu cụ thể",
 * not one of several "2. …"; "Chương I, Điều 3. …" where a label does not end in a full stop.
 */
export function sectionPathTitle(s: { label: string; heading: string }, ancestorLabels: string[]): string {
  const path = [...ancestorLabels, s.label].reduce((acc, label) => (!acc ? label : acc.endsWith(".") ? acc + label : `${acc}, ${label}`), "");
  return s.heading ? `${path} ${s.heading}` : path;
}

export class DraftStructureError extends Error {
  override name = "DraftStructureError";
}

const NO_STRUCTURE_MESSAGE =
  "Không nhận ra cấu trúc của dự thảo: không tìm thấy phần, chương, mục hay điều nào " + "(ví dụ «I. …», «Chương I», «Điều 1.», «1. …»).";

// Official Vietnamese point lettering skips f, j, w and z and puts đ after d.
const POINT_LETTERS = Array.from("abcdđeghiklmnopqrstuvxy");

/** Beyond these the text after a label is a paragraph of body, not a title. */
const LONG_HEADING_CHARS = 150;
const HEADING_COLON_WINDOW = 120;
const MAX_TITLE_LINE_CHARS = 200;
const LONG_PARAGRAPH_CHARS = 200;

export interface HeadingMatch {
  kind: SectionKind;
  /** Ordinal path: [3] for "III.", [1, 2] for "1.2.", [5] for "đ)". */
  numbers: number[];
  label: string;
  /** Title text as written after the label; null when it sits on the next line. */
  title: string | null;
}

// ---------------------------------------------------------------- numerals

const ROMAN_DIGITS: Array<[number, string]> = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

export function toRoman(n: number): string {
  let out = "";
  for (const [value, digits] of ROMAN_DIGITS) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

function romanValue(s: string): number | null {
  const value = Array.from(s).reduce((sum, ch, i, all) => {
    const here = ROMAN_DIGITS.find(([, d]) => d === ch)?.[0] ?? 0;
    const next = ROMAN_DIGITS.find(([, d]) => d === all[i + 1])?.[0] ?? 0;
    return here < next ? sum - here : sum + here;
  }, 0);
  // Only canonical spellings, so "IIII" or "IC" are not taken for numbers.
  return value > 0 && toRoman(value) === s ? value : null;
}

/** Arabic or Roman numeral; no leading zeros, at most two digits. */
function numeralValue(s: string): number | null {
  if (/^[1-9]\d?$/.test(s)) return Number(s);
  return /^[IVXLCDM]+$/.test(s) ? romanValue(s) : null;
}

// ---------------------------------------------------------------- heading lines

const SEPARATOR = /^\s*[.:\-–—]\s*(.*)$/su;

/**
 * What follows "Chương I" / "Mục 1": nothing (title on the next line), a
 * separator and a title, or an all-caps title. Anything else means the words
 * are a sentence ("Mục 2 của Chương này …"), so undefined.
 */
function keywordTitle(rest: string): string | null | undefined {
  if (rest.trim() === "") return null;
  const separated = SEPARATOR.exec(rest);
  if (separated) return separated[1]?.trim() ? separated[1] : null;
  if (/^\s/u.test(rest) && !/\p{Ll}/u.test(rest)) return rest;
  return undefined;
}

function matchKeyword(line: string): HeadingMatch | null {
  const m = /^(Chương|CHƯƠNG|Mục|MỤC)\s+([IVXLCDM]+|\d+)(.*)$/su.exec(line);
  if (!m) return null;
  const [, keyword = "", numeral = "", rest = ""] = m;
  const n = numeralValue(numeral);
  const title = keywordTitle(rest);
  if (n === null || title === undefined) return null;
  const chapter = keyword.toLowerCase() === "chương";
  return {
    kind: chapter ? "chapter" : "subsection",
    numbers: [n],
    label: `${chapter ? "Chương" : "Mục"} ${numeral}`,
    title,
  };
}

function matchArticle(line: string): HeadingMatch | null {
  const m = /^(?:Điều|ĐIỀU)\s+([1-9]\d{0,2})\s*[.:](?:\s+|$)(.*)$/su.exec(line);
  if (!m) return null;
  return { kind: "article", numbers: [Number(m[1])], label: `Điều ${m[1]}.`, title: m[2] ?? "" };
}

function matchPart(line: string): HeadingMatch | null {
  const m = /^([IVXLCDM]+)\.(?:\s+|$|(?=\p{Lu}))(.*)$/su.exec(line);
  const n = m ? romanValue(m[1] ?? "") : null;
  if (!m || n === null) return null;
  return { kind: "part", numbers: [n], label: `${m[1]}.`, title: m[2] ?? "" };
}

function matchNumbered(line: string): HeadingMatch | null {
  const m = /^(\d+(?:\.\d+)*)(\.?)(\s*)(.*)$/su.exec(line);
  if (!m) return null;
  const [, dotted = "", dot, space, title = ""] = m;
  const numbers = dotted.split(".").map((part) => (/^[1-9]\d?$/.test(part) ? Number(part) : NaN));
  // Leading zeros and long groups are dates and amounts: "01.01.2025", "64.200.000".
  if (numbers.some(Number.isNaN)) return null;
  // "2025 là năm …": a bare number needs its dot to be a label.
  if (numbers.length === 1 && !dot) return null;
  // "1.Mục đích" is a common typing slip; "2.5%" is not a label.
  if (!space && title && !(dot && /^\p{L}/u.test(title))) return null;
  const kind = numbers.length === 1 ? "item" : "subitem";
  return { kind, numbers, label: `${dotted}.`, title };
}

/** Word's own lettering (a, b, c, d, e, f …) has no đ; its letters are numbered past the official ones. */
const LATIN_OFFSET = 100;

function matchPoint(line: string): HeadingMatch | null {
  const m = /^([a-zđ])\)\s*(.*)$/su.exec(line);
  if (!m) return null;
  const letter = m[1] ?? "";
  const index = POINT_LETTERS.indexOf(letter);
  const number = index >= 0 ? index + 1 : LATIN_OFFSET + letter.charCodeAt(0);
  return { kind: "point", numbers: [number], label: `${letter})`, title: m[2] ?? "" };
}

/** "e)" after "d)", as Word's automatic lettering writes it: the next letter of the Latin alphabet. */
function nextLatinLetter(prev: Node | undefined, match: HeadingMatch): boolean {
  const letter = match.label.charCodeAt(0);
  const before = prev?.section.label.charCodeAt(0);
  return match.kind === "point" && before !== undefined && before !== 0x111 && letter === before + 1;
}

/** Syntactic heading recognition of one line, without any sequence check. */
export function parseHeadingLine(line: string): HeadingMatch | null {
  const text = line.normalize("NFC").trim();
  return matchKeyword(text) ?? matchArticle(text) ?? matchPart(text) ?? matchNumbered(text) ?? matchPoint(text);
}

/** True when the line looks like a section label ("I. …", "Điều 2.", "a) …"). */
export function isHeadingLine(line: string): boolean {
  return parseHeadingLine(line) !== null;
}

/** Bullet lines as typed in drafts: "- …", "+ …", "– …", "• …". */
export function isListLine(line: string): boolean {
  return /^\s*[-+–•]\s/u.test(line);
}

function isBackMatterStart(text: string): boolean {
  return /^nơi nhận\s*:/iu.test(text) || /^(?:TM|KT|TL|TUQ|Q)\.\s+\p{Lu}+(?:\s|$)/u.test(text);
}

// ---------------------------------------------------------------- nesting

const BASE_RANK: Record<SectionKind, number> = {
  part: 0,
  chapter: 1,
  subsection: 2,
  article: 3,
  item: 4,
  subitem: 4,
  point: 20,
};

/** "1.1." sits under "1." and "1.1.2." under "1.1.", so depth adds to the rank. */
function rankOf(kind: SectionKind, numbers: number[]): number {
  return BASE_RANK[kind] + (kind === "subitem" ? numbers.length - 1 : 0);
}

interface Node {
  section: SplitSection;
  rank: number;
  numbers: number[];
}

interface State {
  nodes: Node[];
  stack: number[];
  /** Last child per parent, kind and depth: the sibling a new label must follow. */
  lastChild: Map<string, number>;
  frontMatter: Paragraph[];
  backMatter: Paragraph[];
}

function siblingKey(parent: number | null, kind: SectionKind, depth: number): string {
  return `${parent ?? "root"}|${kind}|${depth}`;
}

function parentFor(state: State, rank: number): number | null {
  for (let i = state.stack.length - 1; i >= 0; i--) {
    const index = state.stack[i] as number;
    if ((state.nodes[index] as Node).rank < rank) return index;
  }
  return null;
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * Bare numbers and letters also start ordinary sentences and amounts, so a
 * label only counts when it starts a list (1, I, a) or continues the
 * previous sibling's count; "1.2." must also sit under "1.".
 */
function fitsSequence(state: State, match: HeadingMatch): boolean {
  if (["chapter", "subsection", "article"].includes(match.kind)) return true;
  const parent = parentFor(state, rankOf(match.kind, match.numbers));
  const prevIndex = state.lastChild.get(siblingKey(parent, match.kind, match.numbers.length));
  const prev = prevIndex === undefined ? undefined : state.nodes[prevIndex];
  const ordinal = match.numbers[match.numbers.length - 1] as number;
  if (ordinal !== (prev ? (prev.numbers[prev.numbers.length - 1] as number) + 1 : 1)) return nextLatinLetter(prev, match);
  if (match.kind !== "subitem") return true;
  const parentNode = parent === null ? undefined : state.nodes[parent];
  const numbered = parentNode && ["item", "subitem"].includes(parentNode.section.kind);
  const expected = numbered ? parentNode.numbers : prev?.numbers.slice(0, -1);
  return !expected || sameNumbers(expected, match.numbers.slice(0, -1));
}

// ---------------------------------------------------------------- heading text

interface HeadingParts {
  heading: string;
  body: Paragraph[];
  /** Following paragraphs used up as the title. */
  consumed: number;
}

function nonEmpty(p: Paragraph): Paragraph[] {
  const trimmed = trimParagraph(p);
  return paragraphText(trimmed) ? [trimmed] : [];
}

function isTitleLine(line: string): boolean {
  const text = line.trim();
  return text !== "" && text.length <= MAX_TITLE_LINE_CHARS && !isHeadingLine(text) && !isListLine(text) && !isBackMatterStart(text);
}

/** "Chương I" with the title on the next line of the block or the next block. */
function titleFromNextLine(p: Paragraph, next: Paragraph | undefined): HeadingParts {
  const lines = paragraphText(p).split("\n");
  const [first = "", second] = lines;
  if (second !== undefined) {
    if (!isTitleLine(second)) return { heading: "", body: nonEmpty(sliceParagraph(p, first.length + 1)), consumed: 0 };
    return { heading: second.trim(), body: nonEmpty(sliceParagraph(p, first.length + second.length + 2)), consumed: 0 };
  }
  const nextText = next ? paragraphText(next) : "";
  if (next && !next.table && !nextText.includes("\n") && isTitleLine(nextText)) return { heading: nextText.trim(), body: [], consumed: 1 };
  return { heading: "", body: [], consumed: 0 };
}

/**
 * A label followed by a whole paragraph ("1. Sở X có trách nhiệm: Làm …"):
 * the words before an early colon are the heading and the rest is body; with
 * no such colon the whole text is body and the heading stays empty.
 */
function titleOnSameLine(p: Paragraph, title: string): HeadingParts {
  const firstLine = paragraphText(p).split("\n")[0] ?? "";
  const start = firstLine.trimEnd().length - title.length;
  const text = title.trim();
  if (text.length <= LONG_HEADING_CHARS) {
    return { heading: text, body: nonEmpty(sliceParagraph(p, firstLine.length + 1)), consumed: 0 };
  }
  const colon = title.indexOf(":");
  if (colon >= 0 && colon < HEADING_COLON_WINDOW) {
    return { heading: title.slice(0, colon).trim(), body: nonEmpty(sliceParagraph(p, start + colon + 1)), consumed: 0 };
  }
  return { heading: "", body: nonEmpty(sliceParagraph(p, start)), consumed: 0 };
}

// ---------------------------------------------------------------- building

function openSection(state: State, match: HeadingMatch, p: Paragraph, next: Paragraph | undefined): number {
  const rank = rankOf(match.kind, match.numbers);
  const parentIndex = parentFor(state, rank);
  while (state.stack.length && state.stack[state.stack.length - 1] !== parentIndex) state.stack.pop();
  const parts = match.title === null ? titleFromNextLine(p, next) : titleOnSameLine(p, match.title);
  const section: SplitSection = {
    kind: match.kind,
    level: state.stack.length + 1,
    parentIndex,
    label: match.label,
    heading: parts.heading,
    anchor: "",
    body: parts.body,
  };
  const index = state.nodes.push({ section, rank, numbers: match.numbers }) - 1;
  state.stack.push(index);
  state.lastChild.set(siblingKey(parentIndex, match.kind, match.numbers.length), index);
  return parts.consumed;
}

function addText(state: State, p: Paragraph): void {
  const top = state.stack[state.stack.length - 1];
  if (top === undefined) state.frontMatter.push(p);
  else (state.nodes[top] as Node).section.body.push(p);
}

function acceptedHeading(state: State, text: string): HeadingMatch | null {
  const match = parseHeadingLine(text.split("\n")[0] ?? "");
  return match && fitsSequence(state, match) ? match : null;
}

function walk(state: State, paragraphs: Paragraph[]): void {
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    const text = paragraphText(p);
    if (state.nodes.length && isBackMatterStart(text)) {
      state.backMatter = paragraphs.slice(i);
      return;
    }
    // A table is body even when its first cell reads like a label ("1." in a numbered column).
    const match = p.table ? null : acceptedHeading(state, text);
    if (match) i += openSection(state, match, p, paragraphs[i + 1]);
    else addText(state, p);
  }
}

// ---------------------------------------------------------------- repair

/** What the repair needs of the paragraph it is extending, kept as it grows so no step re-reads it. */
interface Tail {
  length: number;
  /** Last code point, or "" for an empty paragraph. */
  last: string;
}

function tailOf(text: string): Tail {
  return { length: text.length, last: Array.from(text.slice(-2)).pop() ?? "" };
}

/**
 * Page breaks in the source split sentences into two paragraphs. Join the
 * tail back when it starts in lower case after an unfinished sentence, or in
 * upper case after a long paragraph that stops mid-word-run (a name such as
 * "tỉnh / Sóc Trăng" broken across pages). Bullets and "(…)" stay apart.
 */
function continuesPrevious(prev: Tail, next: string): boolean {
  if (/^[(\-+–•]/u.test(next) || isHeadingLine(next)) return false;
  if (/^\p{Ll}/u.test(next)) return !/[.;:!?"'”’»)\]…]$/u.test(prev.last);
  return prev.length > LONG_PARAGRAPH_CHARS && /\p{L}$/u.test(prev.last) && /^\p{Lu}/u.test(next) && !isListLine(next);
}

/**
 * Linear in the body's size: each paragraph's text is read once and a run of pieces is joined once
 * at the end. Joining pair by pair re-read the growing paragraph at every step, so a file of lines
 * without final punctuation (one paragraph of thousands of pieces) took minutes.
 */
function repairBody(body: Paragraph[]): Paragraph[] {
  const groups: Paragraph[][] = [];
  let tail: Tail | null = null;
  for (const p of body) {
    const text = paragraphText(p);
    const group = groups[groups.length - 1];
    const joins = group && tail && !p.table && !group[group.length - 1]?.table && continuesPrevious(tail, text);
    if (group && tail && joins) {
      group.push(p);
      tail = { length: tail.length + 1 + text.length, last: text ? tailOf(text).last : " " };
    } else {
      groups.push([p]);
      tail = tailOf(text);
    }
  }
  return groups.map((g) => (g.length === 1 ? (g[0] as Paragraph) : joinParagraphs(g)));
}

// ---------------------------------------------------------------- anchors

function anchorSegment(node: Node, parent: Node | undefined): string {
  const [n = 0] = node.numbers;
  switch (node.section.kind) {
    case "part":
      return `phan-${toRoman(n).toLowerCase()}`;
    case "chapter":
      return `chuong-${n}`;
    case "subsection":
      return `muc-${n}`;
    case "article":
      return `dieu-${n}`;
    case "item":
      return parent?.section.kind === "article" ? `khoan-${n}` : `muc-${n}`;
    case "point": {
      const letter = node.section.label.slice(0, -1);
      return `diem-${letter === "đ" ? "dd" : letter}`;
    }
    case "subitem": {
      const underPrefix = parent && sameNumbers(parent.numbers, node.numbers.slice(0, -1));
      return underPrefix ? String(node.numbers[node.numbers.length - 1]) : `muc-${node.numbers.join("-")}`;
    }
  }
}

/** Articles are numbered across the whole text, so "dieu-N" needs no ancestors. */
function assignAnchors(nodes: Node[]): void {
  const used = new Set<string>();
  for (const node of nodes) {
    const { parentIndex, kind } = node.section;
    const parent = parentIndex === null ? undefined : nodes[parentIndex];
    const segment = anchorSegment(node, parent);
    const base = parent && kind !== "article" ? `${parent.section.anchor}-${segment}` : segment;
    let anchor = base;
    for (let k = 2; used.has(anchor); k++) anchor = `${base}-${k}`;
    used.add(anchor);
    node.section.anchor = anchor;
  }
}

// ---------------------------------------------------------------- entry point

export function splitDraft(paragraphs: Paragraph[]): SplitDraft {
  const clean = paragraphs.map((p) => trimParagraph(normalizeParagraph(p))).filter((p) => paragraphText(p) !== "");
  const state: State = { nodes: [], stack: [], lastChild: new Map(), frontMatter: [], backMatter: [] };
  walk(state, clean);
  if (!state.nodes.length) throw new DraftStructureError(NO_STRUCTURE_MESSAGE);
  assignAnchors(state.nodes);
  const sections = state.nodes.map(({ section }) => ({ ...section, body: repairBody(section.body) }));
  return { frontMatter: withLetterhead(state.frontMatter), sections, backMatter: state.backMatter };
}
