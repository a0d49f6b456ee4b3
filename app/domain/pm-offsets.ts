// ProseMirror positions <-> offsets in a section's canonical text (docToPlainText in ./tiptap).
// The browser selects and decorates by position; comments are stored by canonical offset, so the
// two must agree character for character, or a highlight lands beside the words it quotes.
import type { Node } from "@tiptap/pm/model";
import { anchorAt, type PassageAnchor } from "./anchoring";

export type { PassageAnchor };

/** Text-bearing inline content: the position of its first character and where that lands in the text. */
interface Run {
  pos: number;
  offset: number;
  length: number;
}

/** One line of the canonical text: [from, to] are the positions bounding its content. */
interface Line {
  offset: number;
  length: number;
  from: number;
  to: number;
  runs: Run[];
}

interface TextIndex {
  text: string;
  lines: Line[];
}

const LINE_TYPES = new Set(["paragraph", "heading", "codeBlock"]);

// Mirrors isTextblock in ./tiptap, which works on JSON: a different reading of "leaf block"
// here would shift every offset after the first disagreement.
function isLine(node: Node): boolean {
  if (node.childCount === 0 || LINE_TYPES.has(node.type.name)) return true;
  let allInline = true;
  node.forEach((child) => {
    if (!child.isText && child.type.name !== "hardBreak") allInline = false;
  });
  return allInline;
}

// Nodes are immutable, so an index built once per document stays valid for its lifetime.
const indexes = new WeakMap<Node, TextIndex>();

function indexFor(doc: Node): TextIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = buildIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}

function buildIndex(doc: Node): TextIndex {
  const lines: Line[] = [];
  const parts: string[] = [];
  let offset = 0;

  const addLine = (node: Node, pos: number) => {
    if (lines.length) offset += 1; // the "\n" joining lines
    const leaf = node.isLeaf;
    const from = leaf ? pos : pos + 1;
    const to = leaf ? pos + node.nodeSize : pos + node.nodeSize - 1;
    const runs: Run[] = [];
    let text = "";
    node.descendants((child, childPos) => {
      const piece = child.isText ? (child.text ?? "") : child.type.name === "hardBreak" ? "\n" : null;
      if (piece === null) return true; // other inline nodes count only the text inside them
      if (piece) runs.push({ pos: from + childPos, offset: offset + text.length, length: piece.length });
      text += piece;
      return false;
    });
    lines.push({ offset, length: text.length, from, to, runs });
    parts.push(text);
    offset += text.length;
  };

  const visit = (node: Node, pos: number) => {
    if (isLine(node)) addLine(node, pos);
    else
      node.forEach((child, childOffset) => {
        visit(child, pos + 1 + childOffset);
      });
  };
  doc.forEach((child, childOffset) => {
    visit(child, childOffset);
  });

  return { text: parts.join("\n"), lines };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);

/** The canonical text of a ProseMirror document; equals docToPlainText of its JSON. */
export function canonicalText(doc: Node): string {
  return indexFor(doc).text;
}

/**
 * Canonical offset of a document position. Positions between blocks belong to the start of the
 * next line, so a selection that begins or ends on a block boundary only gains a "\n" at its
 * edge, which anchorFromSelection trims.
 */
export function textOffsetAt(doc: Node, pos: number): number {
  const { text, lines } = indexFor(doc);
  const p = clamp(pos, 0, doc.content.size);
  const line = firstLine(lines, (l) => l.to >= p);
  if (!line) return text.length;
  if (p <= line.from) return line.offset;
  let offset = line.offset;
  for (const run of line.runs) {
    if (run.pos >= p) break;
    offset = run.offset + Math.min(p - run.pos, run.length);
  }
  return offset;
}

/**
 * Document position of a canonical offset, always inside a line so it is a valid text position.
 * Where several positions share an offset (around inline nodes without text), "start" takes the
 * last of them and "end" the first, so a range never reaches over what it does not quote.
 */
export function positionAtOffset(doc: Node, offset: number, side: "start" | "end" = "start"): number {
  const { text, lines } = indexFor(doc);
  const o = clamp(offset, 0, text.length);
  // Lines are separated by one "\n" that belongs to neither, so exactly one line contains o.
  const line = firstLine(lines, (l) => l.offset + l.length >= o);
  if (!line) return 0;
  if (side === "start") {
    if (o === line.offset + line.length) return line.to;
    const run = line.runs.find((r) => r.offset <= o && o < r.offset + r.length);
    return run ? run.pos + (o - run.offset) : line.from;
  }
  if (o === line.offset) return line.from;
  const run = line.runs.find((r) => r.offset < o && o <= r.offset + r.length);
  return run ? run.pos + (o - run.offset) : line.to;
}

function firstLine(lines: Line[], fits: (line: Line) => boolean): Line | undefined {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(lines[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lines[lo];
}

// A stray space or line break at either edge is an accident of dragging, not part of the quote.
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/** The anchor for a selection between two positions, trimmed of edge whitespace; null if nothing is left. */
export function anchorFromSelection(doc: Node, from: number, to: number): PassageAnchor | null {
  const { text } = indexFor(doc);
  let start = textOffsetAt(doc, Math.min(from, to));
  let end = textOffsetAt(doc, Math.max(from, to));
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start === end) return null;
  return anchorAt(text, start, end);
}

/** Document range covering a stored anchor's characters, for decorations and scrolling. */
export function rangeForAnchor(doc: Node, anchor: { start: number; end: number }): { from: number; to: number } {
  const from = positionAtOffset(doc, Math.min(anchor.start, anchor.end), "start");
  const to = positionAtOffset(doc, Math.max(anchor.start, anchor.end), "end");
  return { from, to: Math.max(from, to) };
}
