// The heading block under a draft's letterhead, as the original sets it: "Dự thảo", then the
// document type in capitals ("KẾ HOẠCH") over its subject line, centred and bold. Stored drafts
// keep these as plain paragraphs (a .txt or .docx import loses the centring); the reader finds
// them again to show the page as it was printed.
import { DOCUMENT_TYPES } from "./draft-title";
import { docToPlainText, type TiptapNode } from "./tiptap";

/** Lines allowed between the letterhead and the document type ("Dự thảo", a draft number). */
const MAX_LINES_BEFORE_TYPE = 2;

/** Where the block lies in the front matter's nodes: [from, to), or null when there is none. */
export function titleBlock(nodes: TiptapNode[]): { from: number; to: number } | null {
  const text = (n: TiptapNode | undefined) => (n?.type === "paragraph" ? docToPlainText({ type: "doc", content: [n] }).trim() : "");
  const from = nodes.findIndex((n) => n.type === "letterhead") + 1;
  for (let i = from; i < nodes.length && i - from <= MAX_LINES_BEFORE_TYPE; i++) {
    const line = text(nodes[i]);
    if (line && line === line.toUpperCase() && DOCUMENT_TYPES.includes(line)) {
      return { from, to: text(nodes[i + 1]) ? i + 2 : i + 1 };
    }
  }
  return null;
}
