import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DRAFT_LIMITS } from "~/domain/draft-limits";
import { type Paragraph, paragraphText } from "~/domain/draft-text";
import { DraftStructureError, type SplitDraft, type SplitSection, splitDraft } from "~/domain/sections";
import { buildDocx, buildDocxWithImage, docxParts, packedDocumentOf, packRepeated, tableXml, zip } from "../../tests/fixtures/docx";
import { checkDraftFileSize, DraftImportError, formatFromFilename, htmlToParagraphs, parseDraftFile, readDraft } from "./draft.server";

const texts = (ps: Paragraph[]) => ps.map(paragraphText);
const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("seed draft prisma/demo/draft-plan.md", () => {
  let format: string;
  let split: SplitDraft;
  let parts: SplitSection[];
  beforeAll(async () => {
    const file = path.resolve(import.meta.dirname, "../../prisma/demo/draft-plan.md");
    ({ format, split } = await readDraft(readFileSync(file), "draft-plan.md"));
    parts = split.sections.filter((s) => s.parentIndex === null);
  });
  const childrenOf = (label: string) => {
    const index = split.sections.findIndex((s) => s.parentIndex === null && s.label === label);
    return split.sections.filter((s) => s.parentIndex === index);
  };

  it("has the six parts I.–VI.", () => {
    expect(format).toBe("md");
    expect(parts.map((s) => s.label)).toEqual(["I.", "II.", "III.", "IV.", "V.", "VI."]);
    expect(parts.map((s) => s.heading)).toEqual([
      "MỤC ĐÍCH, YÊU CẦU",
      "MỤC TIÊU",
      "NỘI DUNG",
      "NHIỆM VỤ, GIẢI PHÁP",
      "KINH PHÍ THỰC HIỆN",
      "TỔ CHỨC THỰC HIỆN",
    ]);
  });

  it("has exactly the numbered items of each part and nothing else", () => {
    const counts = { "I.": 2, "II.": 2, "III.": 4, "IV.": 19, "V.": 0, "VI.": 4 };
    for (const [label, count] of Object.entries(counts)) {
      const items = childrenOf(label);
      expect(items.map((s) => s.label)).toEqual(Array.from({ length: count }, (_, i) => `${i + 1}.`));
      expect(items.every((s) => s.kind === "item" && s.level === 2)).toBe(true);
    }
    expect(split.sections).toHaveLength(6 + 2 + 2 + 4 + 19 + 4);
    expect(childrenOf("I.").map((s) => s.heading)).toEqual(["Mục đích", "Yêu cầu"]);
    expect(childrenOf("II.").map((s) => s.heading)).toEqual(["Mục tiêu chung", "Mục tiêu cụ thể"]);
    expect(childrenOf("III.")[1]!.heading).toMatch(/^Xây dựng hạ tầng dữ liệu/);
    expect(childrenOf("VI.")[0]!.heading).toBe("Sở Khoa học và Công nghệ có trách nhiệm");
  });

  it("keeps the heading block and preamble as front matter and the signature as back matter", () => {
    const front = texts(split.frontMatter);
    expect(front).toContain("KẾ HOẠCH");
    expect(front.some((t) => t.startsWith("Thực hiện Quyết định số 127/QĐ-TTg"))).toBe(true);
    const back = texts(split.backMatter);
    expect(back[0]).toBe("Nơi nhận:");
    expect(back.some((t) => t.includes("PHÓ CHỦ TỊCH"))).toBe(true);
  });

  it("repairs sentences split by page breaks but keeps bracketed lines", () => {
    const requirement = texts(childrenOf("I.")[1]!.body);
    expect(requirement).toHaveLength(1);
    expect(requirement[0]).toMatch(/Đề án về Chuyển đổi số tỉnh Sóc Trăng và Kế hoạch thực hiện chiến lược/);
    const funding = texts(parts[4]!.body);
    expect(funding.some((t) => t.startsWith("(Số tiền bằng chữ"))).toBe(true);
    expect(funding.some((t) => t.endsWith("64.200.000.000 đồng"))).toBe(true);
  });

  it("gives every section a unique ASCII anchor", () => {
    const anchors = split.sections.map((s) => s.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors.slice(0, 3)).toEqual(["phan-i", "phan-i-muc-1", "phan-i-muc-2"]);
    for (const a of anchors) expect(a).toMatch(/^[a-z0-9-]+$/);
  });

  it("keeps bold from the markdown, inside the letterhead's two columns", () => {
    const letterhead = split.frontMatter[0]!.table!;
    expect(letterhead.letterhead).toBe(true);
    expect(letterhead.rows[0]![0]).toEqual([{ runs: [{ text: "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", bold: true }] }]);
    expect(letterhead.rows.map((row) => row.map((cell) => texts(cell).join("")))).toEqual([
      ["ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
      ["Số:...../KH-UBND", "Sóc Trăng, ngày..... tháng 9 năm 2021"],
    ]);
    expect(texts(split.frontMatter.slice(1, 3))).toEqual(["Dự thảo", "KẾ HOẠCH"]);
  });
});

describe("formatFromFilename", () => {
  it("knows .txt, .md and .docx in any case", () => {
    expect(formatFromFilename("Du thao.TXT")).toBe("txt");
    expect(formatFromFilename("ke-hoach.md")).toBe("md");
    expect(formatFromFilename("ke.hoach.DOCX")).toBe("docx");
  });

  it("rejects other extensions in Vietnamese", () => {
    expect(() => formatFromFilename("du-thao.pdf")).toThrow(DraftImportError);
    expect(() => formatFromFilename("du-thao.pdf")).toThrow("Định dạng tệp không được hỗ trợ: .pdf. Hãy dùng .txt, .md hoặc .docx.");
    expect(() => formatFromFilename("du-thao")).toThrow(/không có phần mở rộng/);
  });
});

describe("txt", () => {
  it("treats every line as a paragraph when there are no blank lines", async () => {
    const ps = await parseDraftFile(utf8("\uFEFFKẾ HOẠCH\r\nI. MỤC ĐÍCH\r\n1. Mục đích\r\nNội dung.\r\n"), "txt");
    expect(texts(ps)).toEqual(["KẾ HOẠCH", "I. MỤC ĐÍCH", "1. Mục đích", "Nội dung."]);
  });

  it("uses blank lines as separators and keeps single newlines as hard breaks", async () => {
    const source = [
      "ỦY BAN NHÂN DÂN",
      "TỈNH SÓC TRĂNG",
      "",
      "Chương I",
      "QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi",
      "Văn bản này quy định",
      "- gạch đầu dòng một",
      "+ gạch cộng",
      "",
      "Đoạn cuối.",
    ].join("\n");
    const ps = await parseDraftFile(utf8(source), "txt");
    expect(texts(ps)).toEqual([
      "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG",
      "Chương I",
      "QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi",
      "Văn bản này quy định",
      "- gạch đầu dòng một",
      "+ gạch cộng",
      "Đoạn cuối.",
    ]);
  });

  it("normalises NFD text to NFC", async () => {
    const [p] = await parseDraftFile(utf8("Điều chỉnh".normalize("NFD")), "txt");
    expect(paragraphText(p!)).toBe("Điều chỉnh".normalize("NFC"));
  });

  it("rejects binary and non-UTF-8 content, and empty files", async () => {
    await expect(parseDraftFile(Buffer.from([0x49, 0x00, 0x01]), "txt")).rejects.toThrow(/không phải văn bản UTF-8/);
    await expect(parseDraftFile(Buffer.from("Đi\xeau", "latin1"), "md")).rejects.toThrow(DraftImportError);
    await expect(parseDraftFile(Buffer.alloc(0), "txt")).rejects.toThrow("Tệp rỗng: không có nội dung để nhập.");
    await expect(parseDraftFile(utf8(" \n\n \t\n"), "txt")).rejects.toThrow("Tệp rỗng: không có nội dung để nhập.");
  });

  it("lets readDraft report a text without structure", async () => {
    await expect(readDraft(utf8("Kính gửi.\nĐề nghị góp ý."), "thu.txt")).rejects.toThrow(DraftStructureError);
  });
});

describe("md", () => {
  it("reads emphasis, headings and escapes", async () => {
    const source = "# I. MỤC ĐÍCH\n\nChữ **đậm** và *nghiêng*, __đậm__ và _nghiêng_; snake_case_name; \\*không\\* nghiêng.\n";
    const ps = await parseDraftFile(utf8(source), "md");
    expect(texts(ps)).toEqual(["I. MỤC ĐÍCH", "Chữ đậm và nghiêng, đậm và nghiêng; snake_case_name; *không* nghiêng."]);
    expect(ps[1]!.runs.filter((r) => r.bold).map((r) => r.text)).toEqual(["đậm", "đậm"]);
    expect(ps[1]!.runs.filter((r) => r.italic).map((r) => r.text)).toEqual(["nghiêng", "nghiêng"]);
  });

  it("recognises a bold label line as a heading", async () => {
    const { split } = await readDraft(utf8("**I. MỤC ĐÍCH**\n**1. Mục đích**\nNội dung."), "a.md");
    expect(split.sections.map((s) => `${s.label} ${s.heading}`)).toEqual(["I. MỤC ĐÍCH", "1. Mục đích"]);
  });
});

describe("docx", () => {
  // Word continues "1. … 2." across the body paragraph; mammoth alone would restart at 1. The
  // second "1." is a list restarted at 1 (numId 3), as Word stores "Restart at 1".
  it("round-trips paragraphs, marks, breaks, NFD text and numbered lists", async () => {
    const buffer = buildDocx([
      { text: "KẾ HOẠCH", bold: true },
      { text: "I. MỤC ĐÍCH, YÊU CẦU".normalize("NFD") },
      { text: "Mục đích", list: { numId: 1 } },
      { text: "Nội dung dòng một\ndòng hai", italic: true },
      { text: "Yêu cầu", list: { numId: 1 } },
      { text: "điểm con", list: { numId: 1, level: 1 } },
      { text: "gạch đầu dòng", list: { numId: 2 } },
      { text: "A & B < C" },
      { text: "II. MỤC TIÊU" },
      { text: "Mục tiêu chung", list: { numId: 3 } },
    ]);
    const { format, paragraphs, split } = await readDraft(buffer, "du-thao.docx");
    expect(format).toBe("docx");
    expect(texts(paragraphs)).toEqual([
      "KẾ HOẠCH",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "Nội dung dòng một\ndòng hai",
      "2. Yêu cầu",
      "a) điểm con",
      "- gạch đầu dòng",
      "A & B < C",
      "II. MỤC TIÊU",
      "1. Mục tiêu chung",
    ]);
    expect(paragraphs[0]).toEqual({ runs: [{ text: "KẾ HOẠCH", bold: true }] });
    expect(paragraphs[3]!.runs.every((r) => r.italic)).toBe(true);
    expect(split.sections.map((s) => `${s.label} ${s.heading}`)).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "2. Yêu cầu",
      "a) điểm con",
      "II. MỤC TIÊU",
      "1. Mục tiêu chung",
    ]);
  });

  it("rejects a binary that is not a zip and a zip that is not a Word file", async () => {
    const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0xff]);
    await expect(readDraft(binary, "du-thao.docx")).rejects.toThrow(/Tệp «du-thao.docx» không phải tệp Word \.docx hợp lệ/);
    await expect(parseDraftFile(zip({ "a.txt": "xin chào" }), "docx")).rejects.toThrow(DraftImportError);
  });

  it("rejects empty files and documents without text", async () => {
    await expect(parseDraftFile(Buffer.alloc(0), "docx")).rejects.toThrow(/^Tệp rỗng/);
    await expect(parseDraftFile(buildDocx([{ text: "" }, { text: "  " }]), "docx")).rejects.toThrow(/^Tệp rỗng/);
  });
});

describe("limits", () => {
  const MiB = 1024 * 1024;

  /** The DraftImportError a call ends with, so its problem, limit and message can be checked together. */
  async function refusal(run: () => unknown): Promise<DraftImportError> {
    try {
      await run();
    } catch (error) {
      if (error instanceof DraftImportError) return error;
      throw error;
    }
    throw new Error("not refused");
  }

  it("refuses a file above the size for its kind, naming the limit, from its size alone", async () => {
    expect(() => checkDraftFileSize("du-thao.txt", DRAFT_LIMITS.textFileBytes)).not.toThrow();
    expect(() => checkDraftFileSize("du-thao.docx", DRAFT_LIMITS.docxFileBytes)).not.toThrow();
    const txt = await refusal(() => checkDraftFileSize("du-thao.txt", 52.4 * MiB));
    expect(txt).toMatchObject({ problem: "file-too-large", limit: 10 * MiB });
    expect(txt.message).toMatch(/^Tệp «du-thao\.txt» có dung lượng 52,4 MB, vượt giới hạn 10 MB cho một tệp \.txt, \.md\./);
    expect((await refusal(() => checkDraftFileSize("ke-hoach.md", 10 * MiB + 1))).message).toMatch(/dung lượng hơn 10 MB, vượt giới hạn 10 MB/);
    const docx = await refusal(() => checkDraftFileSize("du-thao.docx", 30 * MiB));
    expect(docx).toMatchObject({ problem: "file-too-large", limit: 25 * MiB });
    expect(docx.message).toMatch(/dung lượng 30 MB, vượt giới hạn 25 MB cho một tệp \.docx\. Nếu tệp có nhiều hình ảnh/);
  });

  it("checks the size in readDraft too, for callers that already hold the bytes", async () => {
    const big = Buffer.alloc(DRAFT_LIMITS.textFileBytes + 1, "a");
    expect(await refusal(() => readDraft(big, "du-thao.txt"))).toMatchObject({ problem: "file-too-large" });
  });

  it("refuses a .docx whose body declares more XML than the limit, before unpacking it", async () => {
    const bomb = zip(docxParts(await packedDocumentOf(100 * MiB)));
    expect(bomb.length).toBeLessThan(MiB);
    const error = await refusal(() => readDraft(bomb, "bom.docx"));
    expect(error).toMatchObject({ problem: "docx-xml-too-large", limit: 20 * MiB });
    expect(error.message).toMatch(/^Tệp «bom\.docx» không nhập được: phần word\/document\.xml khi giải nén có dung lượng 100 MB, vượt giới hạn 20 MB/);
  });

  it("counts the XML parts together: each under the limit, the sum over it", async () => {
    const styles = await packRepeated(
      12 * MiB,
      "x",
      `<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!--`,
      "--></w:styles>",
    );
    // Not deflate data: were it unpacked, the refusal would be "not a .docx", not the limit.
    const document = { packed: Buffer.from("không phải dữ liệu nén"), crc: 0, size: 12 * MiB };
    const file = zip({ ...docxParts(document), "word/styles.xml": styles });
    const error = await refusal(() => readDraft(file, "hai-phan.docx"));
    expect(error).toMatchObject({ problem: "docx-xml-too-large", limit: 20 * MiB });
    expect(error.message).toMatch(/phần word\/document\.xml khi giải nén có dung lượng 12 MB, cộng với các phần đã đọc trước thì vượt giới hạn 20 MB/);
  });

  it("does not hold a picture against the XML limit", async () => {
    const picture = await packRepeated(100 * MiB, "\u0000");
    const file = buildDocxWithImage([{ text: "I. MỤC ĐÍCH" }, { text: "Nội dung của mục." }], picture);
    const { split } = await readDraft(file, "co-hinh.docx");
    expect(split.sections.map((s) => `${s.label} ${s.heading}`)).toEqual(["I. MỤC ĐÍCH"]);
    expect(texts(split.sections[0]!.body)).toEqual(["Nội dung của mục."]);
  });

  it("tells a truncated .docx from a file that is not one", async () => {
    const whole = buildDocx([{ text: "I. MỤC ĐÍCH" }, { text: "Nội dung." }]);
    const cut = await refusal(() => readDraft(whole.subarray(0, whole.length - 30), "cat.docx"));
    expect(cut).toMatchObject({ problem: "truncated-docx" });
    expect(cut.message).toBe("Tệp «cat.docx» không đầy đủ: tệp Word bị cắt cụt (có thể do tải về hoặc sao chép chưa xong). Hãy lấy lại tệp gốc rồi nhập lại.");
    expect(await refusal(() => readDraft(utf8("I. MỤC ĐÍCH\nVăn bản."), "van-ban.docx"))).toMatchObject({ problem: "not-docx" });
  });

  it("takes a section up to the limit and refuses one character more, naming the section", async () => {
    const draft = (chars: number) => utf8(`KẾ HOẠCH\nI. PHẦN MỘT\n1. Mục đầu\n${"a".repeat(chars)}\n2. Mục hai\nNội dung.`);
    const { split } = await readDraft(draft(DRAFT_LIMITS.sectionChars), "du-thao.txt");
    expect(split.sections.map((s) => s.label)).toEqual(["I.", "1.", "2."]);
    const error = await refusal(() => readDraft(draft(DRAFT_LIMITS.sectionChars + 1), "du-thao.txt"));
    expect(error).toMatchObject({ problem: "section-too-large", limit: 500_000 });
    expect(error.message).toMatch(/^Phần, mục «I\.1\. Mục đầu» dài 500\.001 ký tự, vượt giới hạn 500\.000 ký tự cho một phần, mục\./);
  });

  it("holds the text before the first section and after the signature to the same limit", async () => {
    const front = await refusal(() => readDraft(utf8(`${"a".repeat(DRAFT_LIMITS.sectionChars + 1)}\nI. PHẦN MỘT\nNội dung.`), "a.txt"));
    expect(front.message).toMatch(/^Phần mở đầu \(trước phần, mục đầu tiên\) dài 500\.001 ký tự/);
    const back = await refusal(() => readDraft(utf8(`I. PHẦN MỘT\nNội dung.\nNơi nhận:\n${"a".repeat(DRAFT_LIMITS.sectionChars)}`), "a.txt"));
    expect(back.message).toMatch(/^Phần cuối \(từ «Nơi nhận» hoặc chữ ký trở đi\) dài 500\.009 ký tự/);
  });
});

describe("htmlToParagraphs", () => {
  it("numbers <ol> items, marks <ul> items and decodes entities", () => {
    const html = "<ol><li>Một<ol><li>con</li></ol></li><li><p>Hai</p></li></ol><ul><li>chấm &amp; &#7871; &#x1EBF;&nbsp;x</li></ul>";
    expect(texts(htmlToParagraphs(html))).toEqual(["1. Một", "a) con", "2. Hai", "- chấm & ế ế x"]);
  });
});

describe("split of a docx table signature block", () => {
  it("ends at 'Nơi nhận:' in a table cell", () => {
    const html =
      "<p>I. MỤC ĐÍCH</p><p>Nội dung.</p><table><tr><td><p><strong>Nơi nhận:</strong></p><p>- Như trên;</p></td>" +
      "<td><p>TM. ỦY BAN NHÂN DÂN<br />CHỦ TỊCH</p></td></tr></table>";
    const ps = htmlToParagraphs(html);
    expect(texts(ps)).toEqual(["I. MỤC ĐÍCH", "Nội dung.", "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]);
    const { backMatter } = splitDraft(ps);
    expect(backMatter).toHaveLength(1);
    expect(backMatter[0]!.table!.rows[0]!.map((cell) => texts(cell))).toEqual([["Nơi nhận:", "- Như trên;"], ["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]]);
  });
});

describe("text pasted from a PDF", () => {
  const wrapped = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Triển khai cụ thể hóa quan điểm chỉ đạo, mục tiêu, định hướng chiến lược, nhiệm vụ",
    "giải pháp đã được quy định tại Chiến lược quốc gia phù hợp với điều kiện thực tiễn của",
    "Tỉnh Sóc Trăng và các địa phương lân cận trong vùng đồng bằng sông Cửu Long.",
    "Câu mới bắt đầu một đoạn mới.",
    "II. NHIỆM VỤ VÀ GIẢI",
    "PHÁP CHỦ YẾU",
    "1. Nhiệm vụ chung",
    "- gạch đầu dòng ngắn",
    "tiếp theo của gạch đầu dòng",
  ];

  it("joins hard-wrapped lines back into paragraphs and a heading wrapped over two lines", async () => {
    const { paragraphs, split } = await readDraft(utf8(wrapped.join("\n")), "dan-tu-pdf.txt");
    expect(texts(paragraphs)).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "Triển khai cụ thể hóa quan điểm chỉ đạo, mục tiêu, định hướng chiến lược, nhiệm vụ giải pháp đã được quy định tại Chiến lược quốc gia phù hợp với điều kiện thực tiễn của Tỉnh Sóc Trăng và các địa phương lân cận trong vùng đồng bằng sông Cửu Long.",
      "Câu mới bắt đầu một đoạn mới.",
      "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU",
      "1. Nhiệm vụ chung",
      "- gạch đầu dòng ngắn tiếp theo của gạch đầu dòng",
    ]);
    expect(split.sections.map((s) => s.heading)).toEqual(["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "Nhiệm vụ chung"]);
  });

  it("joins a heading's wrapped line in a file with blank lines between paragraphs", async () => {
    const text = "I. MỤC ĐÍCH\n\nNội dung một.\n\nII. NHIỆM VỤ VÀ GIẢI\nPHÁP CHỦ YẾU\n\nNội dung hai.";
    const { split } = await readDraft(utf8(text), "a.txt");
    expect(split.sections.map((s) => s.heading)).toEqual(["MỤC ĐÍCH", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"]);
    expect(texts(split.sections[1]!.body)).toEqual(["Nội dung hai."]);
  });

  it("keeps short lines that start a capital as lines: an address or a heading block is not a wrapped paragraph", async () => {
    const text = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n\nI. PHẦN MỘT\n\nNội dung.";
    const { split } = await readDraft(utf8(text), "a.txt");
    expect(texts(split.frontMatter)).toEqual(["ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG"]);
  });
});

describe("tables", () => {
  it("keeps a Markdown pipe table as a table with its header row", async () => {
    const md = "I. KINH PHÍ\n\nDự toán:\n\n| Nội dung | Kinh phí |\n|---|---:|\n| **Đào tạo** | 500 |\n| Thiết bị \\| lắp đặt | |\n\nTổng cộng như trên.";
    const { split } = await readDraft(utf8(md), "a.md");
    const body = split.sections[0]!.body;
    expect(body.map((p) => !!p.table)).toEqual([false, true, false]);
    const table = body[1]!.table!;
    expect(table.header).toBe(true);
    expect(table.rows.map((row) => row.map((cell) => texts(cell).join("")))).toEqual([
      ["Nội dung", "Kinh phí"],
      ["Đào tạo", "500"],
      ["Thiết bị | lắp đặt", ""],
    ]);
    expect(table.rows[1]![0]![0]!.runs).toEqual([{ text: "Đào tạo", bold: true }]);
  });

  it("keeps a Word table as a table, never a heading even when a cell reads '1.'", async () => {
    const docx = buildDocx([
      { text: "I. KINH PHÍ" },
      tableXml(
        [
          ["STT", "Nội dung"],
          ["1.", "Đào tạo"],
          ["2.", "Thiết bị"],
        ],
        { header: true },
      ),
      { text: "1. Nguồn vốn" },
    ]);
    const { split } = await readDraft(docx, "a.docx");
    expect(split.sections.map((s) => s.label)).toEqual(["I.", "1."]);
    const table = split.sections[0]!.body[0]!.table!;
    expect(table.header).toBe(true);
    expect(table.rows.map((row) => row.map((cell) => texts(cell).join("")))).toEqual([
      ["STT", "Nội dung"],
      ["1.", "Đào tạo"],
      ["2.", "Thiết bị"],
    ]);
  });
});
