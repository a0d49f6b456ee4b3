// mammoth's HTML into paragraphs and tables, and the list numbers mammoth leaves out.
import { compactRuns, type Paragraph, paragraphText, type Run, tableParagraph, trimParagraph } from "~/domain/draft-text";
import { parseHeadingLine } from "~/domain/sections";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code === 0xa0 ? " " : String.fromCodePoint(code);
  });
}

const POINT_LETTERS = Array.from("abcdđeghiklmnopqrstuvxy");

interface HtmlState {
  paragraphs: Paragraph[];
  runs: Run[] | null;
  bold: number;
  italic: number;
  lists: Array<{ ordered: boolean; count: number }>;
  /** Word's numbering is not in the HTML text; the marker waits for the item's first words. */
  pendingMarker: string;
  /** The table being read; a table inside a cell is read as paragraphs of that cell. */
  table: { rows: Paragraph[][][]; header: boolean; depth: number } | null;
}

function blockTarget(s: HtmlState): Paragraph[] {
  if (!s.table) return s.paragraphs;
  const { rows } = s.table;
  if (!rows.length) rows.push([]);
  const row = rows[rows.length - 1] as Paragraph[][];
  if (!row.length) row.push([]);
  return row[row.length - 1] as Paragraph[];
}

function flushBlock(s: HtmlState): void {
  if (s.runs) {
    const p = { runs: compactRuns(s.runs) };
    if (paragraphText(p).trim()) blockTarget(s).push(p);
  }
  s.runs = null;
}

function openTable(s: HtmlState, tag: string): void {
  flushBlock(s);
  if (tag === "table") {
    if (s.table) s.table.depth++;
    else s.table = { rows: [], header: false, depth: 1 };
    return;
  }
  if (!s.table) return;
  if (s.table.depth === 1 && tag === "tr") s.table.rows.push([]);
  if (s.table.depth === 1 && (tag === "td" || tag === "th")) {
    if (!s.table.rows.length) s.table.rows.push([]);
    s.table.rows[s.table.rows.length - 1]?.push([]);
    if (tag === "th" && s.table.rows.length === 1) s.table.header = true;
  }
  if (tag === "td" || tag === "th") s.runs = [];
}

function closeTable(s: HtmlState): void {
  flushBlock(s);
  const table = s.table;
  if (!table || --table.depth > 0) return;
  s.table = null;
  const rows = table.rows.filter((row) => row.length);
  if (rows.some((row) => row.some((cell) => cell.length))) s.paragraphs.push(tableParagraph({ rows, header: table.header }));
}

function listMarker(s: HtmlState): string {
  const list = s.lists[s.lists.length - 1];
  if (!list) return "";
  list.count += 1;
  if (!list.ordered) return "- ";
  const depth = s.lists.filter((l) => l.ordered).length;
  return depth === 1 ? `${list.count}. ` : `${pointLetter(list.count)}) `;
}

function addText(s: HtmlState, text: string): void {
  if (!s.runs) {
    if (!text.trim()) return;
    s.runs = [];
  }
  s.runs.push(markedRun(s, s.pendingMarker + text));
  s.pendingMarker = "";
}

function markedRun(s: HtmlState, text: string): Run {
  const run: Run = { text };
  if (s.bold > 0) run.bold = true;
  if (s.italic > 0) run.italic = true;
  return run;
}

function openTag(s: HtmlState, tag: string): void {
  if (/^(table|tr|td|th)$/.test(tag)) openTable(s, tag);
  else if (/^(p|h[1-6])$/.test(tag)) {
    flushBlock(s);
    s.runs = [];
  } else if (tag === "li") {
    flushBlock(s);
    s.pendingMarker = listMarker(s);
  } else if (tag === "ol" || tag === "ul") {
    flushBlock(s);
    s.lists.push({ ordered: tag === "ol", count: 0 });
  } else if (tag === "strong" || tag === "b") s.bold++;
  else if (tag === "em" || tag === "i") s.italic++;
  else if (tag === "br" && s.runs) s.runs.push(markedRun(s, "\n"));
}

function closeTag(s: HtmlState, tag: string): void {
  if (tag === "table") closeTable(s);
  if (/^(p|h[1-6]|td|th|li)$/.test(tag)) flushBlock(s);
  if (tag === "li") s.pendingMarker = "";
  if (tag === "ol" || tag === "ul") s.lists.pop();
  else if (tag === "strong" || tag === "b") s.bold = Math.max(0, s.bold - 1);
  else if (tag === "em" || tag === "i") s.italic = Math.max(0, s.italic - 1);
}

/** Reads only what mammoth emits: blocks, lists, tables, emphasis and breaks. */
export function htmlToParagraphs(html: string): Paragraph[] {
  const s: HtmlState = { paragraphs: [], runs: null, bold: 0, italic: 0, lists: [], pendingMarker: "", table: null };
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|([^<]+)/g)) {
    if (m[3] !== undefined) addText(s, decodeEntities(m[3]).normalize("NFC"));
    else if (m[1]) closeTag(s, (m[2] ?? "").toLowerCase());
    else openTag(s, (m[2] ?? "").toLowerCase());
  }
  flushBlock(s);
  // Word paragraphs often end in a stray line break that carries no meaning.
  return s.paragraphs.map(trimParagraph);
}

// ---------------------------------------------------------------- Word numbering

/** The parts of mammoth's document model this module touches. */
interface WordElement {
  type: string;
  value?: string;
  children?: WordElement[];
  numbering?: { isOrdered: boolean; level: string } | null;
}

const LIST_BREAKING_KINDS = new Set(["part", "chapter", "subsection", "article"]);

function markerRun(text: string): WordElement {
  return { type: "run", children: [{ type: "text", value: text }] };
}

function elementText(element: WordElement): string {
  return element.type === "text" ? (element.value ?? "") : (element.children ?? []).map(elementText).join("");
}

/**
 * Word keeps list numbers outside the text, and mammoth restarts every <ol>
 * at 1 whenever a plain paragraph interrupts the list ("1. Mục đích", body,
 * "2. Yêu cầu"). So the numbers are written into the text here instead,
 * counting per list level like Word does. The number format and "restart at
 * 1" overrides are not visible through mammoth: level 0 reads "1.", level 1
 * "a)", deeper levels "-", and a typed part/chapter/article heading restarts
 * the count, which is how such drafts are laid out.
 *
 * A fallback only: word-numbering.server.ts writes Word's own labels into the text before mammoth
 * reads it, so this sees just the lists that labeller could not resolve.
 */
function numberParagraphs() {
  const counters = new Map<object, { level: number; count: number }>();
  return (paragraph: WordElement): WordElement => {
    const numbering = paragraph.numbering;
    if (!numbering) {
      const kind = parseHeadingLine(elementText(paragraph))?.kind;
      if (kind && LIST_BREAKING_KINDS.has(kind)) counters.clear();
      return paragraph;
    }
    const level = Number(numbering.level) || 0;
    for (const [key, c] of counters) if (c.level > level) counters.delete(key);
    const counter = counters.get(numbering) ?? { level, count: 0 };
    counter.count += 1;
    counters.set(numbering, counter);
    const marker = !numbering.isOrdered || level > 1 ? "- " : level === 1 ? `${pointLetter(counter.count)}) ` : `${counter.count}. `;
    return { ...paragraph, numbering: null, children: [markerRun(marker), ...(paragraph.children ?? [])] };
  };
}

/** Visits paragraphs in document order, table cells included. */
function mapParagraphs(element: WordElement, fn: (p: WordElement) => WordElement): WordElement {
  if (element.type === "paragraph") return fn(element);
  if (!element.children) return element;
  return { ...element, children: element.children.map((child) => mapParagraphs(child, fn)) };
}

export function numberLists(document: WordElement): WordElement {
  return mapParagraphs(document, numberParagraphs());
}

function pointLetter(n: number): string {
  return POINT_LETTERS[(n - 1) % POINT_LETTERS.length] ?? "a";
}
