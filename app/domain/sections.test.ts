import { describe, expect, it } from "vitest";
import { type Paragraph, paragraphText, plainParagraph } from "./draft-text";
import { DraftStructureError, isHeadingLine, type SplitDraft, sectionPathTitle, shortTitle, splitDraft } from "./sections";

function split(...lines: string[]): SplitDraft {
  return splitDraft(lines.map(plainParagraph));
}

function outline(draft: SplitDraft): string[] {
  return draft.sections.map((s) => `${"  ".repeat(s.level - 1)}${s.label} ${s.heading}`.trimEnd());
}

function texts(ps: Paragraph[]): string[] {
  return ps.map(paragraphText);
}

describe("heading recognition", () => {
  it("does not take 'Mục đích' / 'Mục tiêu' for a subsection", () => {
    const draft = split("I. MỤC ĐÍCH", "Mục đích của kế hoạch là …", "Mục tiêu chung", "MỤC TIÊU CỤ THỂ");
    expect(outline(draft)).toEqual(["I. MỤC ĐÍCH"]);
    expect(texts(draft.sections[0]!.body)).toHaveLength(3);
  });

  it("keeps dates, amounts and sentences starting with a number as body text", () => {
    const lines = [
      "01.01.2025 là ngày bắt đầu áp dụng.",
      "64.200.000.000 đồng",
      "2025 là năm bản lề của giai đoạn.",
      "100% cơ quan nhà nước kết nối.",
      "15 ngày kể từ ngày nhận hồ sơ.",
      "3.5 triệu lượt truy cập.",
    ];
    const draft = split("I. KINH PHÍ", ...lines);
    expect(outline(draft)).toEqual(["I. KINH PHÍ"]);
    expect(texts(draft.sections[0]!.body)).toEqual(lines);
    for (const line of lines.slice(0, 5)) expect(isHeadingLine(line)).toBe(false);
  });

  it("accepts numbered labels only in sequence", () => {
    const draft = split("I. NỘI DUNG", "1. Một", "3. Không phải mục vì bỏ số 2", "2. Hai", "II. TIẾP", "2. Không bắt đầu từ 1");
    expect(outline(draft)).toEqual(["I. NỘI DUNG", "  1. Một", "  2. Hai", "II. TIẾP"]);
    expect(texts(draft.sections[1]!.body)).toEqual(["3. Không phải mục vì bỏ số 2"]);
  });

  it("splits a law-like text into chapters, subsections, articles, clauses and points", () => {
    const draft = split(
      "NGHỊ ĐỊNH",
      "Chương I",
      "QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi điều chỉnh",
      "Nghị định này quy định …",
      "Điều 2. Đối tượng áp dụng",
      "1. Cơ quan nhà nước.",
      "2. Tổ chức, cá nhân gồm:",
      "a) Doanh nghiệp;",
      "b) Hợp tác xã;",
      "c) Hộ kinh doanh;",
      "d) Tổ chức khác;",
      "đ) Cá nhân.",
      "Chương II. QUY ĐỊNH CỤ THỂ",
      "Mục 1",
      "HỒ SƠ",
      "Điều 3. Thành phần hồ sơ",
      "Mục 2 - THỦ TỤC",
      "Điều 4. Trình tự",
    );
    expect(outline(draft)).toEqual([
      "Chương I QUY ĐỊNH CHUNG",
      "  Điều 1. Phạm vi điều chỉnh",
      "  Điều 2. Đối tượng áp dụng",
      "    1. Cơ quan nhà nước.",
      "    2. Tổ chức, cá nhân gồm:",
      "      a) Doanh nghiệp;",
      "      b) Hợp tác xã;",
      "      c) Hộ kinh doanh;",
      "      d) Tổ chức khác;",
      "      đ) Cá nhân.",
      "Chương II QUY ĐỊNH CỤ THỂ",
      "  Mục 1 HỒ SƠ",
      "    Điều 3. Thành phần hồ sơ",
      "  Mục 2 THỦ TỤC",
      "    Điều 4. Trình tự",
    ]);
    expect(texts(draft.frontMatter)).toEqual(["NGHỊ ĐỊNH"]);
    const anchors = draft.sections.map((s) => s.anchor);
    expect(anchors).toContain("dieu-2-khoan-2-diem-dd");
    expect(anchors).toContain("chuong-2-muc-1");
    expect(anchors).toContain("dieu-3");
    expect(draft.sections.find((s) => s.label === "Điều 3.")!.parentIndex).toBe(anchors.indexOf("chuong-2-muc-1"));
  });

  it("reads 'Chương 1' with an Arabic numeral and a chapter title inside the same block", () => {
    const draft = splitDraft([{ runs: [{ text: "Chương 1\nQUY ĐỊNH CHUNG" }] }, plainParagraph("Điều 1. Phạm vi")]);
    expect(outline(draft)).toEqual(["Chương 1 QUY ĐỊNH CHUNG", "  Điều 1. Phạm vi"]);
    expect(draft.sections[0]!.anchor).toBe("chuong-1");
  });

  it("does not take a sentence starting with 'Mục 2 của …' for a heading", () => {
    const draft = split("Chương I", "CHUNG", "Mục 2 của Chương này quy định thủ tục.");
    expect(outline(draft)).toEqual(["Chương I CHUNG"]);
  });

  it("nests dotted numbers under their parent number", () => {
    const draft = split(
      "I. NỘI DUNG",
      "1. Hạ tầng",
      "1.1. Mạng",
      "1.1.1. Cáp quang",
      "1.1.2. Không dây",
      "1.2. Máy chủ",
      "2. Dữ liệu",
      "2.1. Kho",
      "1.3. Sai cha",
    );
    expect(outline(draft)).toEqual([
      "I. NỘI DUNG",
      "  1. Hạ tầng",
      "    1.1. Mạng",
      "      1.1.1. Cáp quang",
      "      1.1.2. Không dây",
      "    1.2. Máy chủ",
      "  2. Dữ liệu",
      "    2.1. Kho",
    ]);
    expect(draft.sections.map((s) => s.anchor)).toEqual([
      "phan-i",
      "phan-i-muc-1",
      "phan-i-muc-1-1",
      "phan-i-muc-1-1-1",
      "phan-i-muc-1-1-2",
      "phan-i-muc-1-2",
      "phan-i-muc-2",
      "phan-i-muc-2-1",
    ]);
    expect(texts(draft.sections[7]!.body)).toEqual(["1.3. Sai cha"]);
  });

  it("nests by rank, not by order of appearance", () => {
    const draft = split("I. A", "1. Một", "a) điểm", "II. B", "a) điểm thẳng dưới phần");
    const [, , point, part2, directPoint] = draft.sections;
    expect(point!.parentIndex).toBe(1);
    expect(part2!.level).toBe(1);
    expect(directPoint!.parentIndex).toBe(3);
    expect(directPoint!.anchor).toBe("phan-ii-diem-a");
  });

  it("normalises NFD input to NFC", () => {
    const draft = split("I. MỤC ĐÍCH".normalize("NFD"), "Nội dung có dấu".normalize("NFD"), "Điều chỉnh".normalize("NFD"));
    expect(draft.sections[0]!.heading).toBe("MỤC ĐÍCH".normalize("NFC"));
    for (const t of texts(draft.sections[0]!.body)) expect(t).toBe(t.normalize("NFC"));
  });

  it("throws DraftStructureError in Vietnamese when nothing looks like a heading", () => {
    expect(() => split("Kính gửi các đồng chí.", "Đề nghị góp ý.")).toThrow(DraftStructureError);
    expect(() => split("Không có cấu trúc")).toThrow(/Không nhận ra cấu trúc của dự thảo/);
  });
});

describe("long numbered paragraphs", () => {
  const rest = "làm đầu mối tổng hợp tình hình thực hiện Kế hoạch trên địa bàn tỉnh; chủ trì tổ chức thực hiện Kế hoạch này; định kỳ hàng năm báo cáo.";

  it("takes the words before an early colon as the heading", () => {
    const draft = split("I. TỔ CHỨC", `1. Sở Khoa học và Công nghệ có trách nhiệm: ${rest}`);
    expect(draft.sections[1]!.heading).toBe("Sở Khoa học và Công nghệ có trách nhiệm");
    expect(texts(draft.sections[1]!.body)).toEqual([rest]);
  });

  it("leaves the heading empty when there is no early colon", () => {
    const whole = `Ủy ban nhân dân các huyện phối hợp với các sở, ${rest}`;
    const draft = split("I. TỔ CHỨC", `1. ${whole}`);
    expect(draft.sections[1]!.heading).toBe("");
    expect(texts(draft.sections[1]!.body)).toEqual([whole]);
  });

  it("keeps the marks of the text moved into the body", () => {
    const draft = splitDraft([plainParagraph("I. TỔ CHỨC"), { runs: [{ text: "1. Sở Tài chính có trách nhiệm: " }, { text: rest, bold: true }] }]);
    expect(draft.sections[1]!.body).toEqual([{ runs: [{ text: rest, bold: true }] }]);
  });
});

describe("front and back matter", () => {
  it("ends the sections at 'Nơi nhận:' or a signature line", () => {
    const a = split("KẾ HOẠCH", "I. MỤC ĐÍCH", "Nội dung.", "Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN");
    expect(texts(a.frontMatter)).toEqual(["KẾ HOẠCH"]);
    expect(texts(a.backMatter)).toEqual(["Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN"]);
    const b = split("I. MỤC ĐÍCH", "Nội dung.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC");
    expect(texts(b.backMatter)).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
  });
});

describe("paragraph repair", () => {
  const long =
    "Các hoạt động triển khai được thực hiện lồng ghép vào kế hoạch của các ngành, đơn vị và địa phương, bảo đảm tính thống nhất, đồng bộ với việc thực hiện Kế hoạch phát triển kinh tế - xã hội chung, Đề án về Chuyển đổi số tỉnh";

  it("joins a lower-case continuation after an unfinished sentence", () => {
    const draft = split("I. A", "Câu bị ngắt bởi trang", "mới tiếp tục ở đây.", "Câu mới.", "còn đây sau dấu chấm thì giữ");
    expect(texts(draft.sections[0]!.body)).toEqual(["Câu bị ngắt bởi trang mới tiếp tục ở đây.", "Câu mới.", "còn đây sau dấu chấm thì giữ"]);
  });

  it("joins an upper-case continuation after a long paragraph ending in a word", () => {
    const draft = split("I. A", long, "Sóc Trăng và Kế hoạch khác.", "- Gạch đầu dòng", "(Ghi chú)");
    expect(texts(draft.sections[0]!.body)).toEqual([`${long} Sóc Trăng và Kế hoạch khác.`, "- Gạch đầu dòng", "(Ghi chú)"]);
  });

  it("never joins into a heading or a bracketed line", () => {
    const draft = split("I. A", "1. Tiêu đề ngắn", "tiếp theo viết thường", "Khái toán: 64.200.000.000 đồng", "(Số tiền bằng chữ)");
    expect(draft.sections[1]!.heading).toBe("Tiêu đề ngắn");
    expect(texts(draft.sections[1]!.body)).toEqual(["tiếp theo viết thường", "Khái toán: 64.200.000.000 đồng", "(Số tiền bằng chữ)"]);
  });
});

describe("paragraph repair of many pieces", () => {
  it("joins a run of pieces into one paragraph, keeping each piece's marks", () => {
    const body: Paragraph[] = [
      { runs: [{ text: "đoạn đầu " }, { text: "in đậm", bold: true }] },
      { runs: [{ text: "tiếp theo", bold: true }] },
      { runs: [{ text: "nghiêng", italic: true }, { text: " hết 🙂" }] },
      { runs: [{ text: "rồi hết." }] },
      { runs: [{ text: "câu sau dấu chấm" }] },
    ];
    const draft = splitDraft([plainParagraph("I. A"), ...body]);
    expect(draft.sections[0]!.body).toEqual([
      {
        runs: [
          { text: "đoạn đầu " },
          { text: "in đậm", bold: true },
          { text: " " },
          { text: "tiếp theo", bold: true },
          { text: " " },
          { text: "nghiêng", italic: true },
          { text: " hết 🙂 rồi hết." },
        ],
      },
      { runs: [{ text: "câu sau dấu chấm" }] },
    ]);
  });

  /**
   * CPU time of one split, from batches of at least 200 ms (one split of a small body is too short
   * to time alone) and the fastest batch: the one least disturbed by other work on the machine.
   */
  function cpuPerSplit(paragraphs: Paragraph[], batches: number): number {
    let best = Infinity;
    for (let b = 0; b < batches; b++) {
      const started = process.cpuUsage();
      let splits = 0;
      let used = 0;
      do {
        splitDraft(paragraphs);
        splits++;
        const u = process.cpuUsage(started);
        used = u.user + u.system;
      } while (used < 200_000);
      best = Math.min(best, used / splits);
    }
    return best;
  }

  function unpunctuatedLines(bytes: number): Paragraph[] {
    const line = "các sở ban ngành tổ chức triển khai thực hiện nhiệm vụ được giao bảo đảm tiến độ chất lượng";
    const count = Math.ceil(bytes / (Buffer.byteLength(line) + 1));
    return [plainParagraph("I. PHẦN MỘT"), ...Array.from({ length: count }, () => plainParagraph(line))];
  }

  // Not a timing target: a ratio with a wide margin. Linear work grows about 4× from 256 KB to
  // 1 MB; the pair-by-pair join grew about 16× (1 MB took half a minute on this machine).
  it("grows linearly with a body of lines that never end a sentence", () => {
    const small = unpunctuatedLines(256 * 1024);
    const large = unpunctuatedLines(1024 * 1024);
    expect(splitDraft(large).sections[0]!.body).toHaveLength(1);
    const smallCpu = cpuPerSplit(small, 3);
    const largeCpu = cpuPerSplit(large, 2);
    expect(largeCpu / smallCpu).toBeLessThan(8);
  }, 120_000);
});

describe("anchors", () => {
  it("are ASCII and unique even when labels repeat", () => {
    const draft = split("Chương I", "A", "Mục 1", "Mục 1", "Điều 1. X", "Điều 1. Y");
    const anchors = draft.sections.map((s) => s.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const a of anchors) expect(a).toMatch(/^[a-z0-9-]+$/);
    expect(anchors).toEqual(["chuong-1", "chuong-1-muc-1", "chuong-1-muc-1-2", "dieu-1", "dieu-1-2"]);
  });
});

describe("sectionPathTitle", () => {
  it("names an item with the labels of the parts above it", () => {
    expect(sectionPathTitle({ label: "2.", heading: "Mục tiêu cụ thể" }, ["II."])).toBe("II.2. Mục tiêu cụ thể");
    expect(sectionPathTitle({ label: "a)", heading: "" }, ["III.", "2."])).toBe("III.2.a)");
    expect(sectionPathTitle({ label: "Điều 3.", heading: "Phạm vi" }, ["Chương I", "Mục 1"])).toBe("Chương I, Mục 1, Điều 3. Phạm vi");
    expect(sectionPathTitle({ label: "V.", heading: "KINH PHÍ THỰC HIỆN" }, [])).toBe("V. KINH PHÍ THỰC HIỆN");
  });
});

describe("shortTitle", () => {
  it("names a numbered paragraph without a title by its first words, cut at a word boundary", () => {
    const text = "Ủy ban nhân dân các huyện, thị xã, thành phố chủ trì triển khai kế hoạch này trên địa bàn.";
    expect(shortTitle({ label: "3.", heading: "" }, text)).toBe("3. Ủy ban nhân dân các huyện, thị xã…");
    expect(shortTitle({ label: "3.", heading: "" }, "Sở Tài chính bảo đảm kinh phí.")).toBe("3. Sở Tài chính bảo đảm kinh phí.");
    expect(shortTitle({ label: "3.", heading: "" }, "")).toBe("3.");
  });

  it("keeps a section's own title", () => {
    expect(shortTitle({ label: "II.", heading: "MỤC TIÊU" }, "Mục tiêu chung của kế hoạch là …")).toBe("II. MỤC TIÊU");
  });
});
