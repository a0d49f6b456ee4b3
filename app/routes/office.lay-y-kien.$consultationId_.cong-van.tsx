// The request letter of one consultation. Before publishing: free edits. After: "Sửa lỗi chính
// tả": the same form, each change audited with its old and new text, nobody invited again.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { LetterFields } from "~/components/letter-fields";
import { OfficeError } from "~/components/office-error";
import { letterSchema } from "~/domain/forms/letter";
import { deadlinePhrase } from "~/domain/letter";
import { getLetter, updateLetter } from "~/models/letter.server";
import { getDb } from "~/utils/db.server";
import { replyFailure, replyInvalid } from "~/utils/form-reply.server";
import { parseForm } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Công văn — ${data?.title ?? "Đợt lấy ý kiến"}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const c = await getLetter(getDb(), params.consultationId ?? "");
  if (!c) throw new Response("Không tìm thấy", { status: 404 });
  const saved = new URL(request.url).searchParams.get("daLuu");
  const lines = (v: unknown) => (Array.isArray(v) ? v.join("\n") : String(v ?? ""));
  return {
    id: c.id,
    title: String(c.letter.title),
    published: c.published,
    saved,
    defaults: {
      ...Object.fromEntries(Object.entries(c.letter).map(([k, v]) => [k, lines(v)])),
      deadlineInBody: deadlinePhrase(c.deadlineAt),
    } as Record<string, string>,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const submission = await parseForm(request, letterSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const id = params.consultationId ?? "";
  const result = await updateLetter(getDb(), viewer, { consultationId: id, letter: submission.value }, new Date());
  if (!result.ok) return replyFailure(submission, result);
  return redirect(`/office/lay-y-kien/${id}/cong-van?daLuu=${result.changed === 0 ? "khong-doi" : result.corrected ? "sua-loi" : "1"}`);
}

const SAVED: Record<string, string> = {
  "1": "Đã lưu công văn.",
  "sua-loi": "Đã sửa lỗi trong công văn và ghi vào nhật ký. Người nhận không được mời lại.",
  "khong-doi": "Công văn không có gì thay đổi.",
};

export default function LetterPage() {
  const c = useLoaderData<typeof loader>();
  const lastResult = useActionData<SubmissionResult<string[]>>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: c.defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: letterSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{c.published ? "Sửa lỗi chính tả trong công văn" : "Công văn xin ý kiến"}</h1>
      <ConsultationNav id={c.id} title={c.title} />
      <FormMessages
        error={form.errors?.join(" ") ?? (lastResult?.status === "error" ? "Chưa lưu: vui lòng sửa các ô được đánh dấu bên dưới." : null)}
        notice={c.saved && !lastResult ? SAVED[c.saved] : null}
      />
      {c.published ? (
        <p className="warning">
          Đợt đã công bố. Chỉ nên sửa lỗi chính tả: mỗi thay đổi được ghi vào nhật ký cùng nội dung cũ và mới; người nhận không được mời lại và không nhận thư
          báo. Muốn đổi hạn góp ý, dùng trang <a href={`/office/lay-y-kien/${c.id}/thoi-han`}>Thời hạn và quy tắc</a>.
        </p>
      ) : (
        <p>
          Đợt chưa công bố: sửa tự do. Xem trước công văn như người nhận sẽ thấy ở trang <a href={`/office/lay-y-kien/${c.id}/cong-bo`}>Xem trước và công bố</a>
          .
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <LetterFields fields={fields as unknown as Parameters<typeof LetterFields>[0]["fields"]} />
        <button type="submit">{c.published ? "Lưu bản sửa lỗi" : "Lưu công văn"}</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="trang công văn" />;
}
