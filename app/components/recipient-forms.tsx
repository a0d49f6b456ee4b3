// The forms that put people on a list: pasted rows, one person typed in, picks from the address
// book. Each works as a plain POST; with JavaScript the same Zod schema checks it before sending.
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ZodType } from "zod";
import { personSchema } from "~/domain/forms/recipients";

type Reply = SubmissionResult<string[]> | undefined;
type PasteFields = { rows: string; saveToBook?: boolean };
type PersonFields = { name: string; title: string; organization: string; email: string; group?: string };

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return errors.length === 1 ? (
    <p id={id} className="field-error">
      {errors[0]}
    </p>
  ) : (
    <ul id={id} className="field-error">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function PasteRowsForm(props: { id: string; intent: string; schema: ZodType<PasteFields>; lastResult: Reply; submit: string; saveToBook?: boolean }) {
  const [form, fields] = useForm<PasteFields>({
    id: props.id,
    lastResult: props.lastResult,
    defaultValue: { saveToBook: true },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: props.schema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={props.intent} />
      <label htmlFor={fields.rows.id}>Danh sách (mỗi người một dòng: họ tên, chức vụ, cơ quan, email, nhóm)</label>
      <p className="muted" id={`${fields.rows.id}-hint`}>
        Chọn các ô trong Excel rồi dán vào đây; cũng nhận tệp CSV cách nhau bằng dấu chấm phẩy hoặc dấu phẩy. Dòng tiêu đề (nếu có) được bỏ qua.
      </p>
      <textarea
        {...getTextareaProps(fields.rows)}
        rows={8}
        className="paste-rows"
        aria-describedby={fields.rows.errors ? `${fields.rows.errorId} ${fields.rows.id}-hint` : `${fields.rows.id}-hint`}
      />
      <FieldError id={fields.rows.errorId} errors={fields.rows.errors} />
      {props.saveToBook ? (
        <label className="checkbox">
          <input {...getInputProps(fields.saveToBook, { type: "checkbox" })} /> Lưu vào danh bạ
        </label>
      ) : null}
      <button type="submit">{props.submit}</button>
    </Form>
  );
}

export function PersonForm(props: {
  id: string;
  intent: string;
  lastResult: Reply;
  submit: string;
  hidden?: Record<string, string>;
  defaultValue?: Partial<PersonFields>;
}) {
  const [form, fields] = useForm<PersonFields>({
    id: props.id,
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personSchema }),
    shouldValidate: "onBlur",
  });
  const field = (name: "name" | "title" | "organization" | "email" | "group", label: string, type: "text" | "email" = "text") => (
    <>
      <label htmlFor={fields[name].id}>{label}</label>
      <input {...getInputProps(fields[name], { type })} />
      <FieldError id={fields[name].errorId} errors={fields[name].errors} />
    </>
  );
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {field("name", "Họ tên")}
      {field("title", "Chức vụ")}
      {field("organization", "Cơ quan, đơn vị")}
      {field("email", "Email", "email")}
      {field("group", "Nhóm (không bắt buộc)")}
      <button type="submit">{props.submit}</button>
    </Form>
  );
}

export interface BookGroup {
  name: string;
  named: boolean;
  members: { id: string; name: string; title: string; organization: string; email: string; onList: boolean }[];
}

/** Checkboxes per person and one per group; a ticked group adds everyone in it, even without JavaScript. */
export function PickFromBook({ groups, submit }: { groups: BookGroup[]; submit: string }) {
  if (!groups.length)
    return (
      <p className="muted">
        Danh bạ còn trống. <a href="/office/danh-ba">Thêm người vào danh bạ</a>.
      </p>
    );
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="pick" />
      {groups.map((g, gi) => (
        <fieldset key={g.name} className="book-group">
          <legend>{g.name}</legend>
          {g.named ? (
            <label className="checkbox whole-group">
              <input type="checkbox" name="group" value={g.name} /> Cả nhóm ({g.members.length} người)
            </label>
          ) : null}
          <ul className="book-members">
            {g.members.map((m) => (
              <li key={m.id}>
                <label className="checkbox">
                  <input type="checkbox" name="contactId" value={m.id} disabled={m.onList} aria-describedby={`m-${gi}-${m.id}`} /> {m.name}
                </label>{" "}
                <span id={`m-${gi}-${m.id}`} className="muted">
                  {m.title}, {m.organization} · {m.email}
                  {m.onList ? " · đã có trong danh sách" : ""}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      <button type="submit">{submit}</button>
    </Form>
  );
}
