import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CommentList } from "~/components/comment-list";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { TableWrap } from "~/components/table-wrap";
import { consultationPath } from "~/domain/consultation";
import { calendarDateString, endOfVnDay, formatDeadline, formatVnDateTime, parseCalendarDate, toCalendarDate } from "~/domain/time";
import { z } from "~/domain/validation";
import type { Viewer } from "~/domain/viewer";
import { commentsForViewer } from "~/models/comment.server";
import { getVersionForReading } from "~/models/document.server";
import { decideExtension, pendingExtensions } from "~/models/extension.server";
import { addRecipient, listRecipientsForOffice } from "~/models/recipient.server";
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
  const when = (d: Date | null) => (d ? formatVnDateTime(d) : null);
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
    recipients: c.recipients.map((r) => ({
      id: r.id,
      name: r.user.name,
      email: r.user.email,
      title: r.title,
      organization: r.organization,
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
  };
}

const recipientSchema = z.object({
  name: z.string().trim().min(1, "Vui lòng nhập họ tên.").max(200),
  title: z.string().trim().min(1, "Vui lòng nhập chức vụ.").max(300),
  organization: z.string().trim().min(1, "Vui lòng nhập cơ quan, đơn vị.").max(300),
  email: z.string().trim().pipe(z.email("Địa chỉ email không hợp lệ.")),
  group: z.string().trim().max(200).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const form = await readForm(request);
  if (form.intent === "decide-extension") return decide(viewer, params.consultationId ?? "", form);
  const parsed = recipientSchema.safeParse(form);
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
  const result = await addRecipient(
    getDb(),
    params.consultationId ?? "",
    { ...parsed.data, group: parsed.data.group || null },
    { now: new Date(), actorId: viewer.userId },
  );
  if (!result.ok) return Response.json({ error: result.error }, { status: 400 });
  notifyOutbox();
  return { notice: result.invited ? "Đã thêm người nhận và gửi thư mời." : "Đã thêm người nhận." };
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
      <h2>Người được lấy ý kiến ({c.recipients.length})</h2>
      <TableWrap label="Người được lấy ý kiến">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Người nhận</th>
              <th scope="col">Cơ quan</th>
              <th scope="col">Mời lúc</th>
              <th scope="col">Thư mời</th>
              <th scope="col">Mở lần đầu</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {c.recipients.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  <br />
                  <span className="muted">
                    {r.title} · {r.email}
                  </span>
                </td>
                <td>{r.organization}</td>
                <td>{r.invitedAt ?? <span className="muted">chưa mời</span>}</td>
                <td className={r.delivery.ok === false ? "tag-failed" : r.delivery.ok ? "tag-sent" : undefined}>{r.delivery.text}</td>
                <td>{r.firstOpenedAt ?? <span className="muted">chưa mở</span>}</td>
                <td>
                  {r.standing}
                  {r.extensionUntil ? <span className="muted"> (gia hạn đến {r.extensionUntil})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
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
      <CommentList groups={c.commentGroups} canEdit={false} heading="Các góp ý" pages={c.commentPages} />
      <h2>Thêm người nhận</h2>
      <Form method="post" className="stack">
        <label htmlFor="r-name">Họ tên</label>
        <input id="r-name" name="name" required />
        <label htmlFor="r-title">Chức vụ</label>
        <input id="r-title" name="title" required />
        <label htmlFor="r-org">Cơ quan, đơn vị</label>
        <input id="r-org" name="organization" required />
        <label htmlFor="r-email">Email</label>
        <input id="r-email" name="email" type="email" required />
        <label htmlFor="r-group">Nhóm (không bắt buộc)</label>
        <input id="r-group" name="group" />
        <button type="submit">{c.published ? "Thêm và gửi thư mời" : "Thêm người nhận"}</button>
      </Form>
    </>
  );
}
