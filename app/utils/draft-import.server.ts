import mammoth from "mammoth";
import {
  compactRuns,
  paragraphText,
  plainParagraph,
  trimParagraph,
  type Paragraph,
  type Run,
} from "~/domain/draft-text";
import { isHeadingLine, isListLine, parseHeadingLine, splitDraft, type SplitDraft } from "~/domain/sections";

export type DraftFormat = "txt" | "md" | "docx";

export class DraftImportError extends Error {
  override name = "DraftImportError";
}

const EMPTY_MESSAGE = "Tệp rỗng: không có nội dung để nhập.";

const EXTENSIONS: Record<string, DraftFormat> = { txt: "txt", md: "md", markdown: "md", docx: "docx" };

export function formatFromFilename(name: string): DraftFormat {
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const format = EXTENSIONS[ext];
  if (format) return format;
  const shown = ext ? `.${ext}` : "tệp không có phần mở rộng";
  throw new DraftImportError(`Định dạng tệp không được hỗ trợ: ${shown}. Hãy dùng .txt, .md hoặc .docx.`);
}

function fileLabel(filename?: string): string {
  return filename ? `Tệp «${filename}»` : "Tệp";
}

// ---------------------------------------------------------------- plain text

function decodeUtf8(buffer: Buffer, filename?: string): string {
  const invalid = new DraftImportError(
    `${fileLabel(filename)} không phải văn bản UTF-8 hợp lệ (có thể là tệp nhị phân hoặc dùng bảng mã khác). ` +
      "Hãy lưu lại tệp dưới dạng văn bản với bảng mã UTF-8.",
  );
  if (buffer.includes(0)) throw invalid;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC");
  } catch {
    throw invalid;
  }
}

/** A line that must open its own paragraph even without a blank line before it. */
function startsBlock(line: string): boolean {
  return isHeadingLine(line) || isListLine(line);
}

/**
 * Groups lines into paragraphs. With blank lines present they are the
 * separators and single newlines are kept as hard breaks, except that label
 * and bullet lines start a block and a label line stands alone. A file with
 * no blank line at all is one paragraph per line.
 */
function groupLines(lines: string[], plain: (line: string) => string = (l) => l): string[] {
  if (!lines.some((l) => l.trim() === "")) return lines.filter((l) => l.trim() !== "");
  const blocks: string[][] = [];
  let current: string[] = [];
  let afterHeading = false;
  const flush = () => {
    if (current.length) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    const text = plain(line).trim();
    if (text === "" || startsBlock(text) || afterHeading) flush();
    if (text !== "") current.push(line.trim());
    afterHeading = text !== "" && isHeadingLine(text);
  }
  flush();
  return blocks.map((b) => b.join("\n"));
}

function parseTxt(text: string): Paragraph[] {
  return groupLines(text.split("\n")).map(plainParagraph);
}

// ---------------------------------------------------------------- markdown

// Escaped characters hide in a private-use range while emphasis is parsed.
const ESCAPE_BASE = 0xe000;
const EMPHASIS: Array<{ re: RegExp; mark: "bold" | "italic" }> = [
  { re: /\*\*(?=\S)([\s\S]*?\S)\*\*/gu, mark: "bold" },
  { re: /(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, mark: "bold" },
  { re: /\*(?=[^\s*])([\s\S]*?[^\s*])\*/gu, mark: "italic" },
  { re: /(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])/gu, mark: "italic" },
];

function hideEscapes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => String.fromCharCode(ESCAPE_BASE + ch.charCodeAt(0)));
}

function restoreEscapes(text: string): string {
  return text.replace(/[\uE021-\uE07E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - ESCAPE_BASE));
}

function firstEmphasis(text: string, from: number) {
  let best: { match: RegExpExecArray; mark: "bold" | "italic" } | null = null;
  for (const { re, mark } of EMPHASIS) {
    re.lastIndex = from;
    const match = re.exec(text);
    if (match && (!best || match.index < best.match.index)) best = { match, mark };
  }
  return best;
}

function inlineRuns(text: string, marks: Omit<Run, "text"> = {}): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (let found = firstEmphasis(text, at); found; found = firstEmphasis(text, at)) {
    const { match, mark } = found;
    runs.push({ ...marks, text: restoreEscapes(text.slice(at, match.index)) });
    runs.push(...inlineRuns(match[1] ?? "", { ...marks, [mark]: true }));
    at = match.index + match[0].length;
  }
  runs.push({ ...marks, text: restoreEscapes(text.slice(at)) });
  return runs;
}

function stripMarkdownLine(line: string): string {
  return line.replace(/^\s*#{1,6}\s+/, "").replace(/^\s*\*\s+/, "- ");
}

function parseMd(text: string): Paragraph[] {
  const lines = hideEscapes(text)
    .split("\n")
    .filter((l) => !/^\s*([-*_])(\s*\1){2,}\s*$/.test(l))
    .map(stripMarkdownLine);
  const visible = (line: string) => restoreEscapes(line.replace(/\*\*|__|[*_]/g, ""));
  return groupLines(lines, visible).map((block) => ({ runs: compactRuns(inlineRuns(block)) }));
}

// ---------------------------------------------------------------- docx

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
}

function flushBlock(s: HtmlState): void {
  if (s.runs) {
    const p = { runs: compactRuns(s.runs) };
    if (paragraphText(p).trim()) s.paragraphs.push(p);
  }
  s.runs = null;
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
  if (/^(p|h[1-6]|td|th)$/.test(tag)) {
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
  if (/^(p|h[1-6]|td|th|li)$/.test(tag)) flushBlock(s);
  if (tag === "li") s.pendingMarker = "";
  if (tag === "ol" || tag === "ul") s.lists.pop();
  else if (tag === "strong" || tag === "b") s.bold = Math.max(0, s.bold - 1);
  else if (tag === "em" || tag === "i") s.italic = Math.max(0, s.italic - 1);
}

/** Reads only what mammoth emits: blocks, lists, tables, emphasis and breaks. */
export function htmlToParagraphs(html: string): Paragraph[] {
  const s: HtmlState = { paragraphs: [], runs: null, bold: 0, italic: 0, lists: [], pendingMarker: "" };
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

function numberLists(document: WordElement): WordElement {
  return mapParagraphs(document, numberParagraphs());
}

function pointLetter(n: number): string {
  return POINT_LETTERS[(n - 1) % POINT_LETTERS.length] ?? "a";
}

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

async function parseDocx(buffer: Buffer, filename?: string): Promise<Paragraph[]> {
  const invalid = new DraftImportError(
    `${fileLabel(filename)} không phải tệp Word .docx hợp lệ (không đọc được nội dung). ` +
      "Nếu là tệp .doc cũ, hãy mở bằng Word và lưu lại dưới dạng .docx.",
  );
  if (!isZip(buffer)) throw invalid;
  try {
    const { value } = await mammoth.convertToHtml({ buffer }, { transformDocument: numberLists });
    return htmlToParagraphs(value);
  } catch {
    throw invalid;
  }
}

// ---------------------------------------------------------------- entry points

function hasText(paragraphs: Paragraph[]): boolean {
  return paragraphs.some((p) => paragraphText(p).trim() !== "");
}

export async function parseDraftFile(buffer: Buffer, format: DraftFormat, filename?: string): Promise<Paragraph[]> {
  if (buffer.length === 0) throw new DraftImportError(EMPTY_MESSAGE);
  const paragraphs =
    format === "docx"
      ? await parseDocx(buffer, filename)
      : format === "md"
        ? parseMd(decodeUtf8(buffer, filename))
        : parseTxt(decodeUtf8(buffer, filename));
  if (!hasText(paragraphs)) throw new DraftImportError(EMPTY_MESSAGE);
  return paragraphs;
}

/** Throws DraftImportError for unreadable files and DraftStructureError for unstructured text. */
export async function readDraft(
  buffer: Buffer,
  filename: string,
): Promise<{ format: DraftFormat; paragraphs: Paragraph[]; split: SplitDraft }> {
  const format = formatFromFilename(filename);
  const paragraphs = await parseDraftFile(buffer, format, filename);
  return { format, paragraphs, split: splitDraft(paragraphs) };
}
