import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DraftReader } from "~/components/draft-reader";
import { draftHtml } from "~/components/draft-html.server";
import { RequestLetter } from "~/components/request-letter";
import { PHASE_LABELS, SILENCE_NOTICE } from "~/domain/consultation";
import { getConsultationPage } from "~/models/consultation.server";
import { markOpened } from "~/models/recipient.server";
import { getDb } from "~/utils/db.server";
import { getViewer } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Góp ý dự thảo văn bản` : "Không tìm thấy — Góp ý dự thảo văn bản" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const viewer = await getViewer(request, now);
  const page = await getConsultationPage(getDb(), params.consultationId ?? "", viewer, now);
  // Not visible and not existing look the same, so ids of unpublished drafts do not leak.
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  if (viewer) await markOpened(getDb(), page.id, viewer.userId, now);
  const { version, ...rest } = page;
  return { ...rest, sectionCount: version.sections.length, draftHtml: draftHtml(version) };
}

export default function ConsultationPage() {
  const c = useLoaderData<typeof loader>();
  const closed = c.phase === "closed";
  return (
    <div className="page">
      <p className="no-print">
        <a href="/">← Danh sách dự thảo</a>
      </p>
      <h1>{c.title}</h1>
      {c.isDemo ? <p className="demo-badge">Dữ liệu minh họa: người nhận và địa chỉ email là hư cấu.</p> : null}
      <section className={`deadline-box${closed ? " deadline-box--closed" : ""}`} aria-labelledby="han-gop-y">
        <h2 id="han-gop-y" className="matter-label">
          Thời hạn
        </h2>
        <p>
          <strong>Hạn góp ý: {c.deadlineWords}</strong>
        </p>
        <p>
          Trạng thái: <span className={`status status--${c.phase}`}>{PHASE_LABELS[c.phase]}</span>
          {c.timeLeft && c.phase === "open" ? <> — {c.timeLeft}</> : null}
        </p>
        {c.silenceIsConsent ? <p className="silence-notice">{SILENCE_NOTICE}</p> : null}
      </section>
      <RequestLetter letter={c.letter} />
      <DraftReader html={c.draftHtml} />
    </div>
  );
}
