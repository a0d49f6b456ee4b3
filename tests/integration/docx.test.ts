// The consolidated report as a .docx: the package is opened as a zip and its WordprocessingML read
// for what Decree 30/2020 asks (A4, margins, Times New Roman, page numbers, a landscape table whose
// header repeats), then LibreOffice renders it to PDF and every comment must be in the PDF's text.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { INTERIM_NOTICE, REPORT_TITLE, type ReportHeader, type ReportPerson, type ReportRow, type ReportSummary } from "~/domain/report";
import { cleanText, LANDSCAPE, writeReportDocx } from "~/exports/docx.server";
import { tempDir } from "../helpers/database";

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// Reading the zip: the central directory names each entry, its method and where it starts.

function readZip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The text a reader sees in a piece of WordprocessingML: w:t contents, entities decoded. */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

const attr = (xml: string, element: string, name: string) => {
  const m = new RegExp(`<${element}\\b[^>]*\\s${name}="(-?\\d+)"`).exec(xml);
  return m ? Number(m[1]) : NaN;
};
const toMm = (twips: number) => (twips * 25.4) / 1440;

// ---------------------------------------------------------------------------------------------
// A report made by hand, shaped as the report model makes it.

const person = (name: string, title: string, organization: string): ReportPerson => ({ name, title, organization });
const health = person("Nguyễn Văn An", "Giám đốc Sở Y tế", "Sở Y tế");
const inspection = person("Trần Thị Bình", "Chánh Thanh tra tỉnh", "Thanh tra tỉnh");
const finance = person("Lê Hoàng Cường", "Giám đốc Sở Tài chính", "Sở Tài chính");
const trade = person("Phạm Minh Đức", "Giám đốc Sở Công Thương", "Sở Công Thương");
const planning = person("Đặng Quốc Khánh", "Giám đốc Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư");
const labour = person("Lý Thanh Nam", "Giám đốc Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội");
const farming = person("Dương Văn Quang", "Giám đốc Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường");

function makeHeader(interim: boolean): ReportHeader {
  return {
    consultationId: "c1",
    consultationTitle: "Dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo",
    parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    numberLine: "Số:        /BC-VP",
    placeAndDate: "Sóc Trăng, ngày 05 tháng 10 năm 2021",
    subject:
      "lấy ý kiến đối với dự thảo Kế hoạch triển khai thực hiện Chiến lược quốc gia về nghiên cứu, phát triển và ứng dụng Trí tuệ nhân tạo đến năm 2030, tỉnh Sóc Trăng",
    deadlineWords: "hết ngày 30/9/2021 (23 giờ 59, giờ Việt Nam)",
    interim,
    generatedAt: "2021-10-05T02:30:00.000Z",
  };
}

function makeSummary(silenceIsConsent: boolean): ReportSummary {
  const silent = [planning, labour];
  return {
    asked: 7,
    commented: 3,
    agreed: 1,
    deemedAgree: silenceIsConsent ? 2 : 0,
    noReply: silenceIsConsent ? 0 : 2,
    awaiting: 0,
    extension: 1,
    people: {
      commented: [health, inspection, finance],
      agreed: [trade],
      deemed_agree: silenceIsConsent ? silent : [],
      no_reply: silenceIsConsent ? [] : silent,
      awaiting: [],
      extension: [farming],
    },
    extensions: [{ ...farming, until: "2021-10-07T16:59:59.999Z", untilWords: "hết ngày 7/10/2021 (23 giờ 59, giờ Việt Nam)" }],
    comments: 8,
    lateComments: 1,
    decided: 6,
    dispositionsNeedingReview: 0,
    silenceIsConsent,
  };
}

function row(number: number, over: Partial<ReportRow>): ReportRow {
  return {
    number,
    commentId: `comment-${number}`,
    scope: "section",
    section: "I. MỤC ĐÍCH, YÊU CẦU",
    sectionAnchor: "muc-1",
    organization: health.organization,
    authorName: health.name,
    authorTitle: health.title,
    quote: null,
    text: "",
    createdAt: "2021-09-20T03:00:00.000Z",
    updatedAt: "2021-09-20T03:00:00.000Z",
    isLate: false,
    disposition: null,
    explanation: "",
    decidedAt: null,
    dispositionNeedsReview: false,
    ...over,
  };
}

// NFD input (as pasted from some editors) must come out NFC; characters XML 1.0 forbids are dropped.
const NFD_COMMENT = "Đề nghị làm rõ trách nhiệm của Sở Thông tin và Truyền thông trong việc tổ chức triển khai.".normalize("NFD");

const ROWS: ReportRow[] = [
  row(1, {
    scope: "general",
    section: "Góp ý chung",
    sectionAnchor: null,
    organization: inspection.organization,
    authorName: inspection.name,
    authorTitle: inspection.title,
    text: "Dự thảo cần bổ sung căn cứ pháp lý là Quyết định số 127/QĐ-TTg ngày 26/01/2021 của Thủ tướng Chính phủ.\n\nĐồng thời rà soát thể thức theo Nghị định số 30/2020/NĐ-CP.",
    disposition: "accepted",
    explanation: "",
  }),
  row(2, {
    scope: "general",
    section: "Góp ý chung",
    sectionAnchor: null,
    organization: "",
    authorName: "Võ Thị Hạnh",
    authorTitle: "",
    text: 'Đề nghị công khai tiến độ thực hiện <hằng quý> & báo cáo "kết quả" trên Cổng thông tin điện tử tỉnh.\u0001\u000B',
    disposition: "not_accepted",
    explanation: "Nội dung này đã được quy định tại Quy chế hoạt động của Cổng thông tin điện tử tỉnh.",
  }),
  row(3, {
    scope: "passage",
    quote: "Phấn đấu đến năm 2030, tỉnh Sóc Trăng trở thành địa phương khá về ứng dụng trí tuệ nhân tạo",
    text: "Đề nghị thay cụm từ “địa phương khá” bằng chỉ tiêu định lượng cụ thể, có thể đo lường được.",
    disposition: "partly_accepted",
    explanation: "Tiếp thu việc bổ sung chỉ tiêu định lượng.\n\nGiữ cụm từ “địa phương khá” vì thống nhất với Chiến lược quốc gia.",
  }),
  row(4, {
    section: "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    organization: finance.organization,
    authorName: finance.name,
    authorTitle: finance.title,
    text: NFD_COMMENT,
    disposition: "explained",
    explanation: "Trách nhiệm của Sở Thông tin và Truyền thông đã được nêu tại điểm c khoản 2 Mục IV.",
  }),
  row(5, {
    scope: "passage",
    section: "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    quote: "Xây dựng cơ sở dữ liệu dùng chung của tỉnh",
    organization: inspection.organization,
    authorName: inspection.name,
    authorTitle: inspection.title,
    text: "Bổ sung yêu cầu bảo đảm an toàn, an ninh thông tin và bảo vệ dữ liệu cá nhân theo Nghị định số 13/2023/NĐ-CP.",
  }),
  row(6, {
    section: "III. KINH PHÍ THỰC HIỆN",
    organization: finance.organization,
    authorName: finance.name,
    authorTitle: finance.title,
    text: "Đề nghị ghi rõ nguồn kinh phí: ngân sách tỉnh bố trí trong dự toán hằng năm của các sở, ngành theo phân cấp ngân sách hiện hành.",
    disposition: "accepted",
  }),
  row(7, {
    section: "IV. TỔ CHỨC THỰC HIỆN",
    isLate: true,
    text: "Đề nghị giao Sở Khoa học và Công nghệ làm đầu mối theo dõi, đôn đốc, tổng hợp tình hình thực hiện Kế hoạch, định kỳ báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.",
    disposition: "accepted",
    explanation: "Đã bổ sung tại khoản 1 Mục IV.",
  }),
  row(8, {
    section: "IV. TỔ CHỨC THỰC HIỆN",
    organization: inspection.organization,
    authorName: inspection.name,
    authorTitle: inspection.title,
    text: "Thống nhất với dự thảo, đề nghị sớm trình ban hành.",
    disposition: "accepted",
  }),
];

async function* inBatches(rows: ReportRow[], size: number): AsyncGenerator<ReportRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function writeDocx(opts: { interim: boolean; silenceIsConsent: boolean; rows?: ReportRow[] }): Promise<string> {
  const file = path.join(tempDir("portal-docx-"), "bang-tong-hop.docx");
  await writeReportDocx(
    { header: makeHeader(opts.interim), summary: makeSummary(opts.silenceIsConsent), rows: inBatches(opts.rows ?? ROWS, 3) },
    fs.createWriteStream(file),
  );
  return file;
}

function parts(file: string) {
  const files = readZip(fs.readFileSync(file));
  const text = (name: string) => {
    const data = files.get(name);
    if (!data) throw new Error(`${name} missing from the package`);
    return data.toString("utf8");
  };
  return { files, text, document: text("word/document.xml") };
}

/** The report table: the one with the repeated header rows; its rows after the two header rows. */
function reportTable(document: string) {
  const tables = document.split("<w:tbl>").slice(1);
  const found = tables.find((t) => t.includes("<w:tblHeader/>"));
  if (!found) throw new Error("no table with a repeated header row");
  const table = found.slice(0, found.indexOf("</w:tbl>"));
  const rows = table.split("<w:tr>").slice(1);
  return { table, headerRows: rows.slice(0, 2), bodyRows: rows.slice(2) };
}

const cellsOf = (rowXml: string) => rowXml.split("<w:tc>").slice(1).map(visibleText);

// ---------------------------------------------------------------------------------------------

describe("the DOCX report's WordprocessingML", () => {
  it("is a package Word opens: content types, relationships, styles, headers, the document", async () => {
    const { files, text } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    expect([...files.keys()].sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/settings.xml",
        "word/styles.xml",
      ].sort(),
    );
    expect(text("[Content_Types].xml")).toContain('PartName="/word/document.xml"');
    expect(text("_rels/.rels")).toContain('Target="word/document.xml"');
    for (const [name, data] of files) {
      expect(data.toString("utf8").startsWith("<?xml"), name).toBe(true);
    }
  });

  it("lists the rows in draft order with STT, section, who, the quote in italics and the decision in bold", async () => {
    const { document } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    const { bodyRows } = reportTable(document);
    expect(bodyRows).toHaveLength(ROWS.length);
    bodyRows.forEach((xml, i) => {
      const source = ROWS[i]!;
      const [stt, section, who, content, decision] = cellsOf(xml);
      expect(stt).toBe(String(i + 1));
      expect(section).toBe(source.section);
      expect(who).toContain(source.authorName);
      expect(who).toContain(source.organization);
      for (const paragraph of cleanText(source.text).split("\n\n")) expect(content).toContain(paragraph.trim());
      if (source.quote) expect(content!.startsWith(`“${source.quote}”`)).toBe(true);
      expect(decision).toContain(
        source.disposition
          ? { accepted: "Tiếp thu", partly_accepted: "Tiếp thu một phần", explained: "Giải trình", not_accepted: "Không tiếp thu" }[source.disposition]
          : "Chưa có ý kiến tiếp thu, giải trình.",
      );
      for (const paragraph of source.explanation.split("\n\n").filter(Boolean)) expect(decision).toContain(paragraph);
    });
    // General comments first, as the rows came.
    expect(cellsOf(bodyRows[0]!)[1]).toBe("Góp ý chung");
    expect(cellsOf(bodyRows[1]!)[1]).toBe("Góp ý chung");

    const quoteRun = /<w:r><w:rPr>([\s\S]*?)<\/w:rPr><w:t xml:space="preserve">“Phấn đấu/.exec(bodyRows[2]!);
    expect(quoteRun?.[1]).toContain("<w:i/>");
    const labelRun = /<w:r><w:rPr>([\s\S]*?)<\/w:rPr><w:t xml:space="preserve">Tiếp thu một phần<\/w:t>/.exec(bodyRows[2]!);
    expect(labelRun?.[1]).toContain("<w:b/>");
    expect(cellsOf(bodyRows[6]!)[2]).toContain("(Góp ý sau thời hạn)");
    // A comment's paragraphs stay paragraphs.
    expect(bodyRows[0]!.split("<w:tc>")[4]!.match(/<w:p>/g)).toHaveLength(2);
  });

  it("says a decision under review is being reviewed, and gives no answer for it", async () => {
    const underReview = row(1, { text: "Nội dung đã sửa sau khi xử lý.", dispositionNeedsReview: true });
    const { document } = parts(await writeDocx({ interim: false, silenceIsConsent: true, rows: [underReview] }));
    const decision = cellsOf(reportTable(document).bodyRows[0]!)[4]!;
    expect(decision).toContain("Đang xem xét lại");
    expect(decision).toContain("Người góp ý đã sửa nội dung sau khi Văn phòng xử lý");
    expect(decision).not.toContain("Chưa có ý kiến tiếp thu, giải trình.");
  });

  it("keeps Vietnamese intact (NFC), escapes markup and drops characters XML 1.0 forbids", async () => {
    const { document } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    expect(document.normalize("NFC")).toBe(document);
    expect(document).toContain(NFD_COMMENT.normalize("NFC"));
    expect(document).not.toContain(NFD_COMMENT);
    expect(document).toContain("Đề nghị công khai tiến độ thực hiện &lt;hằng quý&gt; &amp; báo cáo &quot;kết quả&quot; trên");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids must not be in the file
    expect(document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(document).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    for (const name of ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Đặng Quốc Khánh", "Lý Thanh Nam"]) expect(document).toContain(name);
    expect(document).toContain("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG");
    expect(document).toContain("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH");
    expect(document).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(document).toContain("Độc lập - Tự do - Hạnh phúc");
  });

  it("follows Decree 30/2020: A4, portrait then a landscape table section, margins in range, Times New Roman", async () => {
    const { document, text } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    const sections = [...document.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!);
    expect(sections).toHaveLength(2);
    const [portrait, landscape] = sections as [string, string];

    expect(portrait).toMatch(/<w:pgSz w:w="11906" w:h="16838"\/>/);
    expect(landscape).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    // The table comes after the portrait section's break, inside the landscape section.
    expect(document.indexOf("<w:tblHeader/>")).toBeGreaterThan(document.indexOf(portrait));

    const margins = (s: string) => ({
      top: toMm(attr(s, "w:pgMar", "w:top")),
      bottom: toMm(attr(s, "w:pgMar", "w:bottom")),
      left: toMm(attr(s, "w:pgMar", "w:left")),
      right: toMm(attr(s, "w:pgMar", "w:right")),
    });
    const p = margins(portrait);
    expect(p.top).toBeGreaterThanOrEqual(20);
    expect(p.top).toBeLessThanOrEqual(25);
    expect(p.bottom).toBeGreaterThanOrEqual(20);
    expect(p.bottom).toBeLessThanOrEqual(25);
    expect(p.left).toBeGreaterThanOrEqual(30);
    expect(p.left).toBeLessThanOrEqual(35);
    expect(p.right).toBeGreaterThanOrEqual(15);
    expect(p.right).toBeLessThanOrEqual(20);
    // Landscape: bound along the top edge, so the binding margin is on top and the outer one at
    // the bottom; the sides take the portrait top and bottom range.
    const l = margins(landscape);
    expect(l.top).toBeGreaterThanOrEqual(30);
    expect(l.top).toBeLessThanOrEqual(35);
    expect(l.bottom).toBeGreaterThanOrEqual(15);
    expect(l.bottom).toBeLessThanOrEqual(20);
    for (const side of [l.left, l.right]) {
      expect(side).toBeGreaterThanOrEqual(20);
      expect(side).toBeLessThanOrEqual(25);
    }

    const styles = text("word/styles.xml");
    expect(styles).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"\/>/,
    );
    // Body 14 pt, table 13 pt, in half-points; nothing asks for another font.
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>[\s\S]*?<w:sz w:val="28"\/>/);
    expect(styles).toMatch(/w:styleId="Cell"[\s\S]*?<w:sz w:val="26"\/>/);
    expect(document).not.toContain("w:rFonts");
    expect(styles).toMatch(/w:styleId="Normal"[\s\S]*?<w:jc w:val="both"\/>/);
    expect(styles).toMatch(/w:styleId="Body"[\s\S]*?<w:jc w:val="both"\/>/);
    // Header block sizes: 12 pt national title, 13 pt motto, both bold; place and date in italics.
    expect(document).toMatch(
      /<w:rPr><w:b\/><w:bCs\/><w:sz w:val="24"\/><w:szCs w:val="24"\/><\/w:rPr><w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</,
    );
    expect(document).toMatch(/<w:rPr><w:b\/><w:bCs\/><w:sz w:val="26"\/><w:szCs w:val="26"\/><\/w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</);
    expect(document).toMatch(/<w:rPr><w:b\/><w:bCs\/>(?:<w:[^>]*\/>)*<\/w:rPr><w:t xml:space="preserve">VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH</);
    expect(document).toMatch(/<w:rPr><w:i\/><w:iCs\/>(?:<w:[^>]*\/>)*<\/w:rPr><w:t xml:space="preserve">Sóc Trăng, ngày 05 tháng 10 năm 2021</);
  });

  it("numbers pages at the top centre from page 2 (w:titlePg) and repeats the table header on every page", async () => {
    const { document, text } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    const rels = text("word/_rels/document.xml.rels");
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    const [portrait, landscape] = [...document.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!) as [string, string];

    expect(portrait).toContain("<w:titlePg/>");
    expect(landscape).not.toContain("<w:titlePg/>");
    const defaultId = /<w:headerReference w:type="default" r:id="([^"]+)"\/>/.exec(portrait)![1]!;
    const firstId = /<w:headerReference w:type="first" r:id="([^"]+)"\/>/.exec(portrait)![1]!;
    expect(landscape).toContain(`<w:headerReference w:type="default" r:id="${defaultId}"/>`);
    const pageHeader = text(`word/${target(defaultId)}`);
    expect(pageHeader).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
    expect(pageHeader).toMatch(/<w:pPr>[\s\S]*<w:jc w:val="center"\/>[\s\S]*<\/w:pPr>[\s\S]*fldCharType="begin"/);
    expect(text(`word/${target(firstId)}`)).not.toContain("PAGE");

    const { table, headerRows } = reportTable(document);
    expect(headerRows.every((r) => r.includes("<w:tblHeader/>"))).toBe(true);
    expect(cellsOf(headerRows[0]!)).toEqual(["STT", "Phần, mục", "Cơ quan, người góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình"]);
    expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(5);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(LANDSCAPE.width - LANDSCAPE.margin.left - LANDSCAPE.margin.right);
    expect(attr(table, "w:tblW", "w:w")).toBe(grid.reduce((a, b) => a + b, 0));
  });

  it("states silence as consent by name when the consultation says so, and the extensions granted", async () => {
    const { document } = parts(await writeDocx({ interim: false, silenceIsConsent: true }));
    const text = visibleText(document);
    expect(text).toContain(REPORT_TITLE);
    expect(text).toContain("Số cơ quan, đơn vị, cá nhân được lấy ý kiến: 7.");
    expect(text).toContain("Số có ý kiến góp ý: 3, với tổng số 8 ý kiến, trong đó 1 ý kiến gửi sau thời hạn.");
    expect(text).toContain("Số thống nhất với dự thảo: 1.");
    expect(text).toContain("Sở Công Thương (Phạm Minh Đức, Giám đốc Sở Công Thương)");
    expect(text).toContain("Số không có ý kiến phản hồi, được xem như thống nhất với dự thảo: 2.");
    const deemed = text.indexOf("Các đơn vị không có ý kiến phản hồi được xem như thống nhất với dự thảo:");
    expect(deemed).toBeGreaterThan(0);
    expect(text.indexOf("Sở Kế hoạch và Đầu tư (Đặng Quốc Khánh, Giám đốc Sở Kế hoạch và Đầu tư);", deemed)).toBeGreaterThan(deemed);
    expect(text.indexOf("Sở Lao động - Thương binh và Xã hội (Lý Thanh Nam, Giám đốc Sở Lao động - Thương binh và Xã hội).", deemed)).toBeGreaterThan(deemed);
    expect(text).toContain(
      "Sở Nông nghiệp và Môi trường (Dương Văn Quang, Giám đốc Sở Nông nghiệp và Môi trường): đến hết ngày 7/10/2021 (23 giờ 59, giờ Việt Nam).",
    );
    expect(text).not.toContain("(Tạm thời)");
    expect(text).not.toContain(INTERIM_NOTICE);
  });

  it("says 'no reply' rather than 'deemed to agree' when silence is not consent", async () => {
    const text = visibleText(parts(await writeDocx({ interim: false, silenceIsConsent: false })).document);
    expect(text).not.toContain("xem như thống nhất");
    expect(text).toContain("Số không có ý kiến phản hồi: 2.");
    expect(text).toContain("Các đơn vị không có ý kiến phản hồi:");
    expect(text).toContain("Lý Thanh Nam");
  });

  it("marks an interim report before the deadline", async () => {
    const text = visibleText(parts(await writeDocx({ interim: true, silenceIsConsent: true })).document);
    expect(text).toContain(`${REPORT_TITLE}(Tạm thời)`);
    expect(text).toContain(INTERIM_NOTICE);
    expect(text).toContain("II. TỔNG HỢP Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH (TẠM THỜI)");
  });

  it("says so when there is no comment, in a table that is still well formed", async () => {
    const { document } = parts(await writeDocx({ interim: false, silenceIsConsent: true, rows: [] }));
    const { bodyRows } = reportTable(document);
    expect(bodyRows).toHaveLength(1);
    expect(cellsOf(bodyRows[0]!)).toEqual(["Không có ý kiến góp ý."]);
    expect(bodyRows[0]).toContain('<w:gridSpan w:val="5"/>');
  });
});

describe("writing the DOCX as a stream", () => {
  const header = makeHeader(false);
  const summary = makeSummary(true);

  it("reads rows only as fast as the output drains, and stops the row source when the output fails", async () => {
    let pulled = 0;
    let finished = false;
    // Text that deflate cannot shrink much: repeated text shrinks a hundredfold, and the buffers
    // between the rows and the output would then hold thousands of rows before it pushes back.
    let seed = 1;
    const letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạéèẻẽẹóòỏõọúùủũụíìỉĩị ";
    const nextLetter = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return letters[seed % letters.length];
    };
    const noise = (length: number) => Array.from({ length }, nextLetter).join("");
    async function* many(): AsyncGenerator<ReportRow[]> {
      try {
        for (let b = 0; b < 2_000; b++) {
          pulled++;
          yield Array.from({ length: 50 }, (_, i) => row(b * 50 + i + 1, { text: noise(400) }));
        }
      } finally {
        finished = true;
      }
    }
    // An output that takes the first chunks and then never acknowledges another write.
    let writes = 0;
    const stalled = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _encoding, callback) {
        if (++writes <= 3) callback();
      },
    });
    const done = writeReportDocx({ header, summary, rows: many() }, stalled);
    const outcome = done.then(
      () => "resolved",
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(40); // of 2,000 batches: the rest wait for the output
    stalled.destroy(new Error("the reader went away"));
    expect(await outcome).toBe("the reader went away");
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toBe(true);
  });

  it("fails, destroying the output, when the row source fails", async () => {
    async function* broken(): AsyncGenerator<ReportRow[]> {
      yield [ROWS[0]!];
      throw new Error("database is locked");
    }
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await expect(writeReportDocx({ header, summary, rows: broken() }, out)).rejects.toThrow("database is locked");
    expect(out.destroyed).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// LibreOffice (libreoffice-writer-nogui, fonts-liberation2, poppler-utils; .ci/run installs them).

const hasRenderer = ["soffice", "pdftotext", "pdfinfo"].every((cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0);

/**
 * Words in reading order, without the punctuation at their ends, a line-end hyphen inside a word
 * ("123/KH-" + "UBND") joined again.
 */
function words(text: string): string[] {
  return text
    .normalize("NFC")
    .replace(/(\S)-\n(?=\S)/g, "$1-")
    .split(/\s+/)
    .map((w) => w.replace(/^\p{P}+|\p{P}+$/gu, ""))
    .filter(Boolean);
}

/**
 * Whether `needle`'s words appear in order in `hay`, close together. A row that breaks across
 * a page is read by pdftotext with the other cells' first-page lines and the repeated header in
 * between, so a few foreign words are allowed between the first and the last.
 */
function containsInOrder(hay: string[], needle: string[], slack = 80): boolean {
  for (let start = hay.indexOf(needle[0]!); start >= 0; start = hay.indexOf(needle[0]!, start + 1)) {
    let at = start;
    let ok = true;
    for (const w of needle.slice(1)) {
      const next = hay.indexOf(w, at + 1);
      if (next < 0 || next - start > needle.length + slack) {
        ok = false;
        break;
      }
      at = next;
    }
    if (ok) return true;
  }
  return false;
}

describe.skipIf(!hasRenderer && !process.env.CI)("the DOCX report rendered by LibreOffice", () => {
  it("shows every comment, quote and decision; page 1 portrait without a number, the table landscape", async () => {
    const docx = await writeDocx({ interim: true, silenceIsConsent: true });
    const dir = path.dirname(docx);
    const profile = tempDir("portal-lo-profile-");
    const started = performance.now();
    // Asynchronously: a test process blocked for as long as LibreOffice takes on a busy machine
    // misses Vitest's own messages ("Timeout calling onTaskUpdate").
    const r = await execFileAsync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, docx],
      { encoding: "utf8", timeout: 110_000 },
    ).then(
      (done) => ({ status: 0, stderr: done.stderr }),
      (error: { code?: number; stderr?: string }) => ({ status: error.code ?? null, stderr: error.stderr ?? String(error) }),
    );
    const renderMs = performance.now() - started;
    const pdf = docx.replace(/\.docx$/, ".pdf");
    expect(fs.existsSync(pdf), `soffice did not write a PDF (${r.status}): ${r.stderr}`).toBe(true);
    process.stderr.write(`LibreOffice rendered the report in ${Math.round(renderMs)} ms\n`);

    const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes[0]).toEqual([595, 842]); // A4 portrait
    expect(sizes.at(-1)).toEqual([842, 595]); // A4 landscape

    const pageText = (n: number) => execFileSync("pdftotext", ["-raw", "-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });
    const firstLines = (n: number) =>
      pageText(n)
        .split("\n")
        .slice(0, 2)
        .map((l) => l.trim());
    expect(firstLines(1)[0]).toBe("ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG"); // no page number on page 1
    expect(firstLines(2)[0]).toBe("2");
    expect(firstLines(sizes.length)[0]).toBe(String(sizes.length));

    const all = execFileSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" });
    expect(all.normalize("NFC")).toBe(all);
    const hay = words(all);
    const expectIn = (text: string) => expect(containsInOrder(hay, words(text)), text).toBe(true);
    expectIn(REPORT_TITLE);
    expectIn("(Tạm thời)");
    expectIn(INTERIM_NOTICE);
    expectIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expectIn("Độc lập - Tự do - Hạnh phúc");
    expectIn("Các đơn vị không có ý kiến phản hồi được xem như thống nhất với dự thảo:");
    for (const source of ROWS) {
      for (const paragraph of cleanText(source.text).split("\n\n")) expectIn(paragraph);
      if (source.quote) {
        expectIn(source.quote);
        expect(all).toContain(`“${source.quote.split(" ")[0]}`);
        expect(all).toContain(`${source.quote.split(" ").at(-1)}”`);
      }
      for (const paragraph of source.explanation.split("\n\n").filter(Boolean)) expectIn(paragraph);
      expectIn(source.authorName);
    }
    // In draft order: each comment's first words after the previous one's.
    const positions = ROWS.map((source) => hay.join(" ").indexOf(words(cleanText(source.text)).slice(0, 6).join(" ")));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }, 120_000);
});
