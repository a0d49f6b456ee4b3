// The consolidated report (Bảng tổng hợp ý kiến, tiếp thu, giải trình): its words, its shape and
// the rules of the Office's decision on a comment. Pure: the models fill it from the database,
// the HTML page and the DOCX, CSV and JSON exports all read this same shape.
import type { Standing } from "./silence";
import { calendarDateString, toCalendarDate } from "./time";
import type { TiptapNode } from "./tiptap";
import { isBlankText } from "./visible-text";

export const DISPOSITION_KINDS = ["accepted", "partly_accepted", "explained", "not_accepted"] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

export const DISPOSITION_LABELS: Record<DispositionKind, string> = {
  accepted: "Tiếp thu",
  partly_accepted: "Tiếp thu một phần",
  explained: "Giải trình",
  not_accepted: "Không tiếp thu",
};

export const REPORT_TITLE = "BẢNG TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH";
export const INTERIM_NOTICE = "Bảng tổng hợp tạm thời: thời hạn góp ý chưa kết thúc, số liệu còn thay đổi.";
export const GENERAL_SECTION_LABEL = "Góp ý chung";

export const MAX_EXPLANATION_CHARS = 10_000;

export type CommentScope = "passage" | "section" | "general";

/** What a comment is about, as a column of the table says it. */
export const SCOPE_LABELS: Record<CommentScope, string> = {
  passage: "Đoạn văn được chọn",
  section: "Cả phần, mục",
  general: "Chung cho dự thảo",
};

export function isDispositionKind(value: unknown): value is DispositionKind {
  return typeof value === "string" && (DISPOSITION_KINDS as readonly string[]).includes(value);
}

/** Why a decision cannot be saved as given, in Vietnamese; null when it can. */
export function dispositionProblem(kind: string, explanation: string): string | null {
  if (!isDispositionKind(kind)) return "Vui lòng chọn một hình thức xử lý: Tiếp thu, Tiếp thu một phần, Giải trình hoặc Không tiếp thu.";
  const text = explanation.normalize("NFC").trim();
  if (kind !== "accepted" && isBlankText(text)) return `Vui lòng ghi nội dung giải trình cho ý kiến "${DISPOSITION_LABELS[kind]}".`;
  if (text.length > MAX_EXPLANATION_CHARS)
    return `Nội dung giải trình dài ${text.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${MAX_EXPLANATION_CHARS.toLocaleString("vi-VN")} ký tự.`;
  return null;
}

/** The block above the title: issuing body and its parent, number, place and date (Decree 30/2020). */
export interface ReportHeader {
  consultationId: string;
  consultationTitle: string;
  parentBody: string | null; // "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG" is written in capitals by the view
  issuingBody: string;
  /** The number is left for the clerk to fill: "Số: …/…". */
  numberLine: string;
  /** "Sóc Trăng, ngày 05 tháng 01 năm 2022": the date the report is made, Vietnam time. */
  placeAndDate: string;
  /** What the report is about: the request letter's subject (without "V/v"). */
  subject: string;
  deadlineWords: string;
  /** Before the deadline (or while an extension runs) the report is interim ("tạm thời"). */
  interim: boolean;
  generatedAt: string; // ISO instant
}

export interface ReportPerson {
  name: string;
  title: string; // "Giám đốc Sở Y tế"
  organization: string;
}

export interface ReportSummary {
  asked: number;
  commented: number;
  agreed: number;
  deemedAgree: number;
  noReply: number; // silence when silence-as-consent is off
  awaiting: number; // still in time
  extension: number; // past the deadline inside their own extension
  /** Per standing, the recipients in report order (organisation, then name). */
  people: Record<Standing, ReportPerson[]>;
  /** Extensions granted, with the instant they end. */
  extensions: (ReportPerson & { until: string; untilWords: string })[];
  comments: number; // not withdrawn
  lateComments: number;
  decided: number; // comments with a disposition on their current wording
  /** Comments edited after the Office decided on them: not counted in `decided` until it reviews them. */
  dispositionsNeedingReview: number;
  silenceIsConsent: boolean;
}

/** One row of the table: one comment that is not withdrawn, in the order of the draft. */
export interface ReportRow {
  number: number; // STT, from 1
  commentId: string;
  scope: CommentScope;
  /** "III. NỘI DUNG" or, for a general comment, "Góp ý chung". */
  section: string;
  sectionAnchor: string | null;
  organization: string; // "" for a public comment
  authorName: string;
  authorTitle: string;
  quote: string | null; // the selected passage, for a passage comment
  text: string; // the comment, plain text, paragraphs separated by blank lines
  createdAt: string; // ISO instant
  updatedAt: string;
  isLate: boolean;
  /** null when not decided, or when the decision needs review (then the three are left empty). */
  disposition: DispositionKind | null;
  explanation: string;
  decidedAt: string | null;
  /**
   * The official edited the comment after the Office decided on it: the decision answers a wording
   * that is no longer the comment's, so the report gives no answer until the Office reviews it.
   */
  dispositionNeedsReview: boolean;
}

/** What the decision column says of a comment whose decision needs review, in every format. */
export const NEEDS_REVIEW_IN_REPORT = "Đang xem xét lại";
export const NEEDS_REVIEW_NOTE = "Người góp ý đã sửa nội dung sau khi Văn phòng xử lý; ý kiến xử lý đang được xem xét lại.";

/** The decision column of a row: the label and its explanation, or null while the comment is undecided. */
export function rowDecision(row: Pick<ReportRow, "disposition" | "explanation" | "dispositionNeedsReview">): { label: string; explanation: string } | null {
  if (row.dispositionNeedsReview) return { label: NEEDS_REVIEW_IN_REPORT, explanation: NEEDS_REVIEW_NOTE };
  return row.disposition ? { label: DISPOSITION_LABELS[row.disposition], explanation: row.explanation } : null;
}

/** The summary's words on decisions under review, or "" when there are none. */
export function reviewSummary(s: Pick<ReportSummary, "dispositionsNeedingReview">): string {
  const n = s.dispositionsNeedingReview;
  return n ? ` Chưa tính ${n.toLocaleString("vi-VN")} ý kiến đang xem xét lại do người góp ý đã sửa nội dung sau khi Văn phòng xử lý.` : "";
}

export const REPORT_FORMATS = ["docx", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

const MAX_NAME_CHARS = 120;

/**
 * The file name a download or the CLI suggests: "Bảng tổng hợp ý kiến - <title> - 2027-01-05.docx",
 * "(tạm thời)" before the deadline; `ascii` is the same without diacritics, for old clients.
 */
export function reportFileName(header: ReportHeader, format: ReportFormat): { full: string; ascii: string } {
  const day = calendarDateString(toCalendarDate(new Date(header.generatedAt)));
  const title = header.consultationTitle
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_NAME_CHARS)
    .trim();
  const full = `Bảng tổng hợp ý kiến - ${title}${header.interim ? " (tạm thời)" : ""} - ${day}.${format}`;
  const ascii = full
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9()._-]+/g, "-")
    .replace(/-+/g, "-");
  return { full, ascii };
}

/** Everything an exporter needs; the rows come in batches so 100,000 comments never sit in memory at once. */
export interface ReportData {
  header: ReportHeader;
  summary: ReportSummary;
  rows: AsyncIterable<ReportRow[]>;
}

/**
 * A comment's text for the report: its paragraphs separated by a blank line, line breaks kept.
 * The stored plain text joins paragraphs and line breaks alike with one "\n" (it is the canonical
 * text anchors count in), so the paragraphs are read again from the Tiptap JSON; `fallback`
 * (that plain text) is used when the JSON cannot be read.
 */
export function commentParagraphText(bodyJson: string, fallback: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(bodyJson);
  } catch {
    return fallback;
  }
  const content = (doc as { content?: unknown }).content;
  if (!Array.isArray(content)) return fallback;
  const text = paragraphsOnly(content as TiptapNode[]) ?? (content as TiptapNode[]).flatMap(leafBlocks).map(inlineText).join("\n\n");
  return text || fallback;
}

/**
 * The usual body, paragraphs of text and line breaks, read in one loop; null for anything else,
 * which the general walk below reads. (A 100,000-comment export spent a tenth of its time here.)
 */
function paragraphsOnly(content: TiptapNode[]): string | null {
  let text = "";
  for (let i = 0; i < content.length; i++) {
    const block = content[i]!;
    if (block.type !== "paragraph") return null;
    if (i > 0) text += "\n\n";
    for (const node of block.content ?? []) {
      if (node.type === "text") text += node.text ?? "";
      else if (node.type === "hardBreak") text += "\n";
      else return null;
    }
  }
  return text;
}

function isInline(node: TiptapNode): boolean {
  return node.type === "text" || node.type === "hardBreak";
}

function leafBlocks(node: TiptapNode): TiptapNode[] {
  const content = node.content ?? [];
  if (content.length === 0 || content.every(isInline) || node.type === "paragraph" || node.type === "heading") return [node];
  return content.flatMap(leafBlocks);
}

function inlineText(node: TiptapNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}
