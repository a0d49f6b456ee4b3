import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { type Paragraph, paragraphText, plainParagraph, tableParagraph } from "./draft-text";
import { docToPlainText, paragraphsToDoc, type TiptapDoc } from "./tiptap";
import { draftSchema } from "./tiptap-schema";

const schema = getSchema([StarterKit]);

const sample: Paragraph[] = [
  { runs: [{ text: "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", bold: true }] },
  plainParagraph(""),
  { runs: [{ text: "Thường, " }, { text: "đậm", bold: true }, { text: " và " }, { text: "nghiêng", italic: true }] },
  { runs: [{ text: "cả hai", bold: true, italic: true }, { text: "\n" }, { text: "" }, { text: "cuối\n" }] },
];

describe("paragraphsToDoc", () => {
  it("maps runs to text nodes with marks and line breaks to hardBreak", () => {
    const doc = paragraphsToDoc(sample);
    expect(doc.content[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "ỦY BAN NHÂN DÂN", marks: [{ type: "bold" }] },
        { type: "hardBreak" },
        { type: "text", text: "TỈNH SÓC TRĂNG", marks: [{ type: "bold" }] },
      ],
    });
    expect(doc.content[1]).toEqual({ type: "paragraph" });
    expect(doc.content[3]!.content!.map((n) => n.type)).toEqual(["text", "hardBreak", "text", "hardBreak"]);
  });

  it("produces documents valid for the StarterKit schema", () => {
    for (const doc of [paragraphsToDoc(sample), paragraphsToDoc([])]) {
      expect(() => schema.nodeFromJSON(doc).check()).not.toThrow();
    }
  });
});

describe("docToPlainText", () => {
  it("round-trips paragraphs", () => {
    for (const ps of [sample, [], [plainParagraph("một")], [plainParagraph(""), plainParagraph("")]]) {
      expect(docToPlainText(paragraphsToDoc(ps))).toBe(ps.map(paragraphText).join("\n"));
    }
  });

  it("matches ProseMirror's own text for the same document", () => {
    const node = schema.nodeFromJSON(paragraphsToDoc(sample));
    expect(docToPlainText(paragraphsToDoc(sample))).toBe(node.textBetween(0, node.content.size, "\n", "\n"));
  });

  it("flattens containers into one line per leaf block", () => {
    const doc: TiptapDoc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Tiêu đề" }] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "một" }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "hai" }] }] },
          ],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "trích" }] }] },
        { type: "horizontalRule" },
        { type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hardBreak" }, { type: "text", text: "b" }] },
      ],
    };
    expect(() => schema.nodeFromJSON(doc).check()).not.toThrow();
    expect(docToPlainText(doc)).toBe("Tiêu đề\nmột\nhai\ntrích\n\na\nb");
  });
});

describe("tables", () => {
  const table = tableParagraph({
    header: true,
    rows: [
      [[plainParagraph("Nội dung")], [plainParagraph("Kinh phí")]],
      [[plainParagraph("Thiết bị"), plainParagraph("và lắp đặt")], []],
    ],
  });
  const ps = [plainParagraph("trước"), table, plainParagraph("sau")];

  it("become Tiptap table nodes the reader's schema accepts", () => {
    const doc = paragraphsToDoc(ps);
    expect(doc.content[1]!.type).toBe("table");
    expect(doc.content[1]!.content!.map((row) => row.content!.map((cell) => cell.type))).toEqual([
      ["tableHeader", "tableHeader"],
      ["tableCell", "tableCell"],
    ]);
    expect(() => draftSchema().nodeFromJSON(doc).check()).not.toThrow();
  });

  it("keep the canonical text: a line per cell paragraph, as the paragraph's own text says", () => {
    expect(docToPlainText(paragraphsToDoc(ps))).toBe(ps.map(paragraphText).join("\n"));
    expect(paragraphText(table)).toBe("Nội dung\nKinh phí\nThiết bị\nvà lắp đặt\n");
  });

  it("show a letterhead as two columns, read column by column", () => {
    const letterhead = tableParagraph({
      letterhead: true,
      rows: [
        [[plainParagraph("ỦY BAN NHÂN DÂN")], [plainParagraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]],
        [[plainParagraph("Số: 12/KH-UBND")], [plainParagraph("Sóc Trăng, ngày 10 tháng 9 năm 2021")]],
      ],
    });
    const doc = paragraphsToDoc([letterhead]);
    expect(doc.content[0]!.type).toBe("letterhead");
    expect(docToPlainText(doc)).toBe("ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSóc Trăng, ngày 10 tháng 9 năm 2021");
    expect(docToPlainText(doc)).toBe(paragraphText(letterhead));
  });
});
