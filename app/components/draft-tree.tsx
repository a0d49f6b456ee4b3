// The split of a draft being checked, as the nested list it is, with each section's small forms.
// Each form is a plain POST naming its intent, the section's index and the page's revision.
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ZodType } from "zod";
import { parentIndexes } from "~/domain/draft-edit";
import { relabelSchema, splitSchema } from "~/domain/forms/draft-import";
import type { TiptapDoc } from "~/domain/tiptap";
import { FieldError } from "./form-field";
import { FormMessages } from "./form-messages";
import { SectionText } from "./section-text";

export interface TreeSection {
  index: number;
  level: number;
  label: string;
  heading: string;
  chars: number;
  blocks: number;
  open: boolean;
  /** The open section's paragraphs, shortened, to choose where to split. */
  paragraphs: string[];
  content: TiptapDoc | null;
  text: string;
}

interface Answer {
  error: string;
  fields: Record<string, string>;
  index: number;
  intent: string;
  /** Conform's answer for the refused form: its values and each field's problem. */
  reply?: SubmissionResult<string[]>;
}

/** The server's answer for this form, if it was the one refused. */
const replyFor = (answer: Answer | undefined, intent: string) => (answer?.intent === intent ? answer.reply : undefined);

interface Node {
  section: TreeSection;
  children: Node[];
}

/** The sections as the nested list they are: each under the parent its position and level give it. */
function nest(sections: TreeSection[]): Node[] {
  const nodes: Node[] = sections.map((section) => ({ section, children: [] }));
  const roots: Node[] = [];
  for (const [i, parent] of parentIndexes(sections).entries()) (parent === null ? roots : nodes[parent]!.children).push(nodes[i]!);
  return roots;
}

export function DraftTree({ sections, revision, editable, answer }: { sections: TreeSection[]; revision: number; editable: boolean; answer?: Answer }) {
  const render = (nodes: Node[]): ReactNode => (
    <ol className="draft-tree">
      {nodes.map((n) => (
        <li key={n.section.index} id={`muc-${n.section.index}`}>
          <SectionItem s={n.section} revision={revision} editable={editable} answer={answer?.index === n.section.index ? answer : undefined} />
          {n.children.length ? render(n.children) : null}
        </li>
      ))}
    </ol>
  );
  return render(nest(sections));
}

function Hidden({ intent, revision, index }: { intent: string; revision: number; index: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="index" value={index} />
    </>
  );
}

function SectionItem({ s, revision, editable, answer }: { s: TreeSection; revision: number; editable: boolean; answer?: Answer }) {
  const i = s.index;
  const name = `«${s.label}${s.heading ? ` ${s.heading.length > 40 ? `${s.heading.slice(0, 39)}…` : s.heading}` : ""}»`;
  // A field's error is shown beside it when the section's forms are open, else above them.
  const besideField = answer && Object.keys(answer.fields).length > 0 && s.open;
  return (
    <div className={s.open ? "tree-item tree-item--open" : "tree-item"}>
      <p className="tree-head">
        <span className="tree-label">{s.label}</span> {s.heading || <span className="muted">(không có tiêu đề)</span>}{" "}
        <span className="muted">
          — cấp {s.level}, {s.chars.toLocaleString("vi-VN")} ký tự
        </span>{" "}
        {editable && !s.open ? (
          <a className="tree-edit" href={`?muc=${i}#muc-${i}`} aria-label={`Sửa ${name}`}>
            Sửa
          </a>
        ) : null}
      </p>
      {answer && !besideField ? <FormMessages error={answer.error} /> : null}
      {editable && s.open ? <SectionForms s={s} name={name} revision={revision} answer={answer} /> : null}
    </div>
  );
}

/**
 * Only the section opened with ?muc= carries forms: a law of 1,500 sections with four forms each
 * made a 2 MB page that took 2.4 s to render. Each form posts to the same ?muc=, so a refusal
 * comes back with the section still open and the error beside its field.
 */
function SectionForms({ s, name, revision, answer }: { s: TreeSection; name: string; revision: number; answer?: Answer }) {
  const i = s.index;
  const here = `?muc=${i}`;
  return (
    <div className="tree-forms">
      <Form method="post" action={here} className="inline-form" aria-label={`Đổi cấp ${name}`}>
        <Hidden intent="level" revision={revision} index={i} />
        <button type="submit" name="delta" value="-1">
          Lên một cấp
        </button>
        <button type="submit" name="delta" value="1">
          Xuống một cấp
        </button>
      </Form>
      {i > 0 ? (
        <Form method="post" action={here} className="inline-form" aria-label={`Gộp ${name} vào phần, mục trước`}>
          <Hidden intent="merge" revision={revision} index={i} />
          <button type="submit">Gộp vào phần, mục trước</button>
        </Form>
      ) : null}
      <RelabelForm s={s} name={name} revision={revision} lastResult={replyFor(answer, "relabel")} />
      <OpenSection s={s} revision={revision} answer={answer} />
      <a href={`?#muc-${i}`}>Đóng phần sửa {name}</a>
    </div>
  );
}

function OpenSection({ s, revision, answer }: { s: TreeSection; revision: number; answer?: Answer }) {
  const i = s.index;
  return (
    <>
      {s.paragraphs.length > 1 ? (
        <SplitForm s={s} revision={revision} lastResult={replyFor(answer, "split")} />
      ) : (
        <p className="muted">Phần, mục này chỉ có một đoạn nên không tách được.</p>
      )}
      <Form method="post" action={`?muc=${i}`} encType="multipart/form-data" className="stack" aria-label="Nội dung">
        <Hidden intent="content" revision={revision} index={i} />
        <SectionText
          id={`text-${i}`}
          doc={s.content ?? { type: "doc", content: [] }}
          text={s.text}
          error={answer?.intent === "content" ? answer.fields.content : undefined}
        />
        <button type="submit">Lưu nội dung</button>
      </Form>
    </>
  );
}

type FormProps = { s: TreeSection; revision: number; lastResult: SubmissionResult<string[]> | undefined };

// The two forms a clerk types into are checked in the browser by the schema the action uses, so an
// empty label is said beside it before anything is sent; without script the server says the same.
const checked = <Schema extends ZodType>(schema: Schema) => ({
  onValidate: ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema }),
  shouldValidate: "onBlur" as const,
  shouldRevalidate: "onInput" as const,
});

function RelabelForm({ s, name, revision, lastResult }: FormProps & { name: string }) {
  const i = s.index;
  const [form, fields] = useForm({ id: `relabel-${i}`, lastResult, defaultValue: { label: s.label, heading: s.heading }, ...checked(relabelSchema) });
  return (
    <Form method="post" action={`?muc=${i}`} className="stack" aria-label={`Số hiệu và tiêu đề của ${name}`} {...getFormProps(form)}>
      <Hidden intent="relabel" revision={revision} index={i} />
      <label htmlFor={`label-${i}`}>Số hiệu</label>
      <input {...getInputProps(fields.label, { type: "text" })} id={`label-${i}`} required maxLength={40} />
      <FieldError field={fields.label} />
      <label htmlFor={`heading-${i}`}>Tiêu đề</label>
      <input {...getInputProps(fields.heading, { type: "text" })} id={`heading-${i}`} maxLength={500} />
      <FieldError field={fields.heading} />
      <button type="submit">Lưu số hiệu và tiêu đề</button>
    </Form>
  );
}

function SplitForm({ s, revision, lastResult }: FormProps) {
  const i = s.index;
  const [form, fields] = useForm({ id: `split-${i}`, lastResult, defaultValue: { paragraph: "1", label: "", heading: "" }, ...checked(splitSchema) });
  return (
    <Form method="post" action={`?muc=${i}`} className="stack" aria-label="Tách phần, mục" {...getFormProps(form)}>
      <Hidden intent="split" revision={revision} index={i} />
      <label htmlFor={`split-at-${i}`}>Tách thành phần, mục mới, bắt đầu từ đoạn</label>
      <select {...getSelectProps(fields.paragraph)} id={`split-at-${i}`}>
        {s.paragraphs.slice(1).map((p, k) => (
          <option key={k} value={k + 1}>
            Đoạn {k + 2}: {p || "(trống)"}
          </option>
        ))}
      </select>
      <FieldError field={fields.paragraph} />
      <label htmlFor={`split-label-${i}`}>Số hiệu của phần, mục mới</label>
      <input {...getInputProps(fields.label, { type: "text" })} id={`split-label-${i}`} required maxLength={40} />
      <FieldError field={fields.label} />
      <label htmlFor={`split-heading-${i}`}>Tiêu đề của phần, mục mới</label>
      <input {...getInputProps(fields.heading, { type: "text" })} id={`split-heading-${i}`} maxLength={500} />
      <FieldError field={fields.heading} />
      <button type="submit">Tách</button>
    </Form>
  );
}
