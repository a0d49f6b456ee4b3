import { Form } from "@remix-run/react";
import { FormMessages } from "./form-messages";

/** The last step of the check: the title (guessed, editable) and the save. */
export function SaveDraftForm({ revision, title, answer }: { revision: number; title: string; answer?: { error: string; fields: Record<string, string> } }) {
  const titleError = answer?.fields.title;
  return (
    <Form method="post" className="stack draft-save" aria-labelledby="h-save">
      <h2 id="h-save">Lưu dự thảo</h2>
      <FormMessages error={answer && !titleError ? answer.error : null} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="revision" value={revision} />
      <label htmlFor="draft-title">Tên dự thảo</label>
      <input
        id="draft-title"
        name="title"
        defaultValue={title}
        required
        maxLength={300}
        aria-invalid={titleError ? true : undefined}
        aria-describedby={titleError ? "draft-title-error" : undefined}
      />
      {titleError ? (
        <p id="draft-title-error" className="field-error">
          {titleError}
        </p>
      ) : null}
      <button type="submit">Lưu dự thảo và tiếp tục</button>
    </Form>
  );
}
