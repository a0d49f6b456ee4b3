// The consolidated report as a page: what the Office hands to the Chairman with the revised draft,
// laid out as Decree 30/2020 asks (header block, title, summary, then the table in the order of the
// draft). Printable on A4; the full document for filing is the DOCX export linked at the top.
import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { ExportLinks } from "~/components/export-links";
import { REFUSAL_TITLE, refusalReason } from "~/components/refusal";
import { DecreeHeader, ReportPager, ReportSummaryBlock, ReportTable, ReportTitle } from "~/components/report-view";
import { ResultPublication, type ResultPublicationView } from "~/components/result-publication-form";
import { consultationPath } from "~/domain/consultation";
import { publishResultSchema } from "~/domain/forms/result-publication";
import { clampPage } from "~/domain/paging";
import { INTERIM_NOTICE } from "~/domain/report";
import { resultPath } from "~/domain/result-publication";
import { formatVnDateTime } from "~/domain/time";
import { reportData } from "~/models/report.server";
import { publishResult, resultFacts } from "~/models/result-publication.server";
import { ROWS_PER_PAGE, rowsOfPage } from "~/models/result-view.server";
import { notifyOutbox } from "~/server/scheduler.server";
import reportStyles from "~/styles/report.css";
import { getDb } from "~/utils/db.server";
import { replyFailure, replyInvalid } from "~/utils/form-reply.server";
import { parseForm, requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bảng tổng hợp ý kiến — ${data?.header.consultationTitle ?? "Đợt lấy ý kiến"} — Văn phòng` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const asked = requirePage(request);
  const data = await reportData(getDb(), params.consultationId ?? "", new Date());
  if (!data) throw new Response("Không tìm thấy", { status: 404 });
  const pages = Math.max(1, Math.ceil(data.summary.comments / ROWS_PER_PAGE));
  const page = clampPage(asked, pages);
  const rows = await rowsOfPage(data.rows, page);
  const now = new Date(data.header.generatedAt);
  const result = await resultPublicationView(data.header.consultationId, new URL(request.url), now);
  return { header: data.header, summary: data.summary, rows, page, pages, base: `/office/lay-y-kien/${data.header.consultationId}`, result };
}

async function resultPublicationView(consultationId: string, url: URL, now: Date): Promise<ResultPublicationView> {
  const f = (await resultFacts(getDb(), consultationId, now))!;
  return {
    consultationId,
    resultPath: resultPath(consultationId),
    publishedWords: f.resultPublishedAt ? formatVnDateTime(f.resultPublishedAt) : null,
    publishedBy: f.resultPublishedBy,
    problem: f.problem,
    commenters: f.commenters,
    comments: f.comments,
    undecided: f.undecided,
    publicCanRead: f.publicCanRead,
    confirm: url.searchParams.has("congBoKetQua"),
    done: url.searchParams.get("daCongBoKetQua"),
  };
}

/** "Công bố kết quả": the report page's one action. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const submission = await parseForm(request, publishResultSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const id = params.consultationId ?? "";
  const outcome = await publishResult(getDb(), viewer, { consultationId: id, undecidedAcknowledged: submission.value.undecidedAcknowledged }, new Date());
  if (!outcome.ok) return replyFailure(submission, outcome);
  if (outcome.emailed) notifyOutbox();
  return redirect(`/office/lay-y-kien/${id}/bao-cao?daCongBoKetQua=${outcome.alreadyPublished ? "truoc" : outcome.emailed}#cong-bo-ket-qua`, 303);
}

export default function ReportPage() {
  const { header, summary, rows, page, pages, base, result } = useLoaderData<typeof loader>();
  const reply = useActionData<SubmissionResult<string[]>>();
  return (
    <div className="report-page">
      <nav className="no-print report-nav" aria-label="Điều hướng báo cáo">
        <a href={base}>← Đợt lấy ý kiến</a> · <a href={`${base}/xu-ly`}>Xử lý ý kiến</a> · <a href={consultationPath(header.consultationId)}>Trang dự thảo</a>
        <ExportLinks base={`${base}/bao-cao`} />
      </nav>
      <article className="report" aria-labelledby="tieu-de-bao-cao">
        <DecreeHeader header={header} />
        <ReportTitle interim={header.interim} />
        <ConsultationNav id={header.consultationId} title={header.consultationTitle} />
        <ResultPublication v={result} lastResult={reply} />
        <p className="report__subject">Về dự thảo: {header.subject}</p>
        {header.interim ? (
          <p className="report__notice" role="note">
            {INTERIM_NOTICE}
          </p>
        ) : null}
        <ReportSummaryBlock summary={summary} deadlineWords={header.deadlineWords} />
        <ReportTable rows={rows} />
        <ReportPager path={`${base}/bao-cao`} page={page} pages={pages} perPage={ROWS_PER_PAGE} note="tệp DOCX có đủ các trang" />
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const refusal = refusalReason(error);
  if (refusal) return <RefusedReport reason={refusal} />;
  return (
    <div className="page">
      <h1>{status === 404 ? "Không tìm thấy đợt lấy ý kiến" : status === 403 ? "Không có quyền xem bảng tổng hợp" : "Không lập được bảng tổng hợp"}</h1>
      <p>
        {status === 404
          ? "Đường dẫn có thể đã sai hoặc đợt lấy ý kiến không còn."
          : status === 403
            ? "Bảng tổng hợp ý kiến chỉ dành cho Văn phòng."
            : "Đã có lỗi khi lập bảng tổng hợp. Vui lòng thử lại sau ít phút."}
      </p>
      <p>
        <a href="/office">← Trang Văn phòng</a>
      </p>
    </div>
  );
}

function RefusedReport({ reason }: { reason: string }) {
  return (
    <div className="page">
      <h1>{REFUSAL_TITLE}</h1>
      <p>{reason}</p>
      <p>
        <a href="/office">← Trang Văn phòng</a>
      </p>
    </div>
  );
}
