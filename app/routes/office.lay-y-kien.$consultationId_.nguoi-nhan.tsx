import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { PasteRowsForm, PersonForm, PickFromBook } from "~/components/recipient-forms";
import { RecipientTable } from "~/components/recipient-table";
import { addOneSchema, pasteSchema, pickSchema, recipientActionSchema } from "~/domain/forms/recipients";
import { parseRecipientRows } from "~/domain/recipient-rows";
import { invalid } from "~/domain/result";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import { contactsPicked, listContacts } from "~/models/contact.server";
import { listRecipientsForOffice } from "~/models/recipient.server";
import { type AddRecipientsInput, addRecipients, removeRecipient, resendInvitation } from "~/models/recipient-list.server";
import { notifyOutbox } from "~/server/scheduler.server";
import { getDb } from "~/utils/db.server";
import { type FormAnswer, invalidForm, refuseForm } from "~/utils/form-reply.server";
import { readFormEntries } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Người nhận — ${data?.title ?? "Đợt lấy ý kiến"} — Văn phòng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const db = getDb();
  const now = new Date();
  const c = await listRecipientsForOffice(db, params.consultationId ?? "", now);
  if (!c) throw new Response("Không tìm thấy", { status: 404 });
  const onList = new Set(c.recipients.map((r) => r.user.email));
  const when = (d: Date | null) => (d ? formatVnDateTime(d) : null);
  return {
    id: c.id,
    title: c.title,
    deadline: formatDeadline(c.deadlineAt),
    published: Boolean(c.publishedAt),
    closed: c.deadlineAt <= now,
    recipients: c.recipients.map((r) => ({
      id: r.id,
      name: r.user.name,
      email: r.user.email,
      title: r.title,
      organization: r.organization,
      group: r.group,
      comments: r._count.comments,
      invitedAt: when(r.invitedAt),
      delivery: r.invitation
        ? r.invitation.status === "sent"
          ? { ok: true, text: `đã gửi ${when(r.invitation.sentAt)}` }
          : r.invitation.status === "failed"
            ? { ok: false, text: `không gửi được: ${r.invitation.lastError ?? ""}` }
            : { ok: null, text: r.invitation.attempts > 0 ? `đang thử lại: ${r.invitation.lastError ?? ""}` : "đang chờ gửi" }
        : { ok: null, text: "chưa mời" },
      firstOpenedAt: when(r.firstOpenedAt),
      standing: r.standingLabel,
      extensionUntil: r.extensionUntil ? formatDeadline(r.extensionUntil) : null,
    })),
    book: (await listContacts(db)).map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, onList: onList.has(m.email) })) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const consultationId = params.consultationId ?? "";
  const entries = await readFormEntries(request);
  const intent = entries.get("intent") ?? "";
  if (intent === "remove" || intent === "resend") return change(viewer, consultationId, entries);
  if (intent === "pick") {
    const submission = parseWithZod(entries, { schema: pickSchema });
    if (submission.status !== "success") return invalidForm(intent, submission);
    const people = await contactsPicked(getDb(), { contactIds: submission.value.contactId ?? [], groups: submission.value.group ?? [] });
    if (!people.length) return Response.json({ intent, error: "Chưa chọn ai trong danh bạ." } satisfies FormAnswer, { status: 400 });
    return add(viewer, intent, submission, { consultationId, people });
  }
  if (intent === "paste") {
    const submission = parseWithZod(entries, { schema: pasteSchema });
    if (submission.status !== "success") return invalidForm(intent, submission);
    const rows = parseRecipientRows(submission.value.rows);
    if (!rows.ok) return refuseForm(intent, submission, invalid(rows.problems), "rows");
    return add(viewer, intent, submission, { consultationId, people: rows.rows, saveToBook: submission.value.saveToBook === true });
  }
  const submission = parseWithZod(entries, { schema: addOneSchema });
  if (submission.status !== "success") return invalidForm("add-one", submission);
  const { intent: _, ...person } = submission.value;
  return add(viewer, "add-one", submission, { consultationId, people: [person] });
}

async function add(viewer: Viewer, intent: string, submission: Parameters<typeof refuseForm>[1], input: AddRecipientsInput) {
  const result = await addRecipients(getDb(), viewer, input, new Date());
  if (!result.ok) return refuseForm(intent, submission, result);
  if (result.invited) notifyOutbox();
  const added = result.added ? `Đã thêm ${result.added} người${result.invited ? ` và gửi ${result.invited} thư mời` : ""}.` : "Không có ai mới để thêm.";
  const skipped = result.alreadyThere.length ? ` Đã có trong danh sách từ trước (không thêm lại): ${result.alreadyThere.join(", ")}.` : "";
  return { intent, notice: added + skipped, reply: submission.reply({ resetForm: true }) } satisfies FormAnswer;
}

async function change(viewer: Viewer, consultationId: string, entries: URLSearchParams) {
  const submission = parseWithZod(entries, { schema: recipientActionSchema });
  if (submission.status !== "success") return Response.json({ intent: "change", error: "Yêu cầu không hợp lệ." } satisfies FormAnswer, { status: 400 });
  const { intent, recipientId } = submission.value;
  const db = getDb();
  const now = new Date();
  if (intent === "remove") {
    const result = await removeRecipient(db, viewer, { consultationId, recipientId }, now);
    if (!result.ok) return Response.json({ intent, error: result.error } satisfies FormAnswer, { status: result.status });
    return { intent, notice: `Đã gỡ ${result.name} khỏi danh sách. Các góp ý đã gửi vẫn được giữ.` } satisfies FormAnswer;
  }
  const result = await resendInvitation(db, viewer, { consultationId, recipientId }, now);
  if (!result.ok) return Response.json({ intent, error: result.error } satisfies FormAnswer, { status: result.status });
  notifyOutbox();
  return { intent, notice: `Đã gửi lại thư mời đến ${result.email} với liên kết đăng nhập mới.` } satisfies FormAnswer;
}

export default function Recipients() {
  const c = useLoaderData<typeof loader>();
  const answer = useActionData<FormAnswer>();
  const lastResult = (intent: string) => (answer?.intent === intent ? answer.reply : undefined);
  const verb = c.published ? "Thêm và gửi thư mời" : "Thêm vào danh sách";
  return (
    <>
      <h1>{c.title}</h1>
      <ConsultationNav id={c.id} title={c.title} />
      <FormMessages error={answer?.error} notice={answer?.notice} />
      <p>
        {c.closed
          ? "Đợt lấy ý kiến đã hết hạn: không thêm được người nhận."
          : c.published
            ? "Đợt đang diễn ra: người được thêm nhận thư mời ngay. Gỡ một người thì các góp ý của họ vẫn được giữ, họ không góp ý được nữa."
            : "Đợt chưa công bố: thư mời được gửi cho mọi người khi công bố."}{" "}
        Hạn góp ý: {c.deadline}.
      </p>
      <h2>Người được lấy ý kiến ({c.recipients.length})</h2>
      <RecipientTable recipients={c.recipients} published={c.published} closed={c.closed} />
      {c.closed ? null : (
        <>
          <h2>Chọn từ danh bạ</h2>
          <PickFromBook groups={c.book} submit={verb} />
          <h2>Dán danh sách từ Excel</h2>
          <PasteRowsForm id="paste" intent="paste" schema={pasteSchema} lastResult={lastResult("paste")} submit={verb} saveToBook />
          <h2>Thêm một người</h2>
          <PersonForm id="add-one" intent="add-one" lastResult={lastResult("add-one")} submit={verb} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="danh sách người nhận" />;
}
