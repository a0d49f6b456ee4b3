// The consolidated report as a .docx (Bảng tổng hợp ý kiến, tiếp thu, giải trình), laid out by
// Decree 30/2020/NĐ-CP. WordprocessingML is written by hand and streamed into the zip: the `docx`
// library builds the whole document tree in memory, which took 62 s and 4.3 GB for 100,000 rows
// (docs/decisions/0004-docx-export.md). Here memory holds one batch of rows at a time.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import {
  INTERIM_NOTICE,
  REPORT_TITLE,
  type ReportHeader,
  type ReportPerson,
  type ReportRow,
  type ReportSummary,
  reviewSummary,
  rowDecision,
} from "~/domain/report";
import { formatVnDateTime } from "~/domain/time";

/** The media type of a .docx, for a download's Content-Type. */
export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

interface ReportDocxInput {
  header: ReportHeader;
  summary: ReportSummary;
  /** Batches of rows in the order of the draft, general comments first. */
  rows: AsyncIterable<ReportRow[]>;
}

// ---------------------------------------------------------------------------------------------
// Page geometry (twips: 1/1440 inch). Decree 30/2020: A4, top 20–25 mm, bottom 20–25 mm,
// left 30–35 mm, right 15–20 mm.

// Rounded up: 15 mm is 850.4 twips, and 850 would fall just outside the decree's 15–20 mm.
const mm = (value: number) => Math.ceil((value * 1440) / 25.4);
const A4_SHORT = 11906;
const A4_LONG = 16838;

export const PORTRAIT = {
  width: A4_SHORT,
  height: A4_LONG,
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
  headerDistance: mm(10),
} as const;

// A landscape page is bound along its top edge (the reader turns the volume a quarter), so the
// portrait rule is turned with it: the binding margin (30 mm) on top, the outer one (15 mm) at the
// bottom, and the sides take the 20 mm of a portrait page's top and bottom.
export const LANDSCAPE = {
  width: A4_LONG,
  height: A4_SHORT,
  margin: { top: mm(30), bottom: mm(15), left: mm(20), right: mm(20) },
  headerDistance: mm(15),
} as const;

const PORTRAIT_TEXT_WIDTH = PORTRAIT.width - PORTRAIT.margin.left - PORTRAIT.margin.right;
const LANDSCAPE_TEXT_WIDTH = LANDSCAPE.width - LANDSCAPE.margin.left - LANDSCAPE.margin.right;

// STT | Phần, mục | Cơ quan, người góp ý | Nội dung góp ý | Ý kiến tiếp thu, giải trình
const COLUMN_WIDTHS = (() => {
  const fixed = [mm(12), mm(38), mm(50)];
  const rest = LANDSCAPE_TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const content = Math.round(rest * 0.55);
  return [...fixed, content, rest - content];
})();
const COLUMN_TITLES = ["STT", "Phần, mục", "Cơ quan, người góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình"];

// The header block reaches 6 mm into the left margin, as the usual templates do: at 12 pt
// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is 88 mm wide and "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG" 76 mm,
// one line each only if the two columns share more than the 165 mm of text width.
const HEADER_OUTDENT = mm(6);
const HEADER_LEFT_WIDTH = mm(80);
const HEADER_RIGHT_WIDTH = PORTRAIT_TEXT_WIDTH + HEADER_OUTDENT - HEADER_LEFT_WIDTH;

// Half-points.
const BODY_SIZE = 28; // 14 pt
const TABLE_SIZE = 26; // 13 pt
const NATIONAL_TITLE_SIZE = 24; // 12 pt, bold capitals
const MOTTO_SIZE = 26; // 13 pt, bold: "Độc lập - Tự do - Hạnh phúc" is 56 mm wide
const AGENCY_SIZE = 24; // 12 pt, parent in capitals, issuing body in bold capitals

// ---------------------------------------------------------------------------------------------
// Text: NFC, no characters XML 1.0 forbids, escaped.

// What XML 1.0's Char production leaves out: C0 controls other than tab and newline, U+FFFE,
// U+FFFF, and surrogates not in a pair. Two plain regexps: one with the u flag over the whole range
// cost a tenth of the export's time.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, which this removes
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC, "\n" line ends, nothing XML 1.0 forbids. */
export function cleanText(text: string): string {
  const lines = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  return lines.replace(ILLEGAL_XML, "").replace(LONE_SURROGATE, "").normalize("NFC");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeXml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : text;
}

const upper = (text: string) => text.toLocaleUpperCase("vi-VN");

// ---------------------------------------------------------------------------------------------
// WordprocessingML pieces. Element order inside w:pPr, w:rPr, w:sectPr follows the schema: Word
// refuses a file whose property elements are out of order.

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
}

interface ParaStyle {
  style?: "Body" | "Cell";
  align?: "center" | "both" | "left" | "right";
  keepNext?: boolean;
  spaceBefore?: number;
  spaceAfter?: number;
  indentLeft?: number;
  indentRight?: number;
  firstLine?: number;
  hanging?: number;
  borderBottom?: boolean;
  border?: boolean;
  /** Size of the paragraph mark: lets an empty paragraph that only draws a rule stay thin. */
  markSize?: number;
  sectPr?: string;
}

function runXml(text: string, s: RunStyle = {}): string {
  return cleanRunXml(cleanText(text), s);
}

/** A run of text that has been through cleanText already. */
function cleanRunXml(clean: string, s: RunStyle): string {
  if (!clean) return "";
  const size = s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : "";
  const props = `${s.bold ? "<w:b/><w:bCs/>" : ""}${s.italic ? "<w:i/><w:iCs/>" : ""}${size}${s.underline ? '<w:u w:val="single"/>' : ""}`;
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : "";
  // Soft line breaks and tabs inside one paragraph become w:br and w:tab, not raw characters.
  const body = clean
    .split("\n")
    .map((line) =>
      line
        .split("\t")
        .map((piece) => (piece ? `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>` : ""))
        .join("<w:tab/>"),
    )
    .join("<w:br/>");
  return `<w:r>${rPr}${body}</w:r>`;
}

function pPrXml(p: ParaStyle): string {
  const border = p.border
    ? '<w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="auto"/><w:left w:val="single" w:sz="6" w:space="4" w:color="auto"/><w:bottom w:val="single" w:sz="6" w:space="4" w:color="auto"/><w:right w:val="single" w:sz="6" w:space="4" w:color="auto"/></w:pBdr>'
    : p.borderBottom
      ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
      : "";
  const spacing =
    p.spaceBefore !== undefined || p.spaceAfter !== undefined
      ? `<w:spacing${p.spaceBefore !== undefined ? ` w:before="${p.spaceBefore}"` : ""}${p.spaceAfter !== undefined ? ` w:after="${p.spaceAfter}"` : ""}/>`
      : "";
  const ind =
    p.indentLeft !== undefined || p.indentRight !== undefined || p.firstLine !== undefined || p.hanging !== undefined
      ? `<w:ind${p.indentLeft !== undefined ? ` w:left="${p.indentLeft}"` : ""}${p.indentRight !== undefined ? ` w:right="${p.indentRight}"` : ""}${p.firstLine !== undefined ? ` w:firstLine="${p.firstLine}"` : ""}${p.hanging !== undefined ? ` w:hanging="${p.hanging}"` : ""}/>`
      : "";
  const inner =
    (p.style ? `<w:pStyle w:val="${p.style}"/>` : "") +
    (p.keepNext ? "<w:keepNext/>" : "") +
    border +
    spacing +
    ind +
    (p.align ? `<w:jc w:val="${p.align}"/>` : "") +
    (p.markSize ? `<w:rPr><w:sz w:val="${p.markSize}"/><w:szCs w:val="${p.markSize}"/></w:rPr>` : "") +
    (p.sectPr ?? "");
  return inner ? `<w:pPr>${inner}</w:pPr>` : "";
}

function para(runs: string, p: ParaStyle = {}): string {
  return `<w:p>${pPrXml(p)}${runs}</w:p>`;
}

/** Plain text to paragraphs: blank lines separate paragraphs, single newlines are line breaks. */
function textParagraphs(text: string, p: ParaStyle, r: RunStyle = {}): string[] {
  return cleanText(text)
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => para(cleanRunXml(chunk, r), p));
}

function sectPrXml(page: typeof PORTRAIT | typeof LANDSCAPE, opts: { titlePage: boolean }): string {
  const landscape = page.width > page.height;
  const m = page.margin;
  return (
    "<w:sectPr>" +
    '<w:headerReference w:type="default" r:id="rIdHeaderDefault"/>' +
    (opts.titlePage ? '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>' : "") +
    '<w:type w:val="nextPage"/>' +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"${landscape ? ' w:orient="landscape"' : ""}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${page.headerDistance}" w:footer="${mm(10)}" w:gutter="0"/>` +
    '<w:cols w:space="720"/>' +
    (opts.titlePage ? "<w:titlePg/>" : "") +
    "</w:sectPr>"
  );
}

function cell(width: number, content: string[], opts: { gridSpan?: number; vAlign?: "center" } = {}): string {
  const body = content.length ? content.join("") : para("", { style: "Cell" });
  return (
    "<w:tc><w:tcPr>" +
    `<w:tcW w:w="${width}" w:type="dxa"/>` +
    (opts.gridSpan ? `<w:gridSpan w:val="${opts.gridSpan}"/>` : "") +
    (opts.vAlign ? `<w:vAlign w:val="${opts.vAlign}"/>` : "") +
    `</w:tcPr>${body}</w:tc>`
  );
}

// ---------------------------------------------------------------------------------------------
// The first section (portrait): header block, title, summary.

/** A short centred rule under a heading line, as the decree draws under the agency and the motto. */
function rule(widthTwips: number, columnWidth: number): string {
  const side = Math.max(0, Math.round((columnWidth - widthTwips) / 2));
  return para("", { borderBottom: true, indentLeft: side, indentRight: side, spaceBefore: 0, spaceAfter: 120, markSize: 4 });
}

function headerBlock(h: ReportHeader): string {
  const c = { align: "center" as const, spaceBefore: 0, spaceAfter: 0 };
  const left = [
    ...(h.parentBody ? [para(runXml(upper(h.parentBody), { size: AGENCY_SIZE }), c)] : []),
    para(runXml(upper(h.issuingBody), { bold: true, size: AGENCY_SIZE }), c),
    rule(mm(22), HEADER_LEFT_WIDTH),
    para(runXml(h.numberLine, { size: MOTTO_SIZE }), c),
  ];
  const right = [
    para(runXml("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: NATIONAL_TITLE_SIZE }), c),
    para(runXml("Độc lập - Tự do - Hạnh phúc", { bold: true, size: MOTTO_SIZE }), c),
    // As long as the motto above it (Decree 30/2020).
    rule(mm(56), HEADER_RIGHT_WIDTH),
    para(runXml(h.placeAndDate, { italic: true, size: BODY_SIZE }), c),
  ];
  const noBorders =
    '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';
  return (
    "<w:tbl><w:tblPr>" +
    `<w:tblW w:w="${HEADER_LEFT_WIDTH + HEADER_RIGHT_WIDTH}" w:type="dxa"/>` +
    `<w:tblInd w:w="${-HEADER_OUTDENT}" w:type="dxa"/>` +
    noBorders +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
    `</w:tblPr><w:tblGrid><w:gridCol w:w="${HEADER_LEFT_WIDTH}"/><w:gridCol w:w="${HEADER_RIGHT_WIDTH}"/></w:tblGrid>` +
    `<w:tr>${cell(HEADER_LEFT_WIDTH, left)}${cell(HEADER_RIGHT_WIDTH, right)}</w:tr>` +
    "</w:tbl>"
  );
}

function titleBlock(h: ReportHeader): string {
  const c = { align: "center" as const, spaceBefore: 0, spaceAfter: 0, keepNext: true };
  const subject = cleanText(h.subject).trim();
  return [
    para(runXml(REPORT_TITLE, { bold: true }), { ...c, spaceBefore: 360 }),
    ...(h.interim ? [para(runXml("(Tạm thời)", { bold: true }), c)] : []),
    ...(subject ? [para(runXml(`Về việc ${subject}`, { bold: true }), c)] : []),
    rule(mm(40), PORTRAIT_TEXT_WIDTH),
    ...(h.interim ? [para(runXml(INTERIM_NOTICE, { bold: true, italic: true }), { align: "center", border: true, spaceBefore: 120, spaceAfter: 120 })] : []),
  ].join("");
}

function personWords(p: ReportPerson): string {
  const who = [p.name, p.title]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(", ");
  const org = p.organization.trim();
  if (!org) return who;
  return who ? `${org} (${who})` : org;
}

/** "- a;", "- b;", "- c." under a lead-in line. */
function list(items: string[]): string[] {
  return items.map((item, i) => para(runXml(`- ${item}${i === items.length - 1 ? "." : ";"}`), { style: "Body" }));
}

const count = (n: number) => n.toLocaleString("vi-VN");

function summaryBlock(h: ReportHeader, s: ReportSummary): string {
  const body = (text: string, r: RunStyle = {}) => para(runXml(text, r), { style: "Body" });
  const heading = (text: string) => para(runXml(text, { bold: true }), { style: "Body", keepNext: true });
  const out: string[] = [heading("I. TÌNH HÌNH LẤY Ý KIẾN")];
  if (h.deadlineWords.trim()) out.push(body(`Thời hạn góp ý: ${h.deadlineWords.trim()}.`));
  out.push(body(`1. Số cơ quan, đơn vị, cá nhân được lấy ý kiến: ${count(s.asked)}.`));

  const late = s.lateComments > 0 ? `, trong đó ${count(s.lateComments)} ý kiến gửi sau thời hạn` : "";
  out.push(body(`2. Số có ý kiến góp ý: ${count(s.commented)}, với tổng số ${count(s.comments)} ý kiến${late}.`));
  if (s.people.commented.length) out.push(...list(s.people.commented.map(personWords)));

  out.push(body(`3. Số thống nhất với dự thảo: ${count(s.agreed)}.`));
  if (s.people.agreed.length) out.push(...list(s.people.agreed.map(personWords)));

  let n = 4;
  if (s.silenceIsConsent) {
    out.push(body(`${n++}. Số không có ý kiến phản hồi, được xem như thống nhất với dự thảo: ${count(s.deemedAgree)}.`));
    if (s.people.deemed_agree.length) {
      out.push(body("Các đơn vị không có ý kiến phản hồi được xem như thống nhất với dự thảo:", { italic: true }));
      out.push(...list(s.people.deemed_agree.map(personWords)));
    }
  } else {
    out.push(body(`${n++}. Số không có ý kiến phản hồi: ${count(s.noReply)}.`));
    if (s.people.no_reply.length) {
      out.push(body("Các đơn vị không có ý kiến phản hồi:", { italic: true }));
      out.push(...list(s.people.no_reply.map(personWords)));
    }
  }
  if (s.awaiting > 0) out.push(body(`${n++}. Số chưa phản hồi, còn trong thời hạn góp ý: ${count(s.awaiting)}.`));
  if (s.extension > 0 || s.extensions.length > 0) {
    out.push(body(`${n++}. Số đang trong thời gian được gia hạn góp ý: ${count(s.extension)}.`));
  }
  if (s.extensions.length) {
    out.push(body("Các trường hợp được gia hạn thời gian góp ý:", { italic: true }));
    out.push(...list(s.extensions.map((e) => `${personWords(e)}: đến ${e.untilWords}`)));
  }
  out.push(body(`${n++}. Số ý kiến đã có ý kiến tiếp thu, giải trình: ${count(s.decided)}/${count(s.comments)}.${reviewSummary(s)}`));
  return out.join("");
}

// ---------------------------------------------------------------------------------------------
// The second section (landscape): the table.

function tableStart(h: ReportHeader): string {
  const headerRow = (cells: string[], bold: boolean) =>
    "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" +
    cells
      .map((t, i) => cell(COLUMN_WIDTHS[i]!, [para(runXml(t, { bold, italic: !bold }), { style: "Cell", align: "center" })], { vAlign: "center" }))
      .join("") +
    "</w:tr>";
  return (
    para(runXml(`II. TỔNG HỢP Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH${h.interim ? " (TẠM THỜI)" : ""}`, { bold: true }), {
      style: "Body",
      keepNext: true,
      spaceAfter: 120,
    }) +
    "<w:tbl><w:tblPr>" +
    '<w:tblStyle w:val="ReportTable"/>' +
    `<w:tblW w:w="${LANDSCAPE_TEXT_WIDTH}" w:type="dxa"/>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
    "</w:tblPr><w:tblGrid>" +
    COLUMN_WIDTHS.map((w) => `<w:gridCol w:w="${w}"/>`).join("") +
    "</w:tblGrid>" +
    headerRow(COLUMN_TITLES, true) +
    headerRow(
      COLUMN_TITLES.map((_, i) => `(${i + 1})`),
      false,
    )
  );
}

function rowXml(row: ReportRow): string {
  const cellPara = (text: string, r: RunStyle = {}, align?: ParaStyle["align"]) => para(runXml(text, r), { style: "Cell", align });
  const author = [
    ...(row.organization.trim() ? [cellPara(row.organization, { bold: true }, "left")] : []),
    cellPara(
      [row.authorName, row.authorTitle]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(", "),
      {},
      "left",
    ),
    ...(row.isLate ? [cellPara("(Góp ý sau thời hạn)", { italic: true }, "left")] : []),
  ];
  const quote = row.quote ? cleanText(row.quote).trim() : "";
  const content = [...(quote ? [cellPara(`“${quote}”`, { italic: true })] : []), ...textParagraphs(row.text, { style: "Cell" })];
  const decision = rowDecision(row);
  const disposition = decision
    ? [cellPara(decision.label, { bold: true }), ...textParagraphs(decision.explanation, { style: "Cell" })]
    : [cellPara("Chưa có ý kiến tiếp thu, giải trình.", { italic: true })];
  return (
    "<w:tr>" +
    cell(COLUMN_WIDTHS[0]!, [cellPara(String(row.number), {}, "center")]) +
    cell(COLUMN_WIDTHS[1]!, [cellPara(row.section, {}, "left")]) +
    cell(COLUMN_WIDTHS[2]!, author) +
    cell(COLUMN_WIDTHS[3]!, content) +
    cell(COLUMN_WIDTHS[4]!, disposition) +
    "</w:tr>"
  );
}

const EMPTY_ROW =
  "<w:tr>" +
  cell(LANDSCAPE_TEXT_WIDTH, [para(runXml("Không có ý kiến góp ý.", { italic: true }), { style: "Cell", align: "center" })], {
    gridSpan: COLUMN_WIDTHS.length,
  }) +
  "</w:tr>";

// ---------------------------------------------------------------------------------------------
// The package's fixed parts.

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  XML_DECL +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  "</Types>";

const ROOT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  "</Relationships>";

const DOCUMENT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
  '<Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' +
  '<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>' +
  "</Relationships>";

const FONT = "Times New Roman";
const RFONTS = `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>`;

const STYLES =
  XML_DECL +
  `<w:styles xmlns:w="${W_NS}">` +
  "<w:docDefaults>" +
  `<w:rPrDefault><w:rPr>${RFONTS}<w:sz w:val="${BODY_SIZE}"/><w:szCs w:val="${BODY_SIZE}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
  "</w:docDefaults>" +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>' +
  // Body text: first-line indent 1 cm, at least 6 pt between paragraphs, justified (Decree 30/2020).
  '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Body"><w:name w:val="Body Text (Decree 30)"/><w:basedOn w:val="Normal"/><w:qFormat/>' +
  `<w:pPr><w:spacing w:before="120" w:after="0" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="${mm(10)}"/><w:jc w:val="both"/></w:pPr></w:style>` +
  '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Cell"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>' +
  `<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="${TABLE_SIZE}"/><w:szCs w:val="${TABLE_SIZE}"/></w:rPr></w:style>` +
  '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:tblPr>' +
  '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>' +
  '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>' +
  '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>' +
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  "</w:styles>";

const SETTINGS =
  XML_DECL +
  `<w:settings xmlns:w="${W_NS}">` +
  '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  "</w:settings>";

// The page number, centred at the top (header1); the first page has an empty header (header2).
const PAGE_NUMBER_HEADER =
  XML_DECL +
  `<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>` +
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>';

const EMPTY_HEADER = `${XML_DECL}<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>`;

function coreProps(h: ReportHeader, generatedAt: Date): string {
  const when = generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(cleanText(`${REPORT_TITLE} - ${h.consultationTitle}`))}</dc:title>` +
    `<dc:creator>${escapeXml(cleanText(h.issuingBody))}</dc:creator>` +
    `<dc:language>vi-VN</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

const APP_PROPS =
  XML_DECL +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Cổng góp ý dự thảo</Application></Properties>';

// ---------------------------------------------------------------------------------------------

async function* documentXml(input: ReportDocxInput, generatedAt: Date): AsyncGenerator<Buffer> {
  const { header, summary } = input;
  yield Buffer.from(
    XML_DECL +
      `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>` +
      headerBlock(header) +
      titleBlock(header) +
      summaryBlock(header, summary) +
      // The portrait section ends with this paragraph; what follows is landscape.
      para("", { sectPr: sectPrXml(PORTRAIT, { titlePage: true }) }) +
      tableStart(header),
  );
  let rows = 0;
  for await (const batch of input.rows) {
    let xml = "";
    for (const row of batch) xml += rowXml(row);
    rows += batch.length;
    if (xml) yield Buffer.from(xml);
  }
  yield Buffer.from(
    (rows === 0 ? EMPTY_ROW : "") +
      "</w:tbl>" +
      para(runXml(`Bảng gồm ${count(rows)} ý kiến, lập lúc ${formatVnDateTime(generatedAt)} trên Cổng góp ý dự thảo.`, { italic: true, size: 24 }), {
        spaceBefore: 120,
      }) +
      sectPrXml(LANDSCAPE, { titlePage: false }) +
      "</w:body></w:document>",
  );
}

/**
 * Writes the report as a .docx to `out`, reading `rows` one batch at a time as `out` drains.
 * Resolves when `out` has finished; on failure `out` is destroyed with the error, so a download
 * is cut off rather than ending in a truncated file that looks complete.
 */
export async function writeReportDocx(
  input: { header: ReportHeader; summary: ReportSummary; rows: AsyncIterable<ReportRow[]> },
  out: NodeJS.WritableStream,
): Promise<void> {
  const parsed = new Date(input.header.generatedAt);
  const generatedAt = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const doc = Readable.from(documentXml(input, generatedAt), { objectMode: false });
  // yazl pipes entry streams without forwarding their errors: a failing row source must end the zip.
  doc.on("error", (error) => output.destroy(error));
  zip.on("error", (error: Error) => output.destroy(error));

  const options = { mtime: generatedAt };
  zip.addBuffer(Buffer.from(CONTENT_TYPES), "[Content_Types].xml", options);
  zip.addBuffer(Buffer.from(ROOT_RELS), "_rels/.rels", options);
  zip.addBuffer(Buffer.from(coreProps(input.header, generatedAt)), "docProps/core.xml", options);
  zip.addBuffer(Buffer.from(APP_PROPS), "docProps/app.xml", options);
  zip.addBuffer(Buffer.from(DOCUMENT_RELS), "word/_rels/document.xml.rels", options);
  zip.addBuffer(Buffer.from(STYLES), "word/styles.xml", options);
  zip.addBuffer(Buffer.from(SETTINGS), "word/settings.xml", options);
  zip.addBuffer(Buffer.from(PAGE_NUMBER_HEADER), "word/header1.xml", options);
  zip.addBuffer(Buffer.from(EMPTY_HEADER), "word/header2.xml", options);
  zip.addReadStream(doc, "word/document.xml", options);
  zip.end();

  try {
    await pipeline(output, out);
  } finally {
    // Stops the row source (its finally blocks run) if `out` failed before the rows were read.
    doc.destroy();
  }
}
