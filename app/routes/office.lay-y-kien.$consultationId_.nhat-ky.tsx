// Who did what, when, in one consultation: every audit entry, newest first, as a sentence.

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { OfficeError } from "~/components/office-error";
import { auditSentence } from "~/domain/audit-text";
import { formatVnDateTime, toVnIsoString } from "~/domain/time";
import { auditLog } from "~/models/audit-log.server";
import { getDb } from "~/utils/db.server";
import { requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Nhật ký — ${data?.title ?? "Đợt lấy ý kiến"} — Văn phòng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const log = await auditLog(getDb(), params.consultationId ?? "", requirePage(request));
  if (!log) throw new Response("Không tìm thấy", { status: 404 });
  return {
    id: log.consultation.id,
    title: log.consultation.title,
    total: log.total,
    page: log.page,
    pages: log.pages,
    entries: log.entries.map((e) => ({ id: e.id, at: formatVnDateTime(e.at), iso: toVnIsoString(e.at), sentence: auditSentence(e) })),
  };
}

export default function AuditLogPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Nhật ký đợt lấy ý kiến</h1>
      <ConsultationNav id={d.id} title={d.title} />
      <p>
        {d.title}. Mọi thao tác trên đợt lấy ý kiến này, mới nhất trước ({d.total.toLocaleString("vi-VN")} mục; giờ Việt Nam).
      </p>
      {d.total === 0 ? <p className="muted">Chưa có thao tác nào được ghi lại.</p> : null}
      <ol className="audit-log" aria-label="Các mục nhật ký">
        {d.entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.iso}>{e.at}</time> <span>{e.sentence}</span>
          </li>
        ))}
      </ol>
      {d.pages > 1 ? (
        <nav className="pager" aria-label="Các trang nhật ký">
          {d.page > 1 ? <a href={`?trang=${d.page - 1}`}>← Trang trước</a> : null}
          <span>
            Trang {d.page}/{d.pages}
          </span>
          {d.page < d.pages ? <a href={`?trang=${d.page + 1}`}>Trang sau →</a> : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="nhật ký" notFound={["Không tìm thấy đợt lấy ý kiến", "Đợt lấy ý kiến này không tồn tại hoặc đã bị xóa."]} />;
}
