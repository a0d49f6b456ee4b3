// What a section's text may hold when it comes back from the Office's editor: the browser sends
// Tiptap JSON, and anything in it is stored and later drawn for every official. So it is checked
// node by node against the few types the portal draws (app/components/rich-text.tsx), rebuilt
// from only the fields it knows (stray attributes and unknown keys are dropped, not stored), and
// refused as a whole when a type, a mark or a nesting is not allowed.
import { DRAFT_LIMITS, formatCount } from "./draft-limits";
import { docToPlainText, type TiptapDoc, type TiptapMark, type TiptapNode } from "./tiptap";

export type DocCheck = { ok: true; doc: TiptapDoc } | { ok: false; error: string };

const BLOCKS = new Set(["paragraph", "bulletList", "orderedList"]);
const CELLS = new Set(["tableCell", "tableHeader"]);
// Tables sit at the top of a section only: a table in a list or in a cell is nothing a draft has.
const CHILDREN: Record<string, Set<string>> = {
  doc: new Set([...BLOCKS, "table"]),
  bulletList: new Set(["listItem"]),
  orderedList: new Set(["listItem"]),
  listItem: BLOCKS,
  table: new Set(["tableRow"]),
  tableRow: CELLS,
  tableCell: BLOCKS,
  tableHeader: BLOCKS,
};
const MAX_SPAN = 100;
const MARKS = new Set(["bold", "italic"]);
const MAX_DEPTH = 12;

class Refusal extends Error {}

const isCount = (value: unknown, max: number) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;

function cleanMarks(marks: unknown): TiptapMark[] | undefined {
  if (marks === undefined) return undefined;
  if (!Array.isArray(marks)) throw new Refusal("định dạng chữ không hợp lệ");
  const out = marks.map((m) => {
    const type = (m as { type?: unknown })?.type;
    if (typeof type !== "string" || !MARKS.has(type)) throw new Refusal(`định dạng «${String(type)}» không được dùng (chỉ đậm, nghiêng)`);
    return { type } as TiptapMark;
  });
  return out.length ? out : undefined;
}

function cleanInline(node: Record<string, unknown>): TiptapNode {
  if (node.type === "hardBreak") return { type: "hardBreak" };
  if (node.type !== "text" || typeof node.text !== "string" || node.text === "") throw new Refusal("đoạn văn có thành phần không hợp lệ");
  const marks = cleanMarks(node.marks);
  const text = node.text.normalize("NFC");
  return marks ? { type: "text", text, marks } : { type: "text", text };
}

function cleanNode(value: unknown, parent: string, depth: number): TiptapNode {
  if (depth > MAX_DEPTH) throw new Refusal("danh sách lồng nhau quá sâu");
  const node = (value ?? {}) as Record<string, unknown>;
  const type = typeof node.type === "string" ? node.type : "";
  if (!CHILDREN[parent]?.has(type)) throw new Refusal(`không được đặt «${type || "?"}» trong «${parent}»`);
  const content = node.content === undefined ? [] : node.content;
  if (!Array.isArray(content)) throw new Refusal(`nội dung của «${type}» không hợp lệ`);
  if (type === "paragraph") {
    return content.length ? { type, content: content.map((c) => cleanInline((c ?? {}) as Record<string, unknown>)) } : { type };
  }
  if (!content.length) throw new Refusal(`«${type}» không được rỗng`);
  const out: TiptapNode = { type, content: content.map((c) => cleanNode(c, type, depth + 1)) };
  const attrs = (node.attrs ?? {}) as Record<string, unknown>;
  if (type === "orderedList" && isCount(attrs.start, 10_000) && (attrs.start as number) > 1) out.attrs = { start: attrs.start };
  if (CELLS.has(type))
    out.attrs = { colspan: isCount(attrs.colspan, MAX_SPAN) ? attrs.colspan : 1, rowspan: isCount(attrs.rowspan, MAX_SPAN) ? attrs.rowspan : 1 };
  return out;
}

/** A section's content from the editor, checked and cleaned; refused with a Vietnamese reason. */
export function checkSectionDoc(value: unknown): DocCheck {
  const root = (value ?? {}) as Record<string, unknown>;
  try {
    if (root.type !== "doc" || !Array.isArray(root.content)) throw new Refusal("không phải nội dung của trình soạn thảo");
    const blocks = root.content.map((c) => cleanNode(c, "doc", 1));
    const doc: TiptapDoc = { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] };
    const length = docToPlainText(doc).length;
    if (length > DRAFT_LIMITS.sectionChars) {
      return {
        ok: false,
        error: `Nội dung dài ${formatCount(length)} ký tự, vượt giới hạn ${formatCount(DRAFT_LIMITS.sectionChars)} ký tự cho một phần, mục.`,
      };
    }
    return { ok: true, doc };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ok: false, error: `Nội dung không hợp lệ: ${error.message}. Hãy tải lại trang rồi sửa lại.` };
  }
}

/** The no-JavaScript way: paragraphs separated by a blank line, a single line break kept as a break. */
export function textToDoc(text: string): TiptapDoc {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const content: TiptapNode[] = paragraphs.map((p) => ({
    type: "paragraph",
    content: p.split("\n").flatMap((line, i): TiptapNode[] => [...(i ? [{ type: "hardBreak" }] : []), ...(line ? [{ type: "text", text: line }] : [])]),
  }));
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

/** The textarea's text for a section: its paragraphs (list items included) with a blank line between. */
export function docToText(doc: TiptapDoc): string {
  return docToPlainText(doc)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .join("\n\n");
}
