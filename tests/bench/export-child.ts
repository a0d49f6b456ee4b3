// One report export in a process of its own, so that its time and peak memory are the export's:
//   node --import tsx tests/bench/export-child.ts <database> <consultationId> <csv|json|docx> <out>
// Prints {ms, rows, bytes, maxRssMiB, startRssMiB} as JSON. maxRSS covers the whole process
// (Node, tsx, the Prisma client); startRssMiB is the RSS just before the export starts.
import fs from "node:fs";
import type { ReportData } from "~/domain/report";

const [databasePath, consultationId, format, out] = process.argv.slice(2) as (string | undefined)[];
if (!databasePath || !consultationId || !format || !out) throw new Error("usage: export-child.ts <database> <consultationId> <csv|json|docx> <out>");
const id: string = consultationId;
process.env.DATABASE_URL = `file:${databasePath}`;

const { createDb, directConnection, tuneConnection } = await import("~/utils/db.server");
const { reportHeader, reportRows, reportSummary } = await import("~/models/report.server");
const writers: Record<string, () => Promise<(input: ReportData, out: NodeJS.WritableStream) => Promise<void>>> = {
  csv: async () => (await import("~/exports/csv.server")).writeReportCsv,
  json: async () => (await import("~/exports/json.server")).writeReportJson,
  docx: async () => (await import("~/exports/docx.server")).writeReportDocx,
};
const write = await writers[format]!();
const db = createDb(databasePath);
// The connections are open before the clock starts. As `portal report` does, the CSV export
// reads only on the direct connection, so Prisma's query engine is not loaded for it.
directConnection(db).prepare("SELECT 1").get();
if (format !== "csv") {
  await tuneConnection(db);
  await db.$queryRawUnsafe("SELECT 1");
}

const MiB = 1024 * 1024;
const startRssMiB = process.memoryUsage().rss / MiB;
const started = performance.now();
const now = new Date();
const header = (await reportHeader(db, id, now))!;
// As `portal report` does: the CSV holds only the rows, so it needs no summary.
const summary = format === "csv" ? null : await reportSummary(db, id, now);
let rows = 0;
async function* counted() {
  for await (const batch of reportRows(db, id)) {
    rows += batch.length;
    yield batch;
  }
}
// A 1 MiB buffer, as the CLI writes.
await write({ header, summary: summary!, rows: counted() }, fs.createWriteStream(out, { highWaterMark: 1 << 20 }));
const ms = performance.now() - started;
await db.$disconnect();
// maxRSS is in KiB on Linux.
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, rows, bytes: fs.statSync(out).size, maxRssMiB, startRssMiB })}\n`);
