// The Tiptap editor for one section's text, loaded only in the browser (SectionText swaps it in).
// Only what a draft carries: paragraphs, line breaks, bold, italic, bullet and numbered lists,
// tables; the server checks the JSON against the same list (app/domain/tiptap-check.ts).
import { Editor } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, useState } from "react";
import type { TiptapDoc } from "~/domain/tiptap";

export interface SectionEditorProps {
  id: string;
  labelId: string;
  doc: TiptapDoc;
  /** The hidden field the form sends. */
  name: string;
  invalid: Record<string, unknown>;
}

const extensions = [
  StarterKit.configure({
    heading: false,
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: false,
  }),
  // Column widths dragged in a browser mean nothing in the draft: no resizing.
  TableKit.configure({ table: { resizable: false } }),
];

type Tool = { label: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

const TOOLS: Tool[] = [
  { label: "Đậm", active: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  { label: "Nghiêng", active: (e) => e.isActive("italic"), run: (e) => e.chain().focus().toggleItalic().run() },
  { label: "Danh sách gạch đầu dòng", active: (e) => e.isActive("bulletList"), run: (e) => e.chain().focus().toggleBulletList().run() },
  { label: "Danh sách đánh số", active: (e) => e.isActive("orderedList"), run: (e) => e.chain().focus().toggleOrderedList().run() },
];

type TableTool = { label: string; run: (e: Editor) => void };

/** Shown once the cursor is in a table, apart from inserting one. */
const TABLE_TOOLS: TableTool[] = [
  { label: "Thêm hàng", run: (e) => e.chain().focus().addRowAfter().run() },
  { label: "Thêm cột", run: (e) => e.chain().focus().addColumnAfter().run() },
  { label: "Xóa hàng", run: (e) => e.chain().focus().deleteRow().run() },
  { label: "Xóa cột", run: (e) => e.chain().focus().deleteColumn().run() },
  { label: "Xóa bảng", run: (e) => e.chain().focus().deleteTable().run() },
];

const insertTable = (e: Editor) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: false }).run();

export function SectionEditor({ id, labelId, doc, name, invalid }: SectionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [json, setJson] = useState(() => JSON.stringify(doc));
  const [, setTick] = useState(0);
  // The editor is made once per mounted section: a changed prop comes with a new page load.
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once, see above
  useEffect(() => {
    const e = new Editor({
      element: host.current!,
      extensions,
      content: doc,
      // Tiptap's own <style> element is refused by the page's Content-Security-Policy (style-src
      // 'self'): the few rules it carries are in app.css instead.
      injectCSS: false,
      editorProps: {
        attributes: { id, role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId, class: "section-editor-area", ...stringAttrs(invalid) },
      },
      onUpdate: ({ editor: ed }) => setJson(JSON.stringify(ed.getJSON())),
      onSelectionUpdate: () => setTick((t) => t + 1),
      onTransaction: () => setTick((t) => t + 1),
    });
    setEditor(e);
    return () => e.destroy();
  }, []);
  return (
    <div className="section-editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Định dạng" aria-controls={id}>
        {TOOLS.map((t) => (
          <button key={t.label} type="button" className="tool-button" aria-pressed={editor ? t.active(editor) : false} onClick={() => editor && t.run(editor)}>
            {t.label}
          </button>
        ))}
        {editor?.isActive("table") ? (
          TABLE_TOOLS.map((t) => (
            <button key={t.label} type="button" className="tool-button" onClick={() => t.run(editor)}>
              {t.label}
            </button>
          ))
        ) : (
          <button type="button" className="tool-button" onClick={() => editor && insertTable(editor)}>
            Chèn bảng
          </button>
        )}
      </div>
      <div ref={host} />
      <input type="hidden" name={name} value={json} />
    </div>
  );
}

function stringAttrs(attrs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, String(v)]));
}
