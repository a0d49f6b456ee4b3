// Step two: the split the portal found, before anything is saved as a document. The parts and
// items as a nested list (the tree is position + level), the front and back matter, and for each
// section small forms to fix it: level up or down, merge into the one before, edit its label and
// heading, and (on the section opened with ?muc=) split it at a paragraph or edit its text. Every
// form carries the revision the page showed; a stale one is answered 409. Everything works
// without JavaScript; with it the text is edited in a Tiptap editor instead of a textarea.

import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DraftTree, type TreeSection } from "~/components/draft-tree";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { RichText } from "~/components/rich-text";
import { SaveDraftForm } from "~/components/save-draft-form";
import { editSchema } from "~/domain/forms/draft-import";
import { formatVnDateTime } from "~/domain/time";
import { docToPlainText } from "~/domain/tiptap";
import { docToText } from "~/domain/tiptap-check";
import { getDraftImport } from "~/models/draft-import.server";
import { applyDraftForm, type EditAnswer, nextPage } from "~/models/draft-import-form.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Kiểm tra cách tách — ${data?.title ?? "Dự thảo"} — Văn phòng` }];

const snippet = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const found = await getDraftImport(getDb(), viewer, params.importId ?? "");
  if (!found.ok) throw new Response(found.error, { status: found.status });
  const { draft } = found;
  const open = Number(new URL(request.url).searchParams.get("muc") ?? "-1");
  const sections: TreeSection[] = draft.state.sections.map((s, index) => ({
    index,
    level: s.level,
    label: s.label,
    heading: s.heading,
    chars: docToPlainText(s.content).length,
    blocks: s.content.content.length,
    open: index === open,
    paragraphs:
      index === open
        ? s.content.content.map((b) =>
            snippet(
              docToPlainText({ type: "doc", content: [b] })
                .replace(/\s+/g, " ")
                .trim(),
            ),
          )
        : [],
    content: index === open ? s.content : null,
    text: index === open ? docToText(s.content) : "",
  }));
  return {
    id: draft.id,
    revision: draft.revision,
    title: draft.title,
    source: draft.sourceFilename ?? "Văn bản dán vào",
    createdAt: formatVnDateTime(draft.createdAt),
    savedVersionId: draft.savedVersionId,
    frontMatter: draft.state.frontMatter,
    backMatter: draft.state.backMatter,
    sections,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const id = params.importId ?? "";
  const submission = await parseForm(request, editSchema);
  if (submission.status !== "success") {
    const reply = submission.reply();
    const fields = Object.fromEntries(Object.entries(reply.error ?? {}).map(([k, v]) => [k, (v ?? []).join(" ")]));
    const first = Object.values(fields).find(Boolean) ?? "Dữ liệu không hợp lệ.";
    const index = Number(submission.payload.index ?? -1);
    const intent = String(submission.payload.intent ?? "");
    const answer: CheckAnswer = { error: first, fields, index, intent, reply };
    return Response.json(answer, { status: 400 });
  }
  const outcome = await applyDraftForm(getDb(), viewer, id, submission.value, new Date());
  if (!outcome.ok) {
    // A refusal about a field goes beside it; one about the whole form (a stale page) above the forms.
    const fieldErrors = Object.fromEntries(Object.entries(outcome.answer.fields).map(([k, v]) => [k, [v]]));
    const formErrors = Object.keys(fieldErrors).length ? [] : [outcome.answer.error];
    const answer: CheckAnswer = { ...outcome.answer, reply: submission.reply({ fieldErrors, formErrors }) };
    return Response.json(answer, { status: outcome.status });
  }
  return redirect(nextPage(id, submission.value, outcome), 303);
}

/** The refusal, with Conform's answer for the form that was sent: its values and each field's problem. */
type CheckAnswer = EditAnswer & { reply: SubmissionResult<string[]> };

export default function CheckDraft() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<CheckAnswer>();
  const general = answer && answer.index < 0 && answer.intent !== "save" ? answer.error : null;
  return (
    <>
      <h1>Kiểm tra cách tách dự thảo</h1>
      <p>
        <strong>{d.title}</strong> — {d.source}, nhập lúc {d.createdAt}. Cổng tìm thấy {d.sections.length.toLocaleString("vi-VN")} phần, mục. Xem lại cây bên
        dưới, sửa nếu cần, rồi lưu. Chưa có gì được lưu thành dự thảo cho đến khi bạn bấm «Lưu dự thảo và tiếp tục».
      </p>
      <FormMessages error={general} />
      {d.savedVersionId ? (
        <p className="notice" role="status">
          Dự thảo này đã được lưu. <a href={`/office/lay-y-kien/moi?banDuThao=${d.savedVersionId}`}>Tiếp tục tạo đợt lấy ý kiến với dự thảo đã lưu</a>.
        </p>
      ) : (
        <SaveDraftForm revision={d.revision} title={d.title} lastResult={answer?.intent === "save" ? answer.reply : undefined} />
      )}
      <section aria-labelledby="h-front" className="draft-matter">
        <h2 id="h-front">Phần mở đầu (trước phần, mục đầu tiên)</h2>
        {docToPlainText(d.frontMatter).trim() ? (
          <div className="front-matter">
            <RichText doc={d.frontMatter} />
          </div>
        ) : (
          <p className="muted">(Không có.)</p>
        )}
      </section>
      <section aria-labelledby="h-tree">
        <h2 id="h-tree">Các phần, mục</h2>
        <DraftTree sections={d.sections} revision={d.revision} editable={!d.savedVersionId} answer={answer} />
      </section>
      <section aria-labelledby="h-back" className="draft-matter">
        <h2 id="h-back">Phần cuối (từ «Nơi nhận» hoặc chữ ký trở đi)</h2>
        {docToPlainText(d.backMatter).trim() ? (
          <div className="back-matter">
            <RichText doc={d.backMatter} />
          </div>
        ) : (
          <p className="muted">(Không có.)</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return (
    <OfficeError
      what="bản dự thảo đang nhập"
      notFound={["Không tìm thấy bản dự thảo đang nhập", "Bản dự thảo này không tồn tại. Hãy tải lên lại tại trang Tạo đợt lấy ý kiến."]}
      back={{ href: "/office/tao-moi", label: "Về trang Tạo đợt lấy ý kiến" }}
    />
  );
}
