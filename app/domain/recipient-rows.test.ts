import { describe, expect, it } from "vitest";
import { parseRecipientRows } from "./recipient-rows";

const ok = (text: string) => {
  const r = parseRecipientRows(text);
  if (!r.ok) throw new Error(r.problems.join("\n"));
  return r.rows;
};
const problems = (text: string) => {
  const r = parseRecipientRows(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
};

describe("parseRecipientRows", () => {
  it("reads rows copied from Excel (tabs), with a Vietnamese header skipped", () => {
    const rows = ok(
      "Họ tên\tChức vụ\tCơ quan\tEmail\tNhóm\nNguyễn Văn A\tGiám đốc\tSở Y tế\tA@Example.gov.vn\tSở, ban, ngành\nTrần Thị B\tChánh Thanh tra\tThanh tra tỉnh\tb@example.gov.vn\t",
    );
    expect(rows).toEqual([
      { line: 2, name: "Nguyễn Văn A", title: "Giám đốc", organization: "Sở Y tế", email: "a@example.gov.vn", group: "Sở, ban, ngành" },
      { line: 3, name: "Trần Thị B", title: "Chánh Thanh tra", organization: "Thanh tra tỉnh", email: "b@example.gov.vn", group: null },
    ]);
  });

  it("follows an English header's column order", () => {
    const [row] = ok("email,name,organization,title\nc@x.vn,Lê C,Sở Tài chính,Giám đốc");
    expect(row).toMatchObject({ name: "Lê C", title: "Giám đốc", organization: "Sở Tài chính", email: "c@x.vn", group: null });
  });

  it("reads semicolon CSV and quoted cells holding commas, quotes and newlines; counts lines as the file has them", () => {
    const rows = ok(
      'Lê C;"Giám đốc; kiêm nhiệm";Sở "A";c@x.vn\r\n"Phạm D";"Phó Giám đốc\r\nphụ trách";"Sở Nội vụ, tỉnh";d@x.vn\r\nVõ E;Trưởng ban;Ban Dân tộc;e@x.vn\r\n',
    );
    expect(rows.map((r) => [r.line, r.title, r.organization])).toEqual([
      [1, "Giám đốc; kiêm nhiệm", 'Sở "A"'],
      [2, "Phó Giám đốc phụ trách", "Sở Nội vụ, tỉnh"],
      [4, "Trưởng ban", "Ban Dân tộc"],
    ]);
    expect(ok('Lê C,"Giám đốc, Sở ""Y tế""",Sở Y tế,c@x.vn')[0]!.title).toBe('Giám đốc, Sở "Y tế"');
  });

  it("turns decomposed (NFD) text into NFC and drops a byte-order mark", () => {
    const [row] = ok(`\uFEFF${"Nguyễn Văn Ánh\tGiám đốc\tSở Y tế\ta@x.vn".normalize("NFD")}`);
    expect(row!.name).toBe("Nguyễn Văn Ánh".normalize("NFC"));
    expect(row!.name.normalize("NFC")).toBe(row!.name);
  });

  it("reports every bad row with its line and what is wrong, and no rows", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Người ${i + 1}\tChức vụ\tSở ${i + 1}\tp${i + 1}@x.vn`);
    lines[6] = "Người 7\tChức vụ\tSở 7\tabc@";
    lines[8] = "Người 9\tChức vụ\tSở 9\tP3@x.vn";
    lines[11] = "Người 12\t\tSở 12\tp12@x.vn";
    expect(problems(lines.join("\n"))).toEqual(["Dòng 7: địa chỉ email «abc@» không hợp lệ.", "Dòng 9: email trùng với dòng 3.", "Dòng 12: thiếu chức vụ."]);
  });

  it("reads a 20-row paste and skips blank lines", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `Người ${i + 1}\tGiám đốc\tSở ${i + 1}\tnguoi${i + 1}@example.gov.vn\tSở, ban, ngành`);
    const rows = ok(`${lines.slice(0, 10).join("\r\n")}\r\n\r\n${lines.slice(10).join("\r\n")}\r\n`);
    expect(rows).toHaveLength(20);
    expect(rows[10]!.line).toBe(12);
    expect(new Set(rows.map((r) => r.email)).size).toBe(20);
  });

  it("refuses an empty paste and missing columns", () => {
    expect(problems(" \n\n")[0]).toMatch(/Chưa có dòng nào/);
    expect(problems("Chỉ có tên")).toEqual(["Dòng 1: thiếu chức vụ.", "Dòng 1: thiếu cơ quan, đơn vị.", "Dòng 1: thiếu địa chỉ email."]);
  });
});
