// The consolidated report's parts, shared by the Office's report page (/bao-cao) and the published
// result (/lay-y-kien/:id/ket-qua): the Decree 30/2020 header block, the summary of who answered how,
// and the table in the order of the draft. What the public may not see is taken out of the data by
// the loader (app/domain/public-report.ts), not hidden here.
import { REPORT_TITLE, type ReportHeader, type ReportPerson, type ReportRow, type ReportSummary, reviewSummary, rowDecision } from "~/domain/report";

export function DecreeHeader({ header }: { header: ReportHeader }) {
  return (
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
  );
}

export function ReportTitle({ interim }: { interim: boolean }) {
  return (
    <h1 id="tieu-de-bao-cao" className="report__title">
      {REPORT_TITLE}
      {interim ? <span className="report__interim"> (TẠM THỜI)</span> : null}
    </h1>
  );
}

/** "Nguyễn Văn A, Giám đốc Sở Y tế", with the organisation when the title does not name it; the organisation alone when the name was taken out. */
function personLine(p: ReportPerson): string {
  if (!p.name) return p.organization;
  return `${p.name}, ${p.title}${p.organization && !p.title.includes(p.organization) ? ` (${p.organization})` : ""}`;
}

const n = (count: number) => count.toLocaleString("vi-VN");

function People({ people }: { people: ReportPerson[] }) {
  if (!people.length) return null;
  return (
    <ul className="report__people">
      {people.map((p, i) => (
        <li key={i}>{personLine(p)}</li>
      ))}
    </ul>
  );
}

export function ReportSummaryBlock({ summary: s, deadlineWords }: { summary: ReportSummary; deadlineWords: string }) {
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

export function ReportTable({ rows }: { rows: ReportRow[] }) {
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
                {r.organization && r.authorName ? (
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

/** The report's pages on screen (the DOCX and CSV hold them all); `note` adds to the page count's line. */
export function ReportPager({ path, page, pages, perPage, note }: { path: string; page: number; pages: number; perPage: number; note?: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager no-print" aria-label="Các trang của bảng tổng hợp">
      <p>
        Trang {page}/{pages} ({perPage.toLocaleString("vi-VN")} ý kiến mỗi trang{note ? `; ${note}` : ""}).
      </p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={`${path}?trang=${page - 1}`}>← Trang trước</a>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <a href={`${path}?trang=${page + 1}`}>Trang sau →</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
