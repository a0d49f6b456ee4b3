// A section's text on the checking page. The server renders a textarea of plain paragraphs (a
// blank line between them), so the form works without JavaScript; with it, the Tiptap editor
// takes the textarea's place and sends the section as Tiptap JSON in `content`, keeping bold,
// italic and lists, which the textarea cannot carry.
import { type ComponentType, useEffect, useState } from "react";
import type { TiptapDoc } from "~/domain/tiptap";
import type { SectionEditorProps } from "./section-editor.client";

/** Whether saving from the textarea would lose something: marks, lists, tables. */
function formatted(doc: TiptapDoc): boolean {
  return JSON.stringify(doc).includes('"marks"') || doc.content.some((n) => n.type !== "paragraph");
}

export function SectionText({ id, doc, text, error }: { id: string; doc: TiptapDoc; text: string; error?: string }) {
  const [Editor, setEditor] = useState<ComponentType<SectionEditorProps> | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import("./section-editor.client").then((m) => {
      if (!cancelled) setEditor(() => m.SectionEditor);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const errorId = `${id}-error`;
  const described = error ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  return (
    <>
      <label htmlFor={id} id={`${id}-label`}>
        Nội dung
      </label>
      {Editor ? (
        <Editor id={id} labelId={`${id}-label`} doc={doc} name="content" invalid={described} />
      ) : (
        <>
          <p className="muted" id={`${id}-hint`}>
            Mỗi đoạn cách nhau một dòng trống. (Bật JavaScript để sửa bằng trình soạn thảo: chữ đậm, nghiêng, danh sách, bảng.)
            {formatted(doc) ? " Lưu ý: nội dung này có định dạng (chữ đậm, nghiêng, danh sách hoặc bảng); lưu từ ô này sẽ chỉ giữ lại chữ." : null}
          </p>
          <textarea
            id={id}
            name="text"
            defaultValue={text}
            rows={Math.min(20, Math.max(6, text.split("\n").length + 2))}
            {...described}
            aria-describedby={[`${id}-hint`, error ? errorId : null].filter(Boolean).join(" ")}
          />
        </>
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
