import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PHASE_LABELS } from "~/domain/consultation";
import { formatDeadline } from "~/domain/time";
import { listConsultations } from "~/models/consultation.server";
import { getDb } from "~/utils/db.server";
import { getViewer } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const viewer = await getViewer(request, now);
  const consultations = await listConsultations(getDb(), viewer, now);
  return {
    // Officials come back here from an old email: their own list is one click away.
    official: viewer !== null && viewer.role !== "office",
    consultations: consultations.map((c) => ({
      id: c.id,
      title: c.title,
      issuingBody: c.parentBody ? `${c.issuingBody} — ${c.parentBody}` : c.issuingBody,
      deadlineWords: formatDeadline(c.deadlineAt),
      phase: c.phase,
      phaseLabel: PHASE_LABELS[c.phase],
      sectionCount: c.sectionCount,
      path: c.path,
      resultPath: c.resultPath,
    })),
  };
}

export default function Index() {
  const { consultations, official } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Góp ý dự thảo văn bản</h1>
      {official ? (
        <p>
          <a href="/cua-toi">Đợt lấy ý kiến của tôi</a>: các đợt đồng chí được mời góp ý, hạn và tình trạng trả lời.
        </p>
      ) : null}
      {consultations.length === 0 ? (
        <p className="empty">Hiện chưa có dự thảo nào được đăng tải để lấy ý kiến.</p>
      ) : (
        <ul className="consultation-list">
          {consultations.map((c) => (
            <li key={c.id} className="consultation-card">
              <h2>
                <a href={c.path}>{c.title}</a>
              </h2>
              <dl>
                <dt>Cơ quan lấy ý kiến</dt>
                <dd>{c.issuingBody}</dd>
                <dt>Hạn góp ý</dt>
                <dd>{c.deadlineWords}</dd>
                <dt>Trạng thái</dt>
                <dd>
                  <span className={`status status--${c.phase}`}>{c.phaseLabel}</span>
                </dd>
                <dt>Số phần, mục</dt>
                <dd>{c.sectionCount}</dd>
              </dl>
              {c.resultPath ? (
                <p>
                  <a href={c.resultPath}>Kết quả lấy ý kiến: bảng tổng hợp ý kiến, tiếp thu, giải trình</a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
