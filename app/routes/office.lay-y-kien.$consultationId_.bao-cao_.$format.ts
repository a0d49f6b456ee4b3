// The consolidated report as a file: DOCX (Decree 30/2020 layout), CSV (Excel) or JSON (other
// systems). Streamed: rows are read from the database a batch at a time as the download drains,
// so 100,000 comments never sit in memory at once. Office only.
import { PassThrough, Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isReportFormat, reportFileName } from "~/domain/report";
import { CSV_CONTENT_TYPE, reportCsvStream } from "~/exports/csv.server";
import { DOCX_CONTENT_TYPE, writeReportDocx } from "~/exports/docx.server";
import { JSON_CONTENT_TYPE, reportJsonStream } from "~/exports/json.server";
import { reportHeader, reportRows, reportSummary } from "~/models/report.server";
import { getDb } from "~/utils/db.server";
import { requireOffice } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const format = params.format;
  if (!isReportFormat(format)) throw new Response("Định dạng không được hỗ trợ; chọn docx, csv hoặc json.", { status: 404 });
  const db = getDb();
  const consultationId = params.consultationId ?? "";
  const now = new Date();
  const header = await reportHeader(db, consultationId, now);
  if (!header) throw new Response("Không tìm thấy", { status: 404 });
  const name = reportFileName(header, format);
  const headers = {
    "Content-Type": format === "docx" ? DOCX_CONTENT_TYPE : format === "csv" ? CSV_CONTENT_TYPE : JSON_CONTENT_TYPE,
    // An ASCII name for old clients, the Vietnamese one for the rest (RFC 6266).
    "Content-Disposition": `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.full)}`,
    "Cache-Control": "no-store",
  };
  const rows = reportRows(db, consultationId);
  // The CSV holds only the rows: the summary, a pass over every comment, is counted for the others.
  if (format === "csv") return new Response(reportCsvStream({ rows }), { headers });
  const data = { header, summary: await reportSummary(db, consultationId, now), rows };
  if (format === "json") return new Response(reportJsonStream(data), { headers });
  const out = new PassThrough();
  writeReportDocx(data, out).catch((error) => out.destroy(error));
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { headers });
}
