import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { type ConsultationCard, ConsultationCards } from "~/components/consultation-cards";
import { TableWrap } from "~/components/table-wrap";
import { PHASE_LABELS } from "~/domain/consultation";
import { formatDeadline, formatTimeLeft } from "~/domain/time";
import { outboxProblems } from "~/models/outbox.server";
import { type ConsultationProgress, listConsultationProgress } from "~/models/overview.server";
import { getDb } from "~/utils/db.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Văn phòng — Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  const now = new Date();
  const db = getDb();
  const [consultations, problems] = await Promise.all([listConsultationProgress(db, now), outboxProblems(db)]);
  return {
    consultations: consultations.map((c) => toCard(c, now)),
    problems: problems.map((p) => ({ ...p, nextAttemptAt: p.nextAttemptAt.toISOString() })),
  };
}

function toCard(c: ConsultationProgress, now: Date): ConsultationCard {
  const { deadlineAt, phase, ...counts } = c;
  // Once closed, the state says it ("đã hết hạn góp ý"); before, the time left counts down to the deadline.
  const timeLeft = phase === "closed" ? "" : (formatTimeLeft(now, deadlineAt) ?? "");
  return { ...counts, phaseKey: phase, phase: PHASE_LABELS[phase], deadline: formatDeadline(deadlineAt), timeLeft };
}

export default function OfficeIndex() {
  const { consultations, problems } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Các đợt lấy ý kiến</h1>
      <p>
        <a className="primary-link" href="/office/tao-moi">
          Tạo đợt lấy ý kiến
        </a>{" "}
        hoặc <a href="/office/lay-y-kien/moi">tạo từ một dự thảo đã nhập</a>
      </p>
      <ConsultationCards consultations={consultations} />
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
