import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CommentList } from "~/components/comment-list";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { consultationPath } from "~/domain/consultation";
import { calendarDateString, endOfVnDay, formatDeadline, formatVnDateTime, parseCalendarDate, toCalendarDate } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import { commentsForViewer } from "~/models/comment.server";
import { getVersionForReading } from "~/models/document.server";
import { decideExtension, pendingExtensions } from "~/models/extension.server";
import { listRecipientsForOffice } from "~/models/recipient.server";
import { commentGroups } from "~/models/response-view.server";
import { notifyOutbox } from "~/server/scheduler.server";
import { getDb } from "~/utils/db.server";
import { readForm, requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Đợt lấy ý kiến"} — Văn phòng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const page = requirePage(request);
  const db = getDb();
  const now = new Date();
  const c = await listRecipientsForOffice(db, params.consultationId ?? "", now);
  if (!c) throw new Response("Không tìm thấy", { status: 404 });
  const [requests, comments, version] = await Promise.all([
    pendingExtensions(db, c.id),
    // The Office sees every comment whatever the setting.
    commentsForViewer(db, c.id, "own", viewer, page),
    getVersionForReading(db, c.documentVersionId),
  ]);
  return {
    extensionRequests: requests.map((r) => ({
      id: r.id,
      who: `${r.recipient.user.name}, ${r.recipient.title}`,
      until: formatDeadline(r.requestedUntil),
      untilDate: calendarDateString(toCalendarDate(r.requestedUntil)),
      reason: r.reason,
      at: formatVnDateTime(r.createdAt),
    })),
    commentGroups: commentGroups(comments.items, version?.sections ?? []),
    commentPages: { page: comments.page, pages: comments.pages, total: comments.total },
    id: c.id,
    title: c.title,
    deadline: formatDeadline(c.deadlineAt),
    published: Boolean(c.publishedAt),
    // The list itself, with its delivery states, is on the recipients page (…/nguoi-nhan).
    recipientCount: c.recipients.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const form = await readForm(request);
  if (form.intent === "decide-extension") return decide(viewer, params.consultationId ?? "", form);
  // Recipients are added on their own page now (…/nguoi-nhan).
  return Response.json({ error: "Yêu cầu không hợp lệ." }, { status: 400 });
}

async function decide(viewer: Viewer, consultationId: string, form: Record<string, string>) {
  const grant = form.decision === "grant";
  const date = parseCalendarDate(String(form.until ?? ""));
  if (grant && !date) return Response.json({ error: "Vui lòng chọn ngày gia hạn." }, { status: 400 });
  const outcome = await decideExtension(
    getDb(),
    viewer,
    {
      consultationId,
      requestId: String(form.requestId ?? ""),
      grant,
      until: date ? endOfVnDay(date.year, date.month, date.day) : null,
      note: String(form.note ?? ""),
    },
    new Date(),
  );
  if (!outcome.ok) return Response.json({ error: outcome.error }, { status: outcome.status });
  notifyOutbox();
  return { notice: grant ? "Đã đồng ý gia hạn và báo cho người đề nghị." : "Đã từ chối gia hạn và báo cho người đề nghị." };
}

export default function OfficeConsultation() {
  const c = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string; notice?: string }>();
  return (
    <>
      <h1>{c.title}</h1>
      <ConsultationNav id={c.id} title={c.title} />
      <FormMessages error={result?.error} notice={result?.notice} />
      <p>
        Hạn góp ý: {c.deadline}. <a href={consultationPath(c.id)}>Xem trang dự thảo</a> ·{" "}
        <a href={`/office/lay-y-kien/${c.id}/xu-ly`}>Tiếp thu, giải trình ý kiến góp ý</a> ·{" "}
        <a href={`/office/lay-y-kien/${c.id}/bao-cao`}>Bảng tổng hợp ý kiến</a>
      </p>
      <p>
        <a href={`/office/lay-y-kien/${c.id}/nguoi-nhan`}>{c.recipientCount} người nhận</a>
      </p>
      <p>
        Lịch nhắc, hạn góp ý và các quy tắc: <a href={`/office/lay-y-kien/${c.id}/thoi-han`}>Thời hạn và quy tắc</a>.
      </p>
      <h2>Đề nghị gia hạn đang chờ ({c.extensionRequests.length})</h2>
      {c.extensionRequests.length === 0 ? <p className="muted">Không có đề nghị nào đang chờ.</p> : null}
      {c.extensionRequests.map((r) => (
        <div key={r.id} className="comment">
          <p className="comment-meta">
            {r.who} · gửi lúc {r.at}
          </p>
          <p>
            Đề nghị gia hạn đến {r.until}. Lý do: {r.reason}
          </p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="decide-extension" />
            <input type="hidden" name="requestId" value={r.id} />
            <label htmlFor={`until-${r.id}`}>Gia hạn đến hết ngày</label>
            <input id={`until-${r.id}`} name="until" type="date" defaultValue={r.untilDate} />
            <label htmlFor={`note-${r.id}`}>Ghi chú gửi người đề nghị (không bắt buộc)</label>
            <input id={`note-${r.id}`} name="note" />
            <div>
              <button type="submit" name="decision" value="grant">
                Đồng ý gia hạn
              </button>{" "}
              <button type="submit" name="decision" value="refuse" className="secondary">
                Không đồng ý
              </button>
            </div>
          </Form>
        </div>
      ))}
      <CommentList groups={c.commentGroups} canEdit={false} heading="Các góp ý" pages={c.commentPages} draftPath={`/lay-y-kien/${c.id}`} />
    </>
  );
}
