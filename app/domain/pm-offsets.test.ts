import type { Node } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { type Paragraph, plainParagraph, tableParagraph } from "./draft-text";
import { anchorFromSelection, canonicalText, positionAtOffset, rangeForAnchor, textOffsetAt } from "./pm-offsets";
import { docToPlainText, paragraphsToDoc, type TiptapDoc } from "./tiptap";
import { draftSchema } from "./tiptap-schema";

const schema = draftSchema();
const toNode = (json: TiptapDoc): Node => schema.nodeFromJSON(json);
// ProseMirror's own reading of a range, with the same separators the canonical text uses.
const pmText = (doc: Node, from: number, to: number) => doc.textBetween(from, to, "\n", "\n");

const mixed: Paragraph[] = [
  { runs: [{ text: "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG", bold: true }] },
  plainParagraph(""),
  { runs: [{ text: "Điều 1. " }, { text: "Phạm vi điều chỉnh", bold: true }, { text: " và " }, { text: "đối tượng", italic: true }, { text: " áp dụng." }] },
  { runs: [{ text: "cả hai", bold: true, italic: true }, { text: "\n" }, { text: "dòng cuối\n" }] },
  plainParagraph(""),
  plainParagraph("Thủ trưởng các sở, ban, ngành tỉnh chịu trách nhiệm thi hành Quyết định này."),
];

// Decomposed letters and an emoji: offsets are UTF-16 code units, never "characters".
const unnormalised: Paragraph[] = [plainParagraph("Vie\u0323\u0302t Nam 🇻🇳 mến yêu"), { runs: [{ text: "hai" }, { text: "🙂", bold: true }, { text: "ba" }] }];

const containers: TiptapDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Chương I" }] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "một" }] }] },
        {
          type: "listItem",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "hai" }, { type: "hardBreak" }, { type: "text", text: "ba" }] },
            { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
          ],
        },
      ],
    },
    { type: "horizontalRule" },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "trích dẫn" }] }] },
    { type: "codeBlock", content: [{ type: "text", text: "x = 1\ny = 2" }] },
    { type: "paragraph", content: [{ type: "text", text: "hết" }] },
  ],
};

// A budget table between two paragraphs: each cell paragraph is a line, an empty cell an empty one.
const budget: Paragraph[] = [
  plainParagraph("Dự toán như sau:"),
  tableParagraph({
    header: true,
    rows: [
      [[plainParagraph("Nội dung")], [plainParagraph("Kinh phí")]],
      [[plainParagraph("Đào tạo"), { runs: [{ text: "ghi chú", italic: true }] }], []],
      [[plainParagraph("Tổng")], [plainParagraph("1.700")]],
    ],
  }),
  plainParagraph("hết bảng"),
];

const samples: [string, TiptapDoc][] = [
  ["a table", paragraphsToDoc(budget)],
  ["mixed paragraphs", paragraphsToDoc(mixed)],
  ["unnormalised text and surrogate pairs", paragraphsToDoc(unnormalised)],
  ["an empty section", paragraphsToDoc([])],
  ["only empty paragraphs", paragraphsToDoc([plainParagraph(""), plainParagraph(""), plainParagraph("")])],
  ["headings, lists, a rule, a quote and code", containers],
];

describe.each(samples)("%s", (_name, json) => {
  const doc = toNode(json);
  const text = docToPlainText(json);

  it("has the canonical text of its JSON", () => {
    expect(canonicalText(doc)).toBe(text);
  });

  it("maps every offset to a position and back", () => {
    for (let o = 0; o <= text.length; o++) {
      for (const side of ["start", "end"] as const) {
        const pos = positionAtOffset(doc, o, side);
        expect(pos).toBeGreaterThanOrEqual(0);
        expect(pos).toBeLessThanOrEqual(doc.content.size);
        expect(textOffsetAt(doc, pos), `offset ${o} (${side})`).toBe(o);
      }
    }
  });

  it("gives positions inside text blocks the offset ProseMirror counts up to them", () => {
    if (json === containers) return; // a rule is a line of its own here, "\n\n" to ProseMirror
    for (let pos = 0; pos <= doc.content.size; pos++) {
      const inText = doc.resolve(pos).parent.isTextblock;
      const offset = textOffsetAt(doc, pos);
      if (inText) expect(text.slice(0, offset), `position ${pos}`).toBe(pmText(doc, 0, pos));
      else expect(offset).toBe(Math.min(text.length, pmText(doc, 0, pos).length + (pos === 0 ? 0 : 1)));
    }
  });
});

describe("ranges agree with ProseMirror's text", () => {
  for (const [name, json] of samples.filter(([, j]) => j !== containers)) {
    it(`for every range of ${name}`, () => {
      const doc = toNode(json);
      const text = docToPlainText(json);
      for (let a = 0; a <= text.length; a++) {
        for (let b = a; b <= text.length; b++) {
          const { from, to } = rangeForAnchor(doc, { start: a, end: b });
          expect(pmText(doc, from, to), `[${a}, ${b})`).toBe(text.slice(a, b));
        }
      }
    });
  }

  it("across a rule and nested lists, against the canonical text", () => {
    const doc = toNode(containers);
    const text = docToPlainText(containers);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        const { from, to } = rangeForAnchor(doc, { start: a, end: b });
        expect(textOffsetAt(doc, from)).toBe(a);
        expect(textOffsetAt(doc, to)).toBe(b);
      }
    }
    const range = rangeForAnchor(doc, { start: text.indexOf("ba"), end: text.indexOf("dẫn") + 3 });
    expect(pmText(doc, range.from, range.to).replace(/\n+/g, "|")).toBe("ba|trích dẫn");
  });
});

describe("anchorFromSelection", () => {
  const json = paragraphsToDoc(mixed);
  const doc = toNode(json);
  const text = docToPlainText(json);
  const select = (from: string, to: string) => {
    const start = text.indexOf(from);
    const end = text.indexOf(to) + to.length;
    return { from: positionAtOffset(doc, start), to: positionAtOffset(doc, end, "end") };
  };

  it("quotes a bold run inside a paragraph with its context", () => {
    const { from, to } = select("Phạm vi", "điều chỉnh");
    const anchor = anchorFromSelection(doc, from, to)!;
    expect(anchor.exact).toBe("Phạm vi điều chỉnh");
    expect(text.slice(anchor.start, anchor.end)).toBe(anchor.exact);
    expect(anchor.prefix).toBe(text.slice(Math.max(0, anchor.start - 32), anchor.start));
    expect(anchor.prefix.endsWith("\n\nĐiều 1. ")).toBe(true);
    expect(anchor.suffix).toBe(text.slice(anchor.end, anchor.end + 32));
    expect(anchor.suffix).toHaveLength(32);
  });

  it("spans paragraphs and hard breaks and reads the same backwards", () => {
    const { from, to } = select("TRĂNG", "Điều 1");
    const anchor = anchorFromSelection(doc, from, to)!;
    expect(anchor.exact).toBe("TRĂNG\n\nĐiều 1");
    expect(anchorFromSelection(doc, to, from)).toEqual(anchor);
    expect(pmText(doc, from, to)).toBe(anchor.exact);
  });

  it("trims spaces and line breaks at the edges, not inside", () => {
    const start = text.indexOf(" và ");
    const anchor = anchorFromSelection(doc, positionAtOffset(doc, start), positionAtOffset(doc, start + 4))!;
    expect(anchor.exact).toBe("và");
    expect(anchor.start).toBe(start + 1);
    // From the end of one paragraph's text through an empty paragraph to the start of the next.
    const lineEnd = text.indexOf("DÂN\n") + 3;
    const wide = anchorFromSelection(doc, positionAtOffset(doc, lineEnd - 3), positionAtOffset(doc, text.indexOf("Điều") + 4, "end"))!;
    expect(wide.exact).toBe("DÂN\nTỈNH SÓC TRĂNG\n\nĐiều");
  });

  it("is null for an empty selection or one holding only whitespace", () => {
    const p = positionAtOffset(doc, 5);
    expect(anchorFromSelection(doc, p, p)).toBeNull();
    const gapStart = text.indexOf("TRĂNG") + 5;
    expect(anchorFromSelection(doc, positionAtOffset(doc, gapStart), positionAtOffset(doc, gapStart + 2, "end"))).toBeNull();
    const empty = toNode(paragraphsToDoc([plainParagraph(""), plainParagraph("   ")]));
    expect(anchorFromSelection(empty, 0, empty.content.size)).toBeNull();
  });

  it("takes the whole text for a select-all from 0 to the end", () => {
    const anchor = anchorFromSelection(doc, 0, doc.content.size)!;
    expect(anchor.start).toBe(0);
    expect(anchor.exact).toBe(text.trim());
    expect(anchor.prefix).toBe("");
    expect(anchor.suffix).toBe("");
  });

  it("round-trips through rangeForAnchor", () => {
    for (const [a, b] of [
      ["ỦY", "DÂN"],
      ["cả", "dòng cuối"],
      ["dòng", "Quyết định này."],
      ["ban", "ngành"],
    ] as const) {
      const { from, to } = select(a, b);
      const anchor = anchorFromSelection(doc, from, to)!;
      expect(rangeForAnchor(doc, anchor)).toEqual({ from, to });
      expect(pmText(doc, from, to)).toBe(anchor.exact);
    }
  });

  it("counts UTF-16 code units in decomposed and astral text", () => {
    const other = paragraphsToDoc(unnormalised);
    const node = toNode(other);
    const t = docToPlainText(other);
    const start = t.indexOf("🙂");
    const anchor = anchorFromSelection(node, positionAtOffset(node, start), positionAtOffset(node, start + 2, "end"))!;
    expect(anchor).toMatchObject({ start, end: start + 2, exact: "🙂" });
    const word = anchorFromSelection(node, positionAtOffset(node, 0), positionAtOffset(node, 6, "end"))!;
    expect(word.exact).toBe("Vie\u0323\u0302t");
  });
});

describe("out-of-range input", () => {
  const doc = toNode(paragraphsToDoc([plainParagraph("một hai")]));
  it("is clamped to the document", () => {
    expect(textOffsetAt(doc, -5)).toBe(0);
    expect(textOffsetAt(doc, 999)).toBe(7);
    expect(positionAtOffset(doc, -1)).toBe(1);
    expect(positionAtOffset(doc, 999, "end")).toBe(8);
    expect(rangeForAnchor(doc, { start: 4, end: 2 })).toEqual({ from: 3, to: 5 });
  });
});
