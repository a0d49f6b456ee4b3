import mammoth from "mammoth";
import { DRAFT_LIMITS, formatBytes, formatCount } from "~/domain/draft-limits";
import { compactRuns, type Paragraph, paragraphText, plainParagraph, type Run, tableParagraph, trimParagraph } from "~/domain/draft-text";
import { isHeadingLine, isListLine, parseHeadingLine, type SplitDraft, type SplitSection, sectionPathTitle, splitDraft } from "~/domain/sections";
import { labelNumberedParagraphs } from "./word-numbering.server";
import { readZipEntries, readZipEntry, ZipFormatError, ZipSizeError } from "./zip-reader.server";

export type DraftFormat = "txt" | "md" | "docx";

export type DraftImportProblem =
  | "unsupported-format"
  | "empty"
  | "not-utf8"
  | "not-docx"
  | "truncated-docx"
  | "file-too-large"
  | "docx-xml-too-large"
  | "section-too-large";

/**
 * A draft file the portal will not take, with a Vietnamese message for the person who gave it
 * (the CLI prints it; an upload form shows it). `limit` is the figure from DRAFT_LIMITS that was
 * passed, for the refusals about size.
 */
export class DraftImportError extends Error {
  override name = "DraftImportError";
  constructor(
    readonly problem: DraftImportProblem,
    message: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

const EMPTY_MESSAGE = "Tệp rỗng: không có nội dung để nhập.";

const EXTENSIONS: Record<string, DraftFormat> = { txt: "txt", md: "md", markdown: "md", docx: "docx" };

export function formatFromFilename(name: string): DraftFormat {
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const format = EXTENSIONS[ext];
  if (format) return format;
  const shown = ext ? `.${ext}` : "tệp không có phần mở rộng";
  throw new DraftImportError("unsupported-format", `Định dạng tệp không được hỗ trợ: ${shown}. Hãy dùng .txt, .md hoặc .docx.`);
}

function fileLabel(filename?: string): string {
  return filename ? `Tệp «${filename}»` : "Tệp";
}

/** "52,4 MB", or "hơn 10 MB" when the size rounds to the limit itself. */
function sizeOver(bytes: number, limit: number): string {
  return formatBytes(bytes) === formatBytes(limit) ? `hơn ${formatBytes(limit)}` : formatBytes(bytes);
}

/** The most a file of this name may weigh, for an upload form to state and check while receiving. */
export function maxDraftFileBytes(filename: string): number {
  return formatFromFilename(filename) === "docx" ? DRAFT_LIMITS.docxFileBytes : DRAFT_LIMITS.textFileBytes;
}

/**
 * Refuses a file too large to import, from its size alone: call it before reading the file
 * (the CLI does, from the file's stat), so an oversized file is never loaded into memory.
 */
export function checkDraftFileSize(filename: string, bytes: number): void {
  const limit = maxDraftFileBytes(filename);
  if (bytes <= limit) return;
  const advice =
    formatFromFilename(filename) === "docx"
      ? "Nếu tệp có nhiều hình ảnh, hãy nén ảnh (trong Word: Tệp › Nén ảnh) hoặc bỏ bớt ảnh rồi nhập lại."
      : "Một dự thảo dài như bộ luật cũng chỉ khoảng 1 MB; hãy kiểm tra lại đây có đúng là tệp dự thảo không.";
  const kind = formatFromFilename(filename) === "docx" ? ".docx" : ".txt, .md";
  throw new DraftImportError(
    "file-too-large",
    `${fileLabel(filename)} có dung lượng ${sizeOver(bytes, limit)}, vượt giới hạn ${formatBytes(limit)} cho một tệp ${kind}. ${advice}`,
    limit,
  );
}

// ---------------------------------------------------------------- plain text

function decodeUtf8(buffer: Buffer, filename?: string): string {
  const invalid = new DraftImportError(
    "not-utf8",
    `${fileLabel(filename)} không phải văn bản UTF-8 hợp lệ (có thể là tệp nhị phân hoặc dùng bảng mã khác). ` +
      "Hãy lưu lại tệp dưới dạng văn bản với bảng mã UTF-8.",
  );
  if (buffer.includes(0)) throw invalid;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    return text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .normalize("NFC");
  } catch {
    throw invalid;
  }
}

/** A line that must open its own paragraph even without a blank line before it. */
function startsBlock(line: string): boolean {
  return isHeadingLine(line) || isListLine(line);
}

const SENTENCE_END = /[.;:!?…"'”’»)\]]$/u;

/** Two columns typed side by side (a letterhead): tabs or a wide run of spaces between words. */
const COLUMNS = /\S(?:\t|\s{3,})\S/u;

function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/**
 * The width text pasted from a PDF was wrapped at: most lines end near it. Null when the lines
 * are whole paragraphs (a Word or Markdown file), where no line is a wrapped one.
 */
function wrapWidth(lengths: number[]): number | null {
  const sorted = lengths.filter((n) => n > 0).sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  return width >= 40 && width <= 160 ? width : null;
}

/**
 * A line broken off the one before: that one does not end a sentence, and this one starts in
 * lower case, or (in text wrapped at a fixed width) the one before filled the width.
 */
function continuesLine(prev: string, next: string, width: number | null): boolean {
  if (startsBlock(next) || SENTENCE_END.test(prev) || COLUMNS.test(prev) || COLUMNS.test(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  return width !== null && prev.length >= width * 0.8 && /[\p{L}\d,]$/u.test(prev);
}

/** "II. NHIỆM VỤ VÀ GIẢI" / "PHÁP CHỦ YẾU": an all-caps title wrapped onto a second line. */
function continuesHeading(heading: string, next: string): boolean {
  const title = parseHeadingLine(heading)?.title;
  return !!title && isAllCaps(title) && isAllCaps(next) && !startsBlock(next) && next.length <= 120;
}

/**
 * Groups lines into paragraphs. With blank lines present they are the separators and single
 * newlines are kept as hard breaks, except that label and bullet lines start a block and a label
 * line stands alone. A file with no blank line at all is one paragraph per line. Either way a
 * line wrapped off the one before (text pasted from a PDF) is joined back with a space.
 */
function groupLines(lines: string[], plain: (line: string) => string = (l) => l): string[] {
  const blankSeparated = lines.some((l) => l.trim() === "");
  const width = wrapWidth(lines.map((l) => plain(l).trim().length));
  // Pieces are joined once per block: appending to a growing string would be quadratic.
  const blocks: string[][] = [];
  let current: string[] = [];
  let lastText = "";
  let afterHeading = false;
  const flush = () => {
    if (current.length) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    const text = plain(line).trim();
    const joins = text !== "" && current.length > 0 && (afterHeading ? continuesHeading(lastText, text) : continuesLine(lastText, text, width));
    if (joins) {
      current.push(" ", line.trim());
      lastText = afterHeading ? `${lastText} ${text}` : text;
      continue;
    }
    if (text === "" || startsBlock(text) || afterHeading || !blankSeparated) flush();
    if (text !== "") {
      if (current.length) current.push("\n");
      current.push(line.trim());
      lastText = text;
    }
    afterHeading = text !== "" && isHeadingLine(text);
  }
  flush();
  return blocks.map((b) => b.join(""));
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

function notDocx(filename?: string): DraftImportError {
  return new DraftImportError(
    "not-docx",
    `${fileLabel(filename)} không phải tệp Word .docx hợp lệ (không đọc được nội dung). Nếu là tệp .doc cũ, hãy mở bằng Word và lưu lại dưới dạng .docx.`,
  );
}

function docxProblem(error: unknown, filename?: string): DraftImportError {
  if (error instanceof DraftImportError) return error;
  if (error instanceof ZipSizeError) {
    const size = error.declared ? formatBytes(error.size) : `hơn ${formatBytes(error.limit)}`;
    // Below the whole limit, the part was refused for what the parts read before it had used.
    const together = error.limit < DRAFT_LIMITS.docxXmlBytes ? "cộng với các phần đã đọc trước thì " : "";
    return new DraftImportError(
      "docx-xml-too-large",
      `${fileLabel(filename)} không nhập được: phần ${error.entry} khi giải nén có dung lượng ${size}, ${together}vượt giới hạn ` +
        `${formatBytes(DRAFT_LIMITS.docxXmlBytes)} cho phần văn bản (XML) của một tệp Word (hình ảnh không tính vào giới hạn này). ` +
        "Tệp có thể bị hỏng hoặc được tạo ra có chủ ý; hãy mở bằng Word, lưu lại rồi nhập lại.",
      DRAFT_LIMITS.docxXmlBytes,
    );
  }
  if (error instanceof ZipFormatError && error.problem === "truncated") {
    return new DraftImportError(
      "truncated-docx",
      `${fileLabel(filename)} không đầy đủ: tệp Word bị cắt cụt (có thể do tải về hoặc sao chép chưa xong). Hãy lấy lại tệp gốc rồi nhập lại.`,
    );
  }
  return notDocx(filename);
}

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);
const MAIN_DOCUMENT = "word/document.xml";
const NUMBERING = "word/numbering.xml";
const STYLES = "word/styles.xml";

/**
 * The .docx as mammoth reads it, with every part unpacked through the XML budget: mammoth itself
 * (JSZip) would unpack whatever the file holds. Declared sizes are checked before mammoth starts,
 * so a bomb is refused without unpacking anything; real sizes while unpacking.
 */
function cappedDocx(buffer: Buffer) {
  const entries = readZipEntries(buffer);
  for (const entry of entries.values()) {
    if (isXmlPart(entry.name) && entry.size > DRAFT_LIMITS.docxXmlBytes) throw new ZipSizeError(entry.name, entry.size, DRAFT_LIMITS.docxXmlBytes, true);
  }
  let budget = DRAFT_LIMITS.docxXmlBytes;
  const unpacked = new Map<string, Buffer>();
  // One budget for all parts: what one part used is gone for the next, so the limit holds for all.
  // Each part is unpacked once: the numbering is read here and again by mammoth.
  const unpack = (name: string): Buffer | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    let data = unpacked.get(name);
    if (!data) {
      data = readZipEntry(buffer, entry, budget);
      budget -= data.length;
      if (isXmlPart(name)) unpacked.set(name, data);
    }
    return data;
  };
  const text = (name: string) => unpack(name)?.toString("utf8") ?? "";
  const part = (name: string): Buffer | null => {
    const data = unpack(name);
    if (!data || name !== MAIN_DOCUMENT || !entries.has(NUMBERING)) return data;
    return Buffer.from(labelNumberedParagraphs(data.toString("utf8"), text(NUMBERING), text(STYLES)), "utf8");
  };
  return {
    exists: (name: string) => entries.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      const data = part(name);
      if (!data) throw new Error(`missing part ${name}`);
      if (!encoding) return data;
      return encoding === "base64" ? data.toString("base64") : new TextDecoder(encoding).decode(data);
    },
  };
}

/**
 * Images are never unpacked: the import keeps text only, and mammoth's default would inflate each
 * picture and write it into the HTML as base64, to be thrown away.
 */
const skipImages = mammoth.images.imgElement(async () => ({ src: "" }));

async function parseDocx(buffer: Buffer, filename?: string): Promise<Paragraph[]> {
  try {
    // mammoth takes an opened package as `file` (lib/unzip.js); its typings list only buffer and path.
    const input = { file: cappedDocx(buffer) } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
    const { value } = await mammoth.convertToHtml(input, { transformDocument: numberLists, convertImage: skipImages });
    return htmlToParagraphs(value);
  } catch (error) {
    throw docxProblem(error, filename);
  }
}

// ---------------------------------------------------------------- entry points

function hasText(paragraphs: Paragraph[]): boolean {
  return paragraphs.some((p) => paragraphText(p).trim() !== "");
}

export async function parseDraftFile(buffer: Buffer, format: DraftFormat, filename?: string): Promise<Paragraph[]> {
  if (buffer.length === 0) throw new DraftImportError("empty", EMPTY_MESSAGE);
  const paragraphs =
    format === "docx" ? await parseDocx(buffer, filename) : format === "md" ? parseMd(decodeUtf8(buffer, filename)) : parseTxt(decodeUtf8(buffer, filename));
  if (!hasText(paragraphs)) throw new DraftImportError("empty", EMPTY_MESSAGE);
  return paragraphs;
}

function textLength(paragraphs: Paragraph[]): number {
  return paragraphs.reduce((sum, p) => sum + p.runs.reduce((n, r) => n + r.text.length, 0), 0);
}

function sectionName(sections: SplitSection[], section: SplitSection): string {
  const ancestors: string[] = [];
  for (let i = section.parentIndex; i !== null; i = sections[i]?.parentIndex ?? null) ancestors.unshift(sections[i]?.label ?? "");
  const title = sectionPathTitle(section, ancestors);
  return `Phần, mục «${title.length > 80 ? `${title.slice(0, 79)}…` : title}»`;
}

/** Refuses a draft with a section (or the text around the sections) longer than the limit. */
function checkSectionSizes(split: SplitDraft): void {
  const limit = DRAFT_LIMITS.sectionChars;
  // Names are made only for the refusal: a law has tens of thousands of sections.
  const parts: [() => string, Paragraph[]][] = [
    [() => "Phần mở đầu (trước phần, mục đầu tiên)", split.frontMatter],
    ...split.sections.map((s): [() => string, Paragraph[]] => [() => sectionName(split.sections, s), s.body]),
    [() => "Phần cuối (từ «Nơi nhận» hoặc chữ ký trở đi)", split.backMatter],
  ];
  for (const [name, body] of parts) {
    const length = textLength(body);
    if (length <= limit) continue;
    throw new DraftImportError(
      "section-too-large",
      `${name()} dài ${formatCount(length)} ký tự, vượt giới hạn ${formatCount(limit)} ký tự cho một phần, mục. ` +
        "Thường là do cách đánh số các phần, mục (như «I.», «1.», «Điều 2.») không nhận ra được nên cả văn bản dồn vào một mục; " +
        "hãy kiểm tra cách đánh số rồi nhập lại.",
      limit,
    );
  }
}

/**
 * Throws DraftImportError for unreadable or oversized files and sections (every limit is in
 * DRAFT_LIMITS), DraftStructureError for unstructured text.
 */
export async function readDraft(buffer: Buffer, filename: string): Promise<{ format: DraftFormat; paragraphs: Paragraph[]; split: SplitDraft }> {
  const format = formatFromFilename(filename);
  checkDraftFileSize(filename, buffer.length);
  const paragraphs = await parseDraftFile(buffer, format, filename);
  const split = splitDraft(paragraphs);
  checkSectionSizes(split);
  return { format, paragraphs, split };
}
