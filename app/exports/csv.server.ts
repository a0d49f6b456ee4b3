// The consolidated report as CSV: one row per comment, every field, for the Office to sort and
// filter in Excel or to feed another program. UTF-8 with a byte order mark (without it Excel reads
// the file as the local code page and the diacritics turn to noise), rows ending in CRLF, fields
// quoted as RFC 4180 says. Rows are written a batch at a time as the reader takes them.
import { DISPOSITION_LABELS, NEEDS_REVIEW_IN_REPORT, NEEDS_REVIEW_NOTE, type ReportData, type ReportRow, SCOPE_LABELS } from "~/domain/report";
import { vnDateTimeTexts } from "~/domain/time";
import { chunksToWebStream, writeChunks } from "./stream.server";

const BOM = "\uFEFF";
const EOL = "\r\n";

/**
 * The columns, in order: Vietnamese headings, and whether every value is one the portal writes
 * itself ("own": numbers, times, ids, the fixed labels of a decision). Those cannot hold a comma, a
 * quote, a line break or a leading formula character, so they skip csvField's test (1.9 million of
 * them for 100,000 comments); every other column is checked.
 */
const COLUMNS = [
  ["STT", "own"],
  ["Phần, mục", "text"],
  ["Phạm vi góp ý", "text"], // "Cả phần, mục" has a comma
  ["Đoạn trích dẫn", "text"],
  ["Nội dung góp ý", "text"],
  ["Người góp ý", "text"],
  ["Chức vụ", "text"],
  ["Cơ quan, đơn vị", "text"],
  ["Thời điểm góp ý (giờ Việt Nam)", "own"],
  ["Thời điểm góp ý (ISO 8601)", "own"],
  ["Sửa lần cuối (giờ Việt Nam)", "own"],
  ["Sửa lần cuối (ISO 8601)", "own"],
  ["Quá hạn", "own"],
  ["Hình thức xử lý", "own"],
  ["Nội dung tiếp thu, giải trình", "text"],
  ["Thời điểm xử lý (giờ Việt Nam)", "own"],
  ["Thời điểm xử lý (ISO 8601)", "own"],
  ["Mã góp ý", "own"],
  ["Mã phần, mục", "own"],
] as const;

export const CSV_HEADINGS = COLUMNS.map(([heading]) => heading);
const OWN_VALUES = new Set(COLUMNS.flatMap(([, kind], i) => (kind === "own" ? [i] : [])));

/** An instant twice: as people read it ("08:00 ngày 22/11/2026") and exactly, with Vietnam's offset. */
function times(iso: string | null): [string, string] {
  return iso ? vnDateTimeTexts(Date.parse(iso)) : ["", ""];
}

/** One row's cells, in the order of CSV_HEADINGS. */
export function csvCells(r: ReportRow): string[] {
  const created = times(r.createdAt);
  // Most comments are never edited: one conversion serves both columns.
  const updated = r.updatedAt === r.createdAt ? created : times(r.updatedAt);
  const decided = times(r.decidedAt);
  return [
    String(r.number),
    r.section,
    SCOPE_LABELS[r.scope],
    r.quote ?? "",
    r.text,
    r.authorName,
    r.authorTitle,
    r.organization,
    created[0],
    created[1],
    updated[0],
    updated[1],
    r.isLate ? "quá hạn" : "",
    // rowDecision's words, written out: no object per row over 100,000 of them.
    r.dispositionNeedsReview ? NEEDS_REVIEW_IN_REPORT : r.disposition ? DISPOSITION_LABELS[r.disposition] : "",
    r.dispositionNeedsReview ? NEEDS_REVIEW_NOTE : r.explanation,
    decided[0],
    decided[1],
    r.commentId,
    r.sectionAnchor ?? "",
  ];
}

// Formula injection. Excel and LibreOffice run a cell that starts with = + - @ (OWASP adds tab and
// carriage return) as a formula, and this text is typed by officials and, where allowed, by the
// public: "=HYPERLINK(…)" would become a live link in the Office's spreadsheet. It bites honest
// text too: a comment written as a dash list, "- Đề nghị bổ sung …", shows as #NAME?. So such a
// cell gets a leading apostrophe, as OWASP advises: the Office reads the text (with that mark),
// never a formula. Programs that need the exact text have the JSON export. The rule is reversible:
// apostrophes already in front of such a character get one more, and unguardCell removes one.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text as stored, from a cell read back from this CSV. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

const NEEDS_CARE = /[",\r\n]|^['=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. Guarded first. */
export function csvField(value: string): string {
  if (!NEEDS_CARE.test(value)) return value; // most cells: one test
  const cell = guardCell(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function csvLine(cells: string[], checkAll = false): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += (i ? "," : "") + (checkAll || !OWN_VALUES.has(i) ? csvField(cells[i]!) : cells[i]!);
  return line + EOL;
}

/** Rows per chunk of text: ~30 KB, small enough for V8's young generation, which is cheap to collect. */
const ROWS_PER_CHUNK = 40;

/** The file as text chunks: the byte order mark and headings, then the rows, a few dozen at a time. */
export async function* reportCsvChunks(rows: AsyncIterable<ReportRow[]>): AsyncGenerator<string> {
  yield BOM + csvLine([...CSV_HEADINGS], true);
  for await (const batch of rows) {
    for (let from = 0; from < batch.length; from += ROWS_PER_CHUNK) {
      // Joined flat from lines: a string grown with += is a rope, copied again on output.
      yield batch
        .slice(from, from + ROWS_PER_CHUNK)
        .map((row) => csvLine(csvCells(row)))
        .join("");
    }
  }
}

/** Writes the CSV to a file or any Node stream, as fast as it drains; ends `out`. */
export function writeReportCsv(input: Pick<ReportData, "rows">, out: NodeJS.WritableStream): Promise<void> {
  return writeChunks(reportCsvChunks(input.rows), out);
}

/** The CSV as a Response body: `new Response(reportCsvStream(data), { headers: { "content-type": CSV_CONTENT_TYPE } })`. */
export function reportCsvStream(input: Pick<ReportData, "rows">): ReadableStream<Uint8Array> {
  return chunksToWebStream(reportCsvChunks(input.rows));
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
