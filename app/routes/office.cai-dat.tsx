// The Office's settings: its profile, set once, that every new request letter is prefilled from.
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form-field";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { officeProfileSchema } from "~/domain/forms/office-profile";
import { getOfficeProfile, saveOfficeProfile } from "~/models/office-profile.server";
import { getDb } from "~/utils/db.server";
import { replyFailure, replyInvalid } from "~/utils/form-reply.server";
import { parseForm } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Cài đặt của Văn phòng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  const profile = await getOfficeProfile(getDb());
  return { profile, saved: new URL(request.url).searchParams.has("daLuu") };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const submission = await parseForm(request, officeProfileSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await saveOfficeProfile(getDb(), viewer, submission.value, new Date());
  if (!result.ok) return replyFailure(submission, result);
  return redirect("/office/cai-dat?daLuu=1");
}

export default function OfficeSettings() {
  const { profile, saved } = useLoaderData<typeof loader>();
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { ...profile, distribution: profile.distribution.join("\n"), officeEmail: profile.officeEmail ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: officeProfileSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>Cài đặt của Văn phòng</h1>
      <p>Các thông tin này được điền sẵn vào công văn xin ý kiến của mỗi đợt mới; từng đợt vẫn sửa được.</p>
      <FormMessages
        error={form.errors?.join(" ") ?? (lastResult?.status === "error" ? "Vui lòng sửa các ô được đánh dấu bên dưới." : null)}
        notice={saved && !lastResult ? "Đã lưu cài đặt." : null}
      />
      {profile.saved ? null : <p className="warning">Văn phòng chưa lưu cài đặt: hãy điền và lưu trước khi tạo đợt lấy ý kiến.</p>}
      <Form method="post" {...getFormProps(form)} className="stack">
        <fieldset className="form-section">
          <legend>Cơ quan</legend>
          <Field field={fields.parentBody} label="Cơ quan chủ quản (ví dụ: Ủy ban nhân dân tỉnh Sóc Trăng)">
            <input {...getInputProps(fields.parentBody, { type: "text" })} />
          </Field>
          <Field field={fields.issuingBody} label="Cơ quan ban hành công văn (ví dụ: Văn phòng Ủy ban nhân dân tỉnh)">
            <input {...getInputProps(fields.issuingBody, { type: "text" })} />
          </Field>
          <Field field={fields.place} label="Địa danh ghi trên công văn">
            <input {...getInputProps(fields.place, { type: "text" })} />
          </Field>
          <Field field={fields.numberPattern} label="Mẫu số công văn (ví dụ: …/VP-VX)">
            <input {...getInputProps(fields.numberPattern, { type: "text" })} />
          </Field>
        </fieldset>
        <fieldset className="form-section">
          <legend>Người ký và nơi nhận</legend>
          <Field field={fields.signerTitle} label="Chức danh người ký (có thể hai dòng, ví dụ KT. CHÁNH VĂN PHÒNG rồi PHÓ CHÁNH VĂN PHÒNG)">
            <textarea {...getTextareaProps(fields.signerTitle)} rows={2} />
          </Field>
          <Field field={fields.signerName} label="Họ tên người ký">
            <input {...getInputProps(fields.signerName, { type: "text" })} />
          </Field>
          <Field field={fields.distribution} label="Nơi nhận (mỗi dòng một nơi)">
            <textarea {...getTextareaProps(fields.distribution)} rows={3} />
          </Field>
        </fieldset>
        <fieldset className="form-section">
          <legend>Thư và thời hạn</legend>
          <Field field={fields.officeEmail} label="Email của Văn phòng (nhận thư tổng hợp sau hạn)">
            <input {...getInputProps(fields.officeEmail, { type: "email" })} />
          </Field>
          <Field
            field={fields.minPeriodDays}
            label="Thời gian lấy ý kiến tối thiểu (ngày)"
            hint="Đặt hạn ngắn hơn chỉ bị cảnh báo, không bị từ chối. Mặc định 7 ngày: ngắn hơn thì mất lần nhắc đầu tiên (7 ngày trước hạn)."
          >
            <input {...getInputProps(fields.minPeriodDays, { type: "number", ariaDescribedBy: fields.minPeriodDays.descriptionId })} min={1} max={90} />
          </Field>
        </fieldset>
        <button type="submit">Lưu cài đặt</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="trang cài đặt" />;
}
