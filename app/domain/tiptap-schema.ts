// The Tiptap extensions a stored draft is read with: StarterKit plus the table nodes the importer
// emits. The nodes are declared here with @tiptap/extension-table's names and content rules rather
// than by installing it: the reader only displays tables (no editing, no column resizing), and
// every @tiptap package must move in lockstep (docs: stack.md).
import { type Extensions, getSchema, Node } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";

const Table = Node.create({
  name: "table",
  group: "block",
  content: "tableRow+",
  isolating: true,
  parseHTML: () => [{ tag: "table" }],
  // The same scrolling region as TableWrap around the server's rendering, so a phone scrolls the
  // table, not the page, once the reader has taken over the section too.
  renderHTML: ({ HTMLAttributes }) => [
    "section",
    { class: "table-wrap", "aria-label": "Bảng trong dự thảo", tabindex: "0" },
    ["table", { ...HTMLAttributes, class: "draft-table" }, ["tbody", 0]],
  ],
});

const TableRow = Node.create({
  name: "tableRow",
  content: "(tableCell | tableHeader)*",
  parseHTML: () => [{ tag: "tr" }],
  renderHTML: ({ HTMLAttributes }) => ["tr", HTMLAttributes, 0],
});

const TableCell = Node.create({
  name: "tableCell",
  content: "block+",
  isolating: true,
  parseHTML: () => [{ tag: "td" }],
  renderHTML: ({ HTMLAttributes }) => ["td", HTMLAttributes, 0],
});

const TableHeader = Node.create({
  name: "tableHeader",
  content: "block+",
  isolating: true,
  parseHTML: () => [{ tag: "th" }],
  renderHTML: ({ HTMLAttributes }) => ["th", HTMLAttributes, 0],
});

export const draftExtensions: Extensions = [StarterKit, Table, TableRow, TableCell, TableHeader];

export const draftSchema = (): Schema => getSchema(draftExtensions);
