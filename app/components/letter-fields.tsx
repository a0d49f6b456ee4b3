// The request letter's inputs, in the order the letter reads: shared by the new consultation
// and the letter page.
import { getInputProps, getTextareaProps } from "@conform-to/react";
import { type AnyField, Field } from "./form-field";

type Fields = Record<
  | "title"
  | "parentBody"
  | "issuingBody"
  | "number"
  | "place"
  | "date"
  | "subject"
  | "addressees"
  | "body"
  | "distribution"
  | "signerTitle"
  | "signerName"
  | "deadlineInBody",
  AnyField
>;

export function LetterFields({ fields }: { fields: Fields }) {
  return (
    <>
      <fieldset className="form-section">
        <legend>Đợt lấy ý kiến và cơ quan gửi</legend>
        <Field field={fields.title} label="Tên đợt lấy ý kiến (hiện trong danh sách)">
          <input {...getInputProps(fields.title, { type: "text" })} />
        </Field>
        <Field field={fields.parentBody} label="Cơ quan chủ quản">
          <input {...getInputProps(fields.parentBody, { type: "text" })} />
        </Field>
        <Field field={fields.issuingBody} label="Cơ quan ban hành công văn">
          <input {...getInputProps(fields.issuingBody, { type: "text" })} />
        </Field>
        <Field field={fields.number} label="Số công văn">
          <input {...getInputProps(fields.number, { type: "text" })} />
        </Field>
        <Field field={fields.place} label="Địa danh">
          <input {...getInputProps(fields.place, { type: "text" })} />
        </Field>
        <Field field={fields.date} label="Ngày công văn (để trống nếu chưa ký)">
          <input {...getInputProps(fields.date, { type: "date" })} />
        </Field>
      </fieldset>
      <fieldset className="form-section">
        <legend>Nội dung công văn</legend>
        <Field field={fields.subject} label="Trích yếu (sau «V/v»)">
          <textarea {...getTextareaProps(fields.subject)} rows={2} />
        </Field>
        <Field field={fields.addressees} label="Kính gửi (mỗi dòng một nơi)">
          <textarea {...getTextareaProps(fields.addressees)} rows={3} />
        </Field>
        <Field field={fields.body} label="Nội dung" hint="Các đoạn cách nhau một dòng trống; **chữ đậm** giữa hai cặp dấu sao.">
          <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: fields.body.descriptionId })} rows={12} />
        </Field>
        <input {...getInputProps(fields.deadlineInBody, { type: "hidden" })} />
        <Field field={fields.distribution} label="Nơi nhận (mỗi dòng một nơi)">
          <textarea {...getTextareaProps(fields.distribution)} rows={3} />
        </Field>
        <Field field={fields.signerTitle} label="Chức danh người ký (có thể hai dòng)">
          <textarea {...getTextareaProps(fields.signerTitle)} rows={2} />
        </Field>
        <Field field={fields.signerName} label="Họ tên người ký">
          <input {...getInputProps(fields.signerName, { type: "text" })} />
        </Field>
      </fieldset>
    </>
  );
}
