import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { saveSchema } from "~/domain/forms/draft-import";
import { FieldError } from "./form-field";
import { FormMessages } from "./form-messages";

/** The last step of the check: the title (guessed, editable) and the save. */
export function SaveDraftForm({ revision, title, lastResult }: { revision: number; title: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "save-draft",
    lastResult,
    defaultValue: { title },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack draft-save" aria-labelledby="h-save" {...getFormProps(form)}>
      <h2 id="h-save">Lưu dự thảo</h2>
      <FormMessages error={form.errors?.join(" ") || null} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="revision" value={revision} />
      <label htmlFor="draft-title">Tên dự thảo</label>
      <input {...getInputProps(fields.title, { type: "text" })} id="draft-title" required maxLength={300} />
      <FieldError field={fields.title} />
      <button type="submit">Lưu dự thảo và tiếp tục</button>
    </Form>
  );
}
