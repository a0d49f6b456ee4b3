import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, guardCell, unguardCell } from "./csv.server";

describe("CSV cells", () => {
  it("quotes as RFC 4180 asks, only when needed", () => {
    expect(csvField("Sở Y tế")).toBe("Sở Y tế");
    expect(csvField('Đề nghị sửa "đối tượng", thêm')).toBe('"Đề nghị sửa ""đối tượng"", thêm"');
    expect(csvField("dòng một\ndòng hai")).toBe('"dòng một\ndòng hai"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
  });

  it("keeps Excel from reading a cell as a formula, and reading back gives the text exactly", () => {
    const texts = ["=1+1", "+84 912", "-5", "- Đề nghị bổ sung", "@SUM(A1)", "\tTab", "'=x", "''+y", "'bình thường", "bình thường", "", "a=b"];
    for (const text of texts) {
      const cell = guardCell(text);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(unguardCell(cell)).toBe(text);
      const records = parse(`${csvField(text)},x\r\n`) as string[][];
      expect(records).toEqual([[cell, "x"]]);
      expect(unguardCell(records[0]![0]!)).toBe(text);
    }
    expect(guardCell("- Đề nghị")).toBe("'- Đề nghị");
    expect(guardCell("'bình thường")).toBe("'bình thường");
  });
});
