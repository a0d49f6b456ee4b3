import { describe, expect, it } from "vitest";
import type { TiptapNode } from "./tiptap";
import { titleBlock } from "./title-block";

const p = (text: string): TiptapNode => ({ type: "paragraph", content: [{ type: "text", text }] });
const letterhead: TiptapNode = { type: "letterhead", content: [] };

describe("the heading block under the letterhead", () => {
  it("runs from the letterhead through the document type and its subject line", () => {
    const nodes = [letterhead, p("Dự thảo"), p("KẾ HOẠCH"), p("Thực hiện Chiến lược quốc gia …"), p("Thực hiện Quyết định số 127/QĐ-TTg …")];
    expect(titleBlock(nodes)).toEqual({ from: 1, to: 4 });
  });

  it("is found without a letterhead too, and ends at the type when no subject follows", () => {
    expect(titleBlock([p("QUYẾT ĐỊNH")])).toEqual({ from: 0, to: 1 });
  });

  it("is not a capitalised line deep in the preamble, nor a type in lower case", () => {
    expect(titleBlock([letterhead, p("Căn cứ …"), p("Căn cứ …"), p("Xét đề nghị …"), p("KẾ HOẠCH")])).toBeNull();
    expect(titleBlock([letterhead, p("Kế hoạch"), p("Thực hiện …")])).toBeNull();
  });
});
