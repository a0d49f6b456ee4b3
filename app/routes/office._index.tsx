import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { PHASE_LABELS } from "~/domain/consultation";
import { formatDeadline } from "~/domain/time";
import { listConsultations } from "~/models/consultation.server";
import { outboxProblems } from "~/models/outbox.server";
import { getDb } from "~/utils/db.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Văn phòng — Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireOffice(request);
  const now = new Date();
  const db = getDb();
  const [consultations, problems] = await Promise.all([listConsultations(db, viewer, now), outboxProblems(db)]);
  return {
    consultations: consultations.map((c) => ({ id: c.id, title: c.title, deadline: formatDeadline(c.deadlineAt), phase: PHASE_LABELS[c.phase] })),
    problems: problems.map((p) => ({ ...p, nextAttemptAt: p.nextAttemptAt.toISOString() })),
  };
}

export default function OfficeIndex() {
  const { consultations, problems } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Các đợt lấy ý kiến</h1>
      <p>
        <a href="/office/lay-y-kien/moi">Tạo đợt lấy ý kiến từ một dự thảo đã nhập</a>
      </p>
      <ul className="consultation-list">
        {consultations.map((c) => (
          <li key={c.id} className="consultation-card">
            <h2>
              <a href={`/office/lay-y-kien/${c.id}`}>{c.title}</a>
            </h2>
            <p>
              Hạn góp ý: {c.deadline} — {c.phase}
            </p>
          </li>
        ))}
      </ul>
      <h2>Thư chưa gửi được</h2>
      {problems.length === 0 ? (
        <p className="muted">Không có thư nào bị lỗi.</p>
      ) : (
        <TableWrap label="Thư chưa gửi được">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Người nhận</th>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.id}>
                  <td>{p.toEmail}</td>
                  <td>{p.subject}</td>
                  <td className={p.status === "failed" ? "tag-failed" : undefined}>
                    {p.status === "failed" ? "không gửi được" : `đang thử lại (lần ${p.attempts})`}
                  </td>
                  <td>{p.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
