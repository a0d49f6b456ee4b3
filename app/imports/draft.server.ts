import mammoth from "mammoth";
import { DRAFT_LIMITS, formatBytes, formatCount } from "~/domain/draft-limits";
import { type Paragraph, paragraphText } from "~/domain/draft-text";
import { type SplitDraft, type SplitSection, sectionPathTitle, splitDraft } from "~/domain/sections";
import { parseMd } from "./markdown.server";
import { parseTxt } from "./text-lines.server";
import { htmlToParagraphs, numberLists } from "./word-html.server";
import { labelNumberedParagraphs, withoutUnusedFormatting } from "./word-numbering.server";
import { readZipEntries, readZipEntry, ZipFormatError, ZipSizeError } from "./zip-reader.server";

export { htmlToParagraphs };

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
    if (!data || name !== MAIN_DOCUMENT) return data;
    const xml = withoutUnusedFormatting(data.toString("utf8"));
    return Buffer.from(entries.has(NUMBERING) ? labelNumberedParagraphs(xml, text(NUMBERING), text(STYLES)) : xml, "utf8");
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
