// The consolidated report as the public reads it once the result is published. Officials answer in
// their official capacity, and the Decree 30/2020 report names them with their organisation, so
// they stay; a citizen who commented (a public comment) is a private person and is shown only as
// "Người dân". No email address is ever part of the report. The loader strips, so nothing withheld
// reaches the page's data.
import type { ReportRow } from "./report";

export const CITIZEN_AUTHOR = "Người dân";

export function publicReportRow(row: ReportRow): ReportRow {
  if (row.organization) return row;
  return { ...row, authorName: CITIZEN_AUTHOR, authorTitle: "" };
}
