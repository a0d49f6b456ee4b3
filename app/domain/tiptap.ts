import { compactRuns, type Paragraph, type Run, type Table } from "./draft-text";

export type TiptapMark = { type: "bold" | "italic" };
export type TiptapNode = {
  type: string;
  text?: string;
  marks?: TiptapMark[];
  content?: TiptapNode[];
  attrs?: Record<string, unknown>;
};
export type TiptapDoc = { type: "doc"; content: TiptapNode[] };

function runMarks(run: Run): TiptapMark[] {
  const marks: TiptapMark[] = [];
  if (run.bold) marks.push({ type: "bold" });
  if (run.italic) marks.push({ type: "italic" });
  return marks;
}

function runToNodes(run: Run): TiptapNode[] {
  const marks = runMarks(run);
  const nodes: TiptapNode[] = [];
  run.text.split("\n").forEach((piece, i) => {
    if (i > 0) nodes.push({ type: "hardBreak" });
    // ProseMirror rejects empty text nodes, so empty pieces are skipped.
    if (piece) nodes.push(marks.length ? { type: "text", text: piece, marks } : { type: "text", text: piece });
  });
  return nodes;
}

function cellContent(cell: Paragraph[]): TiptapNode[] {
  // A cell, like the document, holds at least one block.
  return cell.length ? cell.map(paragraphToNode) : [{ type: "paragraph" }];
}

/** Node names as @tiptap/extension-table has them, so the stored JSON stays Tiptap's own. */
function tableToNode(table: Table): TiptapNode {
  const rows = table.rows.map((row, r) => ({
    type: "tableRow",
    content: row.map((cell) => ({ type: table.header && r === 0 ? "tableHeader" : "tableCell", content: cellContent(cell) })),
  }));
  return { type: "table", content: rows };
}

/** The letterhead's two columns, each read top to bottom: issuing body and number | motto and date. */
function letterheadToNode(table: Table): TiptapNode {
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, c) => ({
    type: "letterheadColumn",
    content: table.rows.flatMap((row) => cellContent(row[c] ?? [])),
  }));
  return { type: "letterhead", content: columns };
}

function paragraphToNode(p: Paragraph): TiptapNode {
  if (p.table) return p.table.letterhead ? letterheadToNode(p.table) : tableToNode(p.table);
  const content = compactRuns(p.runs).flatMap(runToNodes);
  return content.length ? { type: "paragraph", content } : { type: "paragraph" };
}

export function paragraphsToDoc(paragraphs: Paragraph[]): TiptapDoc {
  // The schema requires at least one block; one empty paragraph keeps the
  // round trip exact because it reads back as "".
  const content = paragraphs.length ? paragraphs.map(paragraphToNode) : [{ type: "paragraph" }];
  return { type: "doc", content };
}

function isInline(node: TiptapNode): boolean {
  return node.type === "text" || node.type === "hardBreak";
}

function inlineText(node: TiptapNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

function isTextblock(node: TiptapNode): boolean {
  const content = node.content ?? [];
  return content.length === 0 || content.every(isInline) || ["paragraph", "heading", "codeBlock"].includes(node.type);
}

function blockLines(node: TiptapNode): string[] {
  if (isTextblock(node)) return [inlineText(node)];
  return (node.content ?? []).flatMap(blockLines);
}

/**
 * CANONICAL plain text of a document. Comment anchors store character
 * offsets into this string, so it must never change for a stored document:
 *
 * - Every leaf block — a node whose children are only `text`/`hardBreak`, or
 *   that has no children (empty paragraph, horizontalRule, block image), or
 *   that is a paragraph/heading/codeBlock — is one line.
 * - Container blocks (doc, lists, listItem, blockquote, tables …) add
 *   nothing themselves; their lines are their descendants' lines, in order.
 * - Lines are joined with a single "\n"; `hardBreak` is "\n"; `text` is its
 *   text unchanged (no trimming, no normalisation); marks are ignored; other
 *   inline nodes contribute the text of their own children, usually "".
 * - Offsets are UTF-16 code units (JavaScript string indices).
 *
 * Hence docToPlainText(paragraphsToDoc(ps)) === ps.map(paragraphText).join("\n").
 */
export function docToPlainText(doc: TiptapDoc): string {
  return doc.content.flatMap(blockLines).join("\n");
}
