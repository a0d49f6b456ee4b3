import { describe, expect, it } from "vitest";
import { type Paragraph, paragraphText, plainParagraph, tableParagraph } from "./draft-text";
import { withLetterhead } from "./letterhead";

const columns = (p: Paragraph) => p.table!.rows.map((row) => row.map((cell) => cell.map(paragraphText).join("|")));

describe("withLetterhead", () => {
  it("takes the seed's paragraphs (body, motto, number, place and date) as one two-column block", () => {
    const front = [
      "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
      "Số: 12/KH-UBND",
      "Sóc Trăng, ngày 10 tháng 9 năm 2021",
      "KẾ HOẠCH",
    ].map(plainParagraph);
    const out = withLetterhead(front);
    expect(out).toHaveLength(2);
    expect(out[0]!.table!.letterhead).toBe(true);
    expect(columns(out[0]!)).toEqual([
      ["ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
      ["Số: 12/KH-UBND", "Sóc Trăng, ngày 10 tháng 9 năm 2021"],
    ]);
    expect(paragraphText(out[1]!)).toBe("KẾ HOẠCH");
  });

  it("splits lines typed with both columns side by side, by tabs or a wide gap", () => {
    const front = [
      plainParagraph("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH SÓC TRĂNG        Độc lập - Tự do - Hạnh phúc"),
      plainParagraph("Số: 12/KH-UBND     Sóc Trăng, ngày 10 tháng 9 năm 2021"),
      plainParagraph("KẾ HOẠCH"),
    ];
    const out = withLetterhead(front);
    expect(out.map((p) => !!p.table)).toEqual([true, false]);
    expect(columns(out[0]!)).toEqual([
      ["ỦY BAN NHÂN DÂN|TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc"],
      ["Số: 12/KH-UBND", "Sóc Trăng, ngày 10 tháng 9 năm 2021"],
    ]);
  });

  it("marks a Word letterhead table and leaves other tables and front matter without a motto alone", () => {
    const word = tableParagraph({ rows: [[[plainParagraph("BỘ TÀI CHÍNH")], [plainParagraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]]] });
    expect(withLetterhead([word])[0]!.table!.letterhead).toBe(true);
    const plain = [plainParagraph("KẾ HOẠCH"), plainParagraph("Thực hiện chương trình")];
    expect(withLetterhead(plain)).toBe(plain);
    const threeColumns = tableParagraph({ rows: [[[plainParagraph("a")], [plainParagraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], []]] });
    expect(withLetterhead([threeColumns])[0]!.table!.letterhead).toBeUndefined();
  });
});
