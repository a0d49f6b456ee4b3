// The consolidated report as a page: what the Office hands to the Chairman with the revised draft,
// laid out as Decree 30/2020 asks (header block, title, summary, then the table in the order of the
// draft). Printable on A4; the full document for filing is the DOCX export linked at the top.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { ExportLinks } from "~/components/export-links";
import { REFUSAL_TITLE, refusalReason } from "~/components/refusal";
import { consultationPath } from "~/domain/consultation";
import { clampPage } from "~/domain/paging";
import { INTERIM_NOTICE, REPORT_TITLE, type ReportPerson, type ReportRow, reviewSummary, rowDecision } from "~/domain/report";
import { reportData } from "~/models/report.server";
import reportStyles from "~/styles/report.css";
import { getDb } from "~/utils/db.server";
import { requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bảng tổng hợp ý kiến — ${data?.header.consultationTitle ?? "Đợt lấy ý kiến"} — Văn phòng` },
];

/** Rows on one page of the HTML report; the DOCX, CSV and JSON exports always hold every row. */
const ROWS_PER_PAGE = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const asked = requirePage(request);
  const data = await reportData(getDb(), params.consultationId ?? "", new Date());
  if (!data) throw new Response("Không tìm thấy", { status: 404 });
  const pages = Math.max(1, Math.ceil(data.summary.comments / ROWS_PER_PAGE));
  const page = clampPage(asked, pages);
  const rows: ReportRow[] = [];
  const first = (page - 1) * ROWS_PER_PAGE + 1;
  for await (const batch of data.rows) {
    for (const row of batch) if (row.number >= first && row.number < first + ROWS_PER_PAGE) rows.push(row);
    if (batch.length && batch[batch.length - 1]!.number >= first + ROWS_PER_PAGE - 1) break;
  }
  return { header: data.header, summary: data.summary, rows, page, pages, base: `/office/lay-y-kien/${data.header.consultationId}` };
}

export default function ReportPage() {
  const { header, summary, rows, page, pages, base } = useLoaderData<typeof loader>();
  return (
    <div className="report-page">
      <nav className="no-print report-nav" aria-label="Điều hướng báo cáo">
        <a href={base}>← Đợt lấy ý kiến</a> · <a href={`${base}/xu-ly`}>Xử lý ý kiến</a> · <a href={consultationPath(header.consultationId)}>Trang dự thảo</a>
        <ExportLinks base={`${base}/bao-cao`} />
      </nav>
      <article className="report" aria-labelledby="tieu-de-bao-cao">
        <header className="decree-header">
          <div className="decree-header__body">
            {header.parentBody ? <p className="decree-header__parent">{header.parentBody.toLocaleUpperCase("vi")}</p> : null}
            <p className="decree-header__issuer">{header.issuingBody.toLocaleUpperCase("vi")}</p>
            <p>{header.numberLine}</p>
          </div>
          <div className="decree-header__nation">
            <p className="decree-header__country">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p className="decree-header__motto">Độc lập - Tự do - Hạnh phúc</p>
            <p className="decree-header__date">{header.placeAndDate}</p>
          </div>
        </header>
        <h1 id="tieu-de-bao-cao" className="report__title">
          {REPORT_TITLE}
          {header.interim ? <span className="report__interim"> (TẠM THỜI)</span> : null}
        </h1>
        <ConsultationNav id={header.consultationId} title={header.consultationTitle} />
        <p className="report__subject">Về dự thảo: {header.subject}</p>
        {header.interim ? (
          <p className="report__notice" role="note">
            {INTERIM_NOTICE}
          </p>
        ) : null}
        <Summary summary={summary} deadlineWords={header.deadlineWords} />
        <ReportTable rows={rows} />
        {pages > 1 ? (
          <nav className="pager no-print" aria-label="Các trang của bảng tổng hợp">
            <p>
              Trang {page}/{pages} ({ROWS_PER_PAGE.toLocaleString("vi-VN")} ý kiến mỗi trang; tệp DOCX có đủ các trang).
            </p>
            <ul>
              {page > 1 ? (
                <li>
                  <a href={`${base}/bao-cao?trang=${page - 1}`}>← Trang trước</a>
                </li>
              ) : null}
              {page < pages ? (
                <li>
                  <a href={`${base}/bao-cao?trang=${page + 1}`}>Trang sau →</a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </article>
    </div>
  );
}

const n = (count: number) => count.toLocaleString("vi-VN");

function People({ people }: { people: ReportPerson[] }) {
  if (!people.length) return null;
  return (
    <ul className="report__people">
      {people.map((p, i) => (
        <li key={i}>
          {p.name}, {p.title}
          {p.organization && !p.title.includes(p.organization) ? ` (${p.organization})` : ""}
        </li>
      ))}
    </ul>
  );
}

type Summary = ReturnType<typeof useLoaderData<typeof loader>>["summary"];

function Summary({ summary: s, deadlineWords }: { summary: Summary; deadlineWords: string }) {
  return (
    <section className="report__summary" aria-labelledby="tom-tat">
      <h2 id="tom-tat">Tổng hợp chung</h2>
      <p>Hạn góp ý: {deadlineWords}.</p>
      <ol>
        <li>Số cơ quan, người được lấy ý kiến: {n(s.asked)}.</li>
        <li>
          Số có ý kiến góp ý: {n(s.commented)}, với {n(s.comments)} ý kiến{s.lateComments ? `, trong đó ${n(s.lateComments)} ý kiến gửi quá hạn` : ""}.
          <People people={s.people.commented} />
        </li>
        <li>
          Số thống nhất hoàn toàn với dự thảo (có văn bản trả lời): {n(s.agreed)}.
          <People people={s.people.agreed} />
        </li>
        {s.silenceIsConsent ? (
          <li>
            Các đơn vị không có ý kiến phản hồi được xem như thống nhất với dự thảo: {n(s.deemedAgree)}.
            <People people={s.people.deemed_agree} />
          </li>
        ) : (
          <li>
            Không có ý kiến phản hồi: {n(s.noReply)}.
            <People people={s.people.no_reply} />
          </li>
        )}
        {s.awaiting ? (
          <li>
            Chưa phản hồi, còn trong thời hạn: {n(s.awaiting)}.
            <People people={s.people.awaiting} />
          </li>
        ) : null}
        {s.extensions.length ? (
          <li>
            Được gia hạn: {n(s.extensions.length)}.
            <ul className="report__people">
              {s.extensions.map((e, i) => (
                <li key={i}>
                  {e.name}, {e.title}: đến {e.untilWords}
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        <li>
          Đã xử lý (tiếp thu, giải trình): {n(s.decided)}/{n(s.comments)} ý kiến.{reviewSummary(s)}
        </li>
      </ol>
    </section>
  );
}

function ReportTable({ rows }: { rows: ReportRow[] }) {
  return (
    <table className="report__table">
      <caption>Ý kiến góp ý và việc tiếp thu, giải trình, theo thứ tự của dự thảo</caption>
      <colgroup>
        <col className="col-number" />
        <col className="col-section" />
        <col className="col-author" />
        <col className="col-comment" />
        <col className="col-decision" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">STT</th>
          <th scope="col">Phần, mục</th>
          <th scope="col">Cơ quan, người góp ý</th>
          <th scope="col">Nội dung góp ý</th>
          <th scope="col">Ý kiến tiếp thu, giải trình</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5}>Chưa có ý kiến góp ý.</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.commentId} id={`y-kien-${r.commentId}`}>
              <td className="num">{r.number}</td>
              <td>{r.section}</td>
              <td>
                {r.organization || r.authorName}
                {r.organization ? (
                  <>
                    <br />
                    <span className="report__author">
                      ({r.authorName}
                      {r.authorTitle ? `, ${r.authorTitle}` : ""})
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                {r.quote ? <p className="report__quote">“{r.quote}”</p> : null}
                {r.text.split(/\n\s*\n/).map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
                {r.isLate ? <p className="report__late">(Ý kiến gửi quá hạn)</p> : null}
              </td>
              <td>
                <DecisionCell row={r} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function DecisionCell({ row }: { row: ReportRow }) {
  const decision = rowDecision(row);
  if (!decision) return <p className="report__undecided">Chưa xử lý</p>;
  return (
    <>
      <p className={row.dispositionNeedsReview ? "report__undecided" : undefined}>
        <strong>{decision.label}</strong>
      </p>
      {decision.explanation
        .split(/\n\s*\n/)
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
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
