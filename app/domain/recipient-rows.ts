// Recipients pasted as rows: copied from Excel (tab-separated) or a CSV file (semicolon or comma).
// Columns: name, title, organization, email, group. Every bad row is reported with the line the
// clerk sees in their spreadsheet, so the whole list can be fixed in one go before anything is saved.
import { z } from "./validation";

export interface RecipientRow {
  /** The line of the pasted text the row starts on, from 1. */
  line: number;
  name: string;
  title: string;
  organization: string;
  email: string;
  group: string | null;
}

export type RowsResult = { ok: true; rows: RecipientRow[] } | { ok: false; problems: string[] };

export const ROW_LIMITS = { rows: 2000, name: 200, title: 300, organization: 300, email: 254, group: 200 } as const;

type Column = "name" | "title" | "organization" | "email" | "group";
const COLUMNS: readonly Column[] = ["name", "title", "organization", "email", "group"];

const COLUMN_WORDS: Record<Column, string> = {
  name: "họ tên",
  title: "chức vụ",
  organization: "cơ quan, đơn vị",
  email: "địa chỉ email",
  group: "nhóm",
};

// Header cells as clerks write them, compared without case, diacritics or punctuation.
const HEADER_NAMES: Record<string, Column> = {
  hoten: "name",
  hovaten: "name",
  ten: "name",
  name: "name",
  fullname: "name",
  chucvu: "title",
  title: "title",
  position: "title",
  coquan: "organization",
  donvi: "organization",
  coquandonvi: "organization",
  organization: "organization",
  organisation: "organization",
  email: "email",
  diachiemail: "email",
  thudientu: "email",
  nhom: "group",
  group: "group",
};

const emailSchema = z.email();

/** An address as the portal stores it: NFC, trimmed, lower-cased. */
export function normalizeEmailAddress(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

function headerKey(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

interface Record_ {
  line: number;
  cells: string[];
}

/** Excel puts tabs between cells; a CSV file semicolons (Vietnamese Excel) or commas. */
function delimiterOf(text: string): string {
  if (text.includes("\t")) return "\t";
  const first = text.split("\n", 1)[0] ?? "";
  return (first.match(/;/g)?.length ?? 0) >= (first.match(/,/g)?.length ?? 0) && first.includes(";") ? ";" : ",";
}

/** Splits into records, honouring quoted cells ("a, b", "two\nlines", "say ""hi"""). */
export function splitRecords(text: string, delimiter: string): Record_[] {
  const records: Record_[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n") {
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = "";
      line++;
      start = line;
    } else cell += ch;
  }
  cells.push(cell);
  records.push({ line: start, cells });
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

/** The header's column order when the first record is a header, else null. */
function headerColumns(cells: string[]): (Column | null)[] | null {
  const mapped = cells.map((c) => HEADER_NAMES[headerKey(c)] ?? null);
  return mapped.includes("email") && mapped.filter(Boolean).length >= 2 ? mapped : null;
}

function clean(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

function checkRow(line: number, row: Omit<RecipientRow, "line">, raw: string): string[] {
  const problems: string[] = [];
  for (const column of ["name", "title", "organization"] as const) {
    if (!row[column]) problems.push(`Dòng ${line}: thiếu ${COLUMN_WORDS[column]}.`);
  }
  if (!row.email) problems.push(`Dòng ${line}: thiếu địa chỉ email.`);
  else if (row.email.length > ROW_LIMITS.email || !emailSchema.safeParse(row.email).success)
    problems.push(`Dòng ${line}: địa chỉ email «${raw}» không hợp lệ.`);
  for (const column of COLUMNS) {
    const value = row[column] ?? "";
    if (column !== "email" && value.length > ROW_LIMITS[column]) problems.push(`Dòng ${line}: ${COLUMN_WORDS[column]} dài quá ${ROW_LIMITS[column]} ký tự.`);
  }
  return problems;
}

/** Reads pasted rows; ok only when every row is valid and no address repeats. */
export function parseRecipientRows(input: string): RowsResult {
  const text = input
    .normalize("NFC")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  const records = splitRecords(text, delimiterOf(text));
  const header = records[0] ? headerColumns(records[0].cells) : null;
  const body = header ? records.slice(1) : records;
  const order = header ?? COLUMNS;
  if (body.length === 0) return { ok: false, problems: ["Chưa có dòng nào: hãy dán danh sách (họ tên, chức vụ, cơ quan, email, nhóm)."] };
  if (body.length > ROW_LIMITS.rows) return { ok: false, problems: [`Mỗi lần chỉ thêm được tối đa ${ROW_LIMITS.rows} người (đã dán ${body.length} dòng).`] };
  const problems: string[] = [];
  const rows: RecipientRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const value = (column: Column) => clean(cells[order.indexOf(column)]);
    const rawEmail = value("email");
    const row = {
      name: value("name"),
      title: value("title"),
      organization: value("organization"),
      email: normalizeEmailAddress(rawEmail),
      group: value("group") || null,
    };
    const rowProblems = checkRow(line, row, rawEmail);
    const first = row.email ? seen.get(row.email) : undefined;
    if (first !== undefined) rowProblems.push(`Dòng ${line}: email trùng với dòng ${first}.`);
    else if (row.email) seen.set(row.email, line);
    problems.push(...rowProblems);
    rows.push({ line, ...row });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}
