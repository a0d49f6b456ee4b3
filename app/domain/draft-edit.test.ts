import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  changeLevel,
  type DraftSectionState,
  type DraftState,
  finalAnchors,
  labelSlug,
  mergeIntoPrevious,
  parentIndexes,
  relabel,
  splitSection,
  stateFromSplit,
} from "./draft-edit";
import { docToPlainText } from "./tiptap";
import { checkSectionDoc, textToDoc } from "./tiptap-check";

function section(level: number, label: string, heading: string, ...paragraphs: string[]): DraftSectionState {
  return { level, kind: "item", label, heading, anchor: labelSlug(label), content: textToDoc(paragraphs.join("\n\n")) };
}

function draft(...sections: DraftSectionState[]): DraftState {
  return { frontMatter: textToDoc("KẾ HOẠCH"), backMatter: textToDoc("Nơi nhận:"), sections };
}

function ok(result: ReturnType<typeof changeLevel>): DraftState {
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

const outline = (s: DraftState) => s.sections.map((x) => `${x.level}:${x.label}`);
const text = (s: DraftSectionState) => docToPlainText(s.content);

const plan = () =>
  draft(
    section(1, "I.", "MỤC ĐÍCH", "Mở đầu."),
    section(2, "1.", "Mục tiêu", "Đoạn một.", "Đoạn hai.", "Đoạn ba."),
    section(3, "a)", "Điểm a"),
    section(2, "2.", "Yêu cầu"),
    section(1, "II.", "NHIỆM VỤ"),
  );

describe("the tree is position + level", () => {
  it("derives parents from levels", () => {
    expect(parentIndexes(plan().sections)).toEqual([null, 0, 1, 0, null]);
  });

  it("derives the splitter's own parents and keeps its anchors for the seed draft", async () => {
    const { readDraft } = await import("~/imports/draft.server");
    const file = path.resolve(import.meta.dirname, "../../prisma/demo/draft-plan.md");
    const { split } = await readDraft(readFileSync(file), "draft-plan.md");
    const state = stateFromSplit(split);
    expect(parentIndexes(state.sections)).toEqual(split.sections.map((s) => s.parentIndex));
    expect(finalAnchors(state.sections)).toEqual(split.sections.map((s) => s.anchor));
  });
});

describe("changeLevel", () => {
  it("promotes a heading with its sub-items, which re-parents it", () => {
    const s = ok(changeLevel(plan(), 1, -1));
    expect(outline(s)).toEqual(["1:I.", "1:1.", "2:a)", "2:2.", "1:II."]);
    expect(parentIndexes(s.sections)).toEqual([null, null, 1, 1, null]);
  });

  it("demotes under the sibling before it", () => {
    const s = ok(changeLevel(plan(), 3, 1));
    expect(outline(s)).toEqual(["1:I.", "2:1.", "3:a)", "3:2.", "1:II."]);
    expect(parentIndexes(s.sections)[3]).toBe(1);
  });

  it("refuses a level that would leave a gap or go above the top", () => {
    expect(changeLevel(plan(), 0, -1)).toMatchObject({ ok: false, error: "Phần, mục này đã ở cấp cao nhất." });
    expect(changeLevel(plan(), 1, 1)).toMatchObject({ ok: false });
    expect(changeLevel(plan(), 0, 1)).toMatchObject({ ok: false });
    expect(changeLevel(plan(), 9, 1)).toMatchObject({ ok: false });
  });
});

describe("mergeIntoPrevious", () => {
  it("turns the heading into the first merged paragraph, after the previous text", () => {
    const s = ok(mergeIntoPrevious(plan(), 1));
    expect(outline(s)).toEqual(["1:I.", "2:a)", "2:2.", "1:II."]);
    expect(text(s.sections[0]!)).toBe("Mở đầu.\n1. Mục tiêu\nĐoạn một.\nĐoạn hai.\nĐoạn ba.");
  });

  it("leaves no empty paragraph behind when either side had no text", () => {
    const s = ok(mergeIntoPrevious(plan(), 2));
    expect(s.sections[1]!.content.content).toHaveLength(4);
    expect(text(s.sections[1]!)).toBe("Đoạn một.\nĐoạn hai.\nĐoạn ba.\na) Điểm a");
  });

  it("keeps sub-items under the section they now follow", () => {
    const s = ok(mergeIntoPrevious(plan(), 4));
    expect(outline(s)).toEqual(["1:I.", "2:1.", "3:a)", "2:2."]);
    expect(text(s.sections[3]!)).toBe("II. NHIỆM VỤ");
  });

  it("refuses the first section", () => {
    expect(mergeIntoPrevious(plan(), 0)).toMatchObject({ ok: false });
  });
});

describe("splitSection", () => {
  it("makes a sibling from the chosen paragraph on, with the typed heading", () => {
    const s = ok(splitSection(plan(), 1, 2, { label: "1a.", heading: "Tách ra" }));
    expect(outline(s)).toEqual(["1:I.", "2:1.", "2:1a.", "3:a)", "2:2.", "1:II."]);
    expect(text(s.sections[1]!)).toBe("Đoạn một.\nĐoạn hai.");
    expect(text(s.sections[2]!)).toBe("Đoạn ba.");
    expect(s.sections[2]).toMatchObject({ heading: "Tách ra", anchor: "" });
  });

  it("refuses the first paragraph and one past the end", () => {
    expect(splitSection(plan(), 1, 0, { label: "x", heading: "" })).toMatchObject({ ok: false });
    expect(splitSection(plan(), 1, 3, { label: "x", heading: "" })).toMatchObject({ ok: false });
  });
});

describe("relabel and anchors", () => {
  it("keeps the splitter's anchor for an unchanged label and derives the others, unique", () => {
    let s = ok(relabel(plan(), 3, { label: "Điều 2.", heading: "Yêu cầu chung" }));
    s = ok(splitSection(s, 1, 1, { label: "1.", heading: "Lặp" }));
    expect(s.sections[4]).toMatchObject({ label: "Điều 2.", heading: "Yêu cầu chung", anchor: "" });
    expect(finalAnchors(s.sections)).toEqual(["i", "1", "i-1", "a", "i-dieu-2", "ii"]);
  });
});

describe("checkSectionDoc", () => {
  it("keeps paragraphs, lists, bold and italic, and drops unknown attributes", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", attrs: { textAlign: "left" }, content: [{ type: "text", text: "Đậm", marks: [{ type: "bold", attrs: { x: 1 } }] }] },
        { type: "orderedList", attrs: { start: 3, type: null }, content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
      ],
    };
    expect(checkSectionDoc(doc)).toEqual({
      ok: true,
      doc: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Đậm", marks: [{ type: "bold" }] }] },
          { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
        ],
      },
    });
  });

  it("keeps tables with their spans, and refuses a table inside a cell", () => {
    const cell = (type: string, attrs: object, text: string) => ({ type, attrs, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const table = {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [cell("tableHeader", { colspan: 2, rowspan: 1, colwidth: [90] }, "Nội dung"), cell("tableCell", { colspan: "x" }, "Kinh phí")],
        },
      ],
    };
    const checked = checkSectionDoc({ type: "doc", content: [table] });
    expect(checked.ok && checked.doc.content[0]!.content![0]!.content!.map((c) => c.attrs)).toEqual([
      { colspan: 2, rowspan: 1 },
      { colspan: 1, rowspan: 1 },
    ]);
    const nested = { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [table] }] }] };
    expect(checkSectionDoc({ type: "doc", content: [nested] })).toMatchObject({ ok: false });
  });

  it("refuses other node and mark types and bad nesting", () => {
    const p = (content: unknown[]) => ({ type: "doc", content });
    expect(checkSectionDoc(p([{ type: "image", attrs: { src: "x" } }]))).toMatchObject({ ok: false });
    expect(checkSectionDoc(p([{ type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "link" }] }] }]))).toMatchObject({ ok: false });
    expect(checkSectionDoc(p([{ type: "listItem", content: [] }]))).toMatchObject({ ok: false });
    expect(checkSectionDoc(p([{ type: "paragraph", content: [{ type: "paragraph" }] }]))).toMatchObject({ ok: false });
    expect(checkSectionDoc("<b>x</b>")).toMatchObject({ ok: false });
  });

  it("refuses a section longer than the limit", () => {
    const long = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a".repeat(500_001) }] }] };
    expect(checkSectionDoc(long)).toMatchObject({ ok: false, error: expect.stringContaining("500.000") });
  });
});
