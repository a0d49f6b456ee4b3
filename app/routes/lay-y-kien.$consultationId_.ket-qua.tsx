// The published result: the consolidated report (Bảng tổng hợp ý kiến, tiếp thu, giải trình) for
// whoever may read the consultation, after the Office published it. Anyone else, and everyone
// before publication, gets 404; the Office sees it beforehand as a preview.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { DecreeHeader, ReportPager, ReportSummaryBlock, ReportTable, ReportTitle } from "~/components/report-view";
import { consultationPath } from "~/domain/consultation";
import { resultPath } from "~/domain/result-publication";
import { publishedResultView, ROWS_PER_PAGE } from "~/models/result-view.server";
import reportStyles from "~/styles/report.css";
import { getDb } from "~/utils/db.server";
import { requirePage } from "~/utils/request.server";
import { getViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kết quả lấy ý kiến — ${data.header.consultationTitle}` : "Không tìm thấy — Góp ý dự thảo văn bản" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const viewer = await getViewer(request, now);
  const view = await publishedResultView(getDb(), params.consultationId ?? "", viewer, requirePage(request), now);
  // Not published, not visible and not existing look the same.
  if (!view) throw new Response("Không tìm thấy", { status: 404 });
  return view;
}

export default function ResultPage() {
  const { header, summary, rows, page, pages, preview, publishedWords } = useLoaderData<typeof loader>();
  const here = resultPath(header.consultationId);
  return (
    <div className="report-page">
      <nav className="no-print report-nav" aria-label="Điều hướng kết quả">
        <a href={consultationPath(header.consultationId)}>← Trang dự thảo</a> · <a href="/">Danh sách dự thảo</a>
      </nav>
      {preview ? (
        <p className="report__notice no-print" role="note">
          Bản xem trước dành cho Văn phòng: kết quả chưa được công bố, người khác chưa xem được trang này.
        </p>
      ) : (
        <p className="result-published no-print">Văn phòng công bố kết quả lúc {publishedWords}.</p>
      )}
      <article className="report" aria-labelledby="tieu-de-bao-cao">
        <DecreeHeader header={header} />
        <ReportTitle interim={header.interim} />
        <p className="report__subject">Về dự thảo: {header.subject}</p>
        <ReportSummaryBlock summary={summary} deadlineWords={header.deadlineWords} />
        <ReportTable rows={rows} />
        <ReportPager path={here} page={page} pages={pages} perPage={ROWS_PER_PAGE} />
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="page">
      <h1>{notFound ? "Không tìm thấy kết quả lấy ý kiến" : "Chưa mở được kết quả lấy ý kiến"}</h1>
      <p>
        {notFound
          ? "Kết quả của đợt lấy ý kiến này chưa được công bố, hoặc đường dẫn không đúng."
          : "Hệ thống gặp sự cố khi lập bảng tổng hợp. Vui lòng thử lại sau ít phút."}
      </p>
      <p>
        <a href="/">← Danh sách dự thảo</a>
      </p>
    </div>
  );
}
