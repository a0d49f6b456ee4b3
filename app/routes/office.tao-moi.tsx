// Step one of a consultation: the Office uploads its draft (.docx, .txt, .md) or pastes its text.
// The portal reads and splits it into a staging copy, then shows the split to be checked
// (/office/tao-moi/:id) before anything becomes a document. Both forms are plain multipart POSTs
// that work without JavaScript; a refusal is shown beside the field and saves nothing.
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DRAFT_LIMITS, formatBytes } from "~/domain/draft-limits";
import { pasteSchema, startSchema, uploadSchema } from "~/domain/forms/draft-import";
import { formatVnDateTime } from "~/domain/time";
import { listPendingImports, startDraftImport } from "~/models/draft-import.server";
import { getDb } from "~/utils/db.server";
import { readUpload } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Tạo đợt lấy ý kiến — Văn phòng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const pending = await listPendingImports(getDb(), viewer);
  if (!pending.ok) throw new Response(pending.error, { status: pending.status });
  return {
    pending: pending.imports.map((p) => ({
      id: p.id,
      title: p.title,
      source: p.sourceFilename ?? "văn bản dán vào",
      updatedAt: formatVnDateTime(p.updatedAt),
    })),
  };
}

type ActionData = { intent: "upload" | "paste"; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const upload = await readUpload(request, "file");
  const submission = parseWithZod(new URLSearchParams(upload.entries), { schema: startSchema });
  const intent = upload.fields.intent === "paste" ? "paste" : "upload";
  const answer = (status: number, fieldErrors?: Record<string, string[]>) =>
    Response.json({ intent, result: submission.reply(fieldErrors ? { fieldErrors } : undefined) } satisfies ActionData, { status });
  if (submission.status !== "success") return answer(400);
  const form = submission.value;
  if (form.intent === "upload" && !upload.file) return answer(400, { file: ["Hãy chọn tệp dự thảo (.docx, .txt hoặc .md)."] });
  const source =
    form.intent === "upload"
      ? { source: upload.file!.bytes, filename: upload.file!.name, field: "file" }
      : { source: Buffer.from(form.text, "utf8"), filename: null, field: "text" };
  const started = await startDraftImport(getDb(), viewer, { ...source, title: form.title ?? null }, new Date());
  if (!started.ok) return answer(started.status, { [source.field]: [started.error] });
  return redirect(`/office/tao-moi/${started.importId}`, 303);
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-error">
      {errors.join(" ")}
    </p>
  ) : null;
}

const accept = ".docx,.txt,.md,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown";

export default function NewDraft() {
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const [uploadForm, up] = useForm({
    id: "tai-len",
    lastResult: actionData?.intent === "upload" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadSchema }),
    shouldValidate: "onBlur",
  });
  const [pasteForm, paste] = useForm({
    id: "dan-van-ban",
    lastResult: actionData?.intent === "paste" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: pasteSchema }),
    shouldValidate: "onBlur",
  });
  const fileErrorId = `${uploadForm.id}-file-error`;
  const fileErrors = up.file?.errors;
  return (
    <>
      <h1>Tạo đợt lấy ý kiến</h1>
      <p>
        Bước 1: đưa dự thảo vào. Cổng tách dự thảo thành các phần, mục; bạn xem lại, sửa cách tách nếu cần rồi mới lưu. Chưa có gì được lưu cho đến khi bạn bấm
        «Lưu dự thảo và tiếp tục».
      </p>
      {pending.length ? (
        <section aria-labelledby="h-pending" className="draft-start">
          <h2 id="h-pending">Dự thảo đang kiểm tra dở</h2>
          <ul>
            {pending.map((p) => (
              <li key={p.id}>
                <a href={`/office/tao-moi/${p.id}`}>{p.title}</a> — {p.source}, sửa lần cuối {p.updatedAt}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="h-upload" className="draft-start">
        <h2 id="h-upload">Tải lên tệp dự thảo</h2>
        <Form method="post" encType="multipart/form-data" className="stack narrow" {...getFormProps(uploadForm)}>
          <input type="hidden" name="intent" value="upload" />
          <label htmlFor="draft-file">Tệp dự thảo (.docx, .txt hoặc .md)</label>
          <p className="muted" id="draft-file-hint">
            Tối đa {formatBytes(DRAFT_LIMITS.docxFileBytes)} cho tệp Word, {formatBytes(DRAFT_LIMITS.textFileBytes)} cho tệp văn bản.
          </p>
          <input
            id="draft-file"
            name="file"
            type="file"
            accept={accept}
            required
            aria-invalid={fileErrors?.length ? true : undefined}
            aria-describedby={fileErrors?.length ? `draft-file-hint ${fileErrorId}` : "draft-file-hint"}
          />
          <FieldError id={fileErrorId} errors={fileErrors} />
          <label htmlFor={up.title.id}>Tên dự thảo (không bắt buộc: để trống, cổng lấy từ tiêu đề trong văn bản)</label>
          <input {...getInputProps(up.title, { type: "text" })} />
          <FieldError id={up.title.errorId} errors={up.title.errors} />
          <button type="submit" disabled={busy}>
            Tải lên và xem cách tách
          </button>
        </Form>
      </section>
      <section aria-labelledby="h-paste" className="draft-start">
        <h2 id="h-paste">Hoặc dán nội dung dự thảo</h2>
        <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(pasteForm)}>
          <input type="hidden" name="intent" value="paste" />
          <label htmlFor={paste.text.id}>Nội dung dự thảo</label>
          <textarea {...getTextareaProps(paste.text)} rows={12} className="draft-paste" />
          <FieldError id={paste.text.errorId} errors={paste.text.errors} />
          <label htmlFor={paste.title.id}>Tên dự thảo (không bắt buộc)</label>
          <input {...getInputProps(paste.title, { type: "text" })} />
          <FieldError id={paste.title.errorId} errors={paste.title.errors} />
          <button type="submit" disabled={busy}>
            Xem cách tách
          </button>
        </Form>
      </section>
    </>
  );
}
