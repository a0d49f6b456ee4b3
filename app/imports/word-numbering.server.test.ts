import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Paragraph, paragraphText } from "~/domain/draft-text";
import { buildDocx, type DocxParagraph, numberingXml, PLAN_LEVELS, stylesXml } from "../../tests/fixtures/docx";
import { readDraft } from "./draft.server";
import { formatNumber, labelNumberedParagraphs } from "./word-numbering.server";

const texts = (ps: Paragraph[]) => ps.map(paragraphText);
const plan = numberingXml([PLAN_LEVELS], [{ abstract: 0 }, { abstract: 0, restart: { 1: 1 } }]);
const item = (text: string, level: number, numId = 1): DocxParagraph => ({ text, list: { numId, level } });

describe("Word numbering", () => {
  it("formats numbers as Word's numFmt does", () => {
    expect([1, 4, 9, 14].map((n) => formatNumber(n, "upperRoman"))).toEqual(["I", "IV", "IX", "XIV"]);
    expect([1, 5, 26, 27].map((n) => formatNumber(n, "lowerLetter"))).toEqual(["a", "e", "z", "aa"]);
    expect(formatNumber(3, "lowerRoman")).toBe("iii");
    expect(formatNumber(3, "decimalZero")).toBe("03");
    expect(formatNumber(7, "decimal")).toBe("7");
  });

  it("labels I., 1., a) as Word shows them, resetting deeper levels when a shallower one advances", async () => {
    const docx = buildDocx(
      [
        item("MỤC ĐÍCH, YÊU CẦU", 0),
        item("Mục đích", 1),
        item("Nâng cao hiệu quả.", 2),
        { text: "Một đoạn văn xen giữa không đánh số." },
        item("Phục vụ người dân.", 2),
        item("Yêu cầu", 1),
        item("NHIỆM VỤ", 0),
        item("Nhiệm vụ chung", 1),
      ],
      { numbering: plan },
    );
    const { paragraphs, split } = await readDraft(docx, "ke-hoach.docx");
    expect(texts(paragraphs)).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "a) Nâng cao hiệu quả.",
      "Một đoạn văn xen giữa không đánh số.",
      "b) Phục vụ người dân.",
      "2. Yêu cầu",
      "II. NHIỆM VỤ",
      "1. Nhiệm vụ chung",
    ]);
    expect(split.sections.map((s) => s.label)).toEqual(["I.", "1.", "a)", "b)", "2.", "II.", "1."]);
  });

  it("restarts a list with a startOverride and honours w:start and label text such as 'Điều %1.'", () => {
    const numbering = numberingXml(
      [[{ format: "decimal", text: "Điều %1.", start: 5 }], [{ format: "decimal", text: "%1." }]],
      [{ abstract: 0 }, { abstract: 1 }, { abstract: 1, restart: { 0: 1 } }],
    );
    const document = [item("Phạm vi", 0, 1), item("Đối tượng", 0, 1), item("một", 0, 2), item("hai", 0, 2), item("lại một", 0, 3)]
      .map((p) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${p.list!.numId}"/></w:numPr></w:pPr><w:r><w:t>${p.text}</w:t></w:r></w:p>`)
      .join("");
    const labelled = labelNumberedParagraphs(document, numbering);
    const labels = [...labelled.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(labels).toEqual(["Điều 5. ", "Điều 6. ", "1. ", "2. ", "1. "]);
    // mammoth must no longer see the numbering, or it would add its own list around the label.
    expect(labelled).not.toMatch(/<w:numId w:val="[1-9]"/);
  });

  it("lists sharing one definition continue each other's count, as in Word", () => {
    const shared = numberingXml([[{ format: "decimal", text: "%1." }]], [{ abstract: 0 }, { abstract: 0 }]);
    const document = [1, 1, 2].map((numId) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr></w:p>`).join("");
    expect([...labelNumberedParagraphs(document, shared).matchAll(/>(\d+\. )</g)].map((m) => m[1])).toEqual(["1. ", "2. ", "3. "]);
  });

  it("takes the numbering a paragraph inherits from its style", async () => {
    const numbering = numberingXml(
      [
        [
          { format: "upperRoman", text: "%1." },
          { format: "decimal", text: "%2." },
        ],
      ],
      [{ abstract: 0 }],
    );
    const styles = stylesXml({ Muc: { numId: 1, level: 0 }, Khoan: { numId: 1, level: 1 } });
    const docx = buildDocx(
      [
        { text: "MỤC TIÊU", style: "Muc" },
        { text: "Mục tiêu chung", style: "Khoan" },
        { text: "NỘI DUNG", style: "Muc" },
      ],
      { numbering, styles },
    );
    const { paragraphs } = await readDraft(docx, "a.docx");
    expect(texts(paragraphs)).toEqual(["I. MỤC TIÊU", "1. Mục tiêu chung", "II. NỘI DUNG"]);
  });

  it("follows Word's lettering past d): e), f) are points, not body text", async () => {
    const docx = buildDocx([item("PHẦN", 0), item("Mục", 1), ...["một", "hai", "ba", "bốn", "năm", "sáu"].map((t) => item(t, 2))], { numbering: plan });
    const { split } = await readDraft(docx, "a.docx");
    expect(split.sections.map((s) => s.label)).toEqual(["I.", "1.", "a)", "b)", "c)", "d)", "e)", "f)"]);
    expect(split.sections.at(-1)!.anchor).toBe("phan-i-muc-1-diem-f");
  });
});

describe("a .docx made by LibreOffice with real Word numbering", () => {
  // tests/fixtures/word/auto-numbered.html converted by soffice; see tests/fixtures/word/README.md.
  const file = path.resolve(import.meta.dirname, "../../tests/fixtures/word/auto-numbered.docx");

  it("stores the labels as Word shows them, the budget table as a table and the letterhead as front matter", async () => {
    const { split } = await readDraft(readFileSync(file), "auto-numbered.docx");
    expect(split.sections.map((s) => s.label)).toEqual(["I.", "1.", "a)", "b)", "2.", "II.", "1.", "III.", "1."]);
    expect(split.sections[0]!.heading).toBe("MỤC ĐÍCH, YÊU CẦU");
    const budget = split.sections[6]!.body.find((p) => p.table)!.table!;
    expect(budget.rows.map((row) => row.map((cell) => texts(cell).join("")))).toEqual([
      ["Nội dung", "Kinh phí (triệu đồng)"],
      ["Đào tạo", "500"],
      ["Thiết bị", "1.200"],
    ]);
    const letterhead = split.frontMatter[0]!.table!;
    expect(letterhead.letterhead).toBe(true);
    expect(texts(letterhead.rows[0]![1]!)).toEqual(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]);
    expect(texts(split.frontMatter.slice(1))).toEqual(["KẾ HOẠCH", "Ứng dụng trí tuệ nhân tạo"]);
  });
});
