// The published result (/lay-y-kien/:id/ket-qua): the consolidated report for whoever may read the
// consultation, once the Office has published it. Before that it exists for nobody but the Office,
// which sees it as a preview of what will be public.
import { clampPage } from "~/domain/paging";
import { publicReportRow } from "~/domain/public-report";
import type { ReportRow } from "~/domain/report";
import { formatDecreeDate, formatVnDateTime, toCalendarDate } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { getConsultationForReading } from "./consultation.server";
import { reportData } from "./report.server";

/** Rows on one page of the HTML report; the exports always hold every row. */
export const ROWS_PER_PAGE = 500;

/** The rows numbered for page `page`, reading no further batches than it needs. */
export async function rowsOfPage(batches: AsyncIterable<ReportRow[]>, page: number, perPage = ROWS_PER_PAGE): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  const first = (page - 1) * perPage + 1;
  for await (const batch of batches) {
    for (const row of batch) if (row.number >= first && row.number < first + perPage) rows.push(row);
    if (batch.length && batch[batch.length - 1]!.number >= first + perPage - 1) break;
  }
  return rows;
}

/** The result page's data, or null (404) when the viewer may not read it. */
export async function publishedResultView(db: Db, consultationId: string, viewer: Viewer | null, asked: number, now: Date) {
  const c = await getConsultationForReading(db, consultationId, viewer);
  if (!c) return null;
  const preview = !c.resultPublishedAt;
  if (preview && viewer?.role !== "office") return null;
  const data = await reportData(db, c.id, now);
  if (!data) return null;
  const pages = Math.max(1, Math.ceil(data.summary.comments / ROWS_PER_PAGE));
  const page = clampPage(asked, pages);
  const rows = (await rowsOfPage(data.rows, page)).map(publicReportRow);
  // The report is dated the day it was published, not the day someone reads it.
  const dated = c.resultPublishedAt ?? now;
  return {
    header: { ...data.header, placeAndDate: formatDecreeDate(c.letterPlace, toCalendarDate(dated)) },
    summary: data.summary,
    rows,
    page,
    pages,
    preview,
    publicCanRead: c.publicCanRead,
    publishedWords: c.resultPublishedAt ? formatVnDateTime(c.resultPublishedAt) : null,
  };
}
