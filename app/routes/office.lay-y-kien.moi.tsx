// A new consultation from a draft version: one form prefilled from the Office's profile and the
// draft (letter, deadline, rules), saved unpublished through the CLI's createConsultation.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessages } from "~/components/form-messages";
import { followDeadline } from "~/components/letter-deadline";
import { LetterFields } from "~/components/letter-fields";
import { OfficeError } from "~/components/office-error";
import { DeadlineFields, RuleFields } from "~/components/rules-fields";
import { newConsultationSchema } from "~/domain/forms/letter";
import { formatVnDateTime } from "~/domain/time";
import { draftConsultation, listDraftVersions, newConsultationDefaults } from "~/models/letter.server";
import { getDb } from "~/utils/db.server";
import { replyFailure, replyInvalid } from "~/utils/form-reply.server";
import { parseForm } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Tạo đợt lấy ý kiến — Văn phòng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  const db = getDb();
  const now = new Date();
  const versionId = new URL(request.url).searchParams.get("banDuThao");
  if (!versionId) {
    const versions = await listDraftVersions(db);
    return { kind: "pick" as const, versions: versions.map((v) => ({ ...v, createdAt: formatVnDateTime(v.createdAt) })) };
  }
  const form = await newConsultationDefaults(db, versionId, now);
  if (!form) throw new Response("Không tìm thấy bản dự thảo", { status: 404 });
  return { kind: "form" as const, ...form, nowIso: now.toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const submission = await parseForm(request, newConsultationSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await draftConsultation(getDb(), viewer, submission.value, new Date());
  if (!result.ok) return replyFailure(submission, result);
  return redirect(`/office/lay-y-kien/${result.consultationId}`);
}

export default function NewConsultation() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Tạo đợt lấy ý kiến</h1>
      {data.kind === "pick" ? <PickDraft versions={data.versions} /> : <NewConsultationForm data={data} />}
    </>
  );
}

function PickDraft({ versions }: { versions: { id: string; title: string; number: number; createdAt: string; sections: number }[] }) {
  if (versions.length === 0) return <p>Chưa có dự thảo nào. Hãy nhập dự thảo trước.</p>;
  return (
    <Form method="get" className="stack">
      <label htmlFor="banDuThao">Chọn bản dự thảo để lấy ý kiến</label>
      <select id="banDuThao" name="banDuThao" required>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.title} — bản {v.number}, {v.sections} phần, mục, nhập lúc {v.createdAt}
          </option>
        ))}
      </select>
      <button type="submit">Tiếp tục</button>
    </Form>
  );
}

type FormData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "form" }>;

function NewConsultationForm({ data }: { data: FormData }) {
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: data.defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newConsultationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p>
        Đợt mới được lưu ở trạng thái <strong>chưa công bố</strong>: sau khi lưu, thêm người nhận, xem trước rồi công bố.
        {data.profile.saved ? null : (
          <>
            {" "}
            Văn phòng chưa lưu <a href="/office/cai-dat">cài đặt</a>, nên một số ô còn trống.
          </>
        )}
      </p>
      <FormMessages error={form.errors?.join(" ") ?? (lastResult?.status === "error" ? "Chưa lưu: vui lòng sửa các ô được đánh dấu bên dưới." : null)} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input {...getInputProps(fields.versionId, { type: "hidden" })} />
        <LetterFields fields={fields} />
        <DeadlineFields
          fields={fields}
          nowIso={data.nowIso}
          minPeriodDays={data.profile.minPeriodDays}
          onDeadline={followDeadline(fields.body.id, fields.deadlineInBody.id)}
        />
        <RuleFields fields={fields} />
        <p className="hint">Lịch nhắc mặc định: 7, 3 và 1 ngày trước hạn, lúc 08:00; đổi ở trang Thời hạn và quy tắc sau khi lưu.</p>
        <button type="submit">Lưu</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="trang tạo đợt lấy ý kiến" />;
}
