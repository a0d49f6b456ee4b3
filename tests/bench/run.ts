// `npm run bench`: measures the targets named in the issues and writes docs/benchmarks.md.
// Figures, not pass/fail: a slow machine should show up here, not as a flaky test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { benchComments } from "./comments";
import { benchCommentsPostgres } from "./comments-postgres";
import { benchDecisionScreen } from "./decisions";
import { benchDelivery } from "./delivery";
import { benchImport, benchImportLimits, benchWordImport } from "./import";
import { benchNationalPostgres } from "./national-postgres";
import { benchConsultationPage, benchConsultationPageCluster } from "./page";
import { benchPublish } from "./publish";
import { benchReportCsv } from "./report";
import { benchSweep } from "./sweep";

export interface BenchRow {
  name: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const only = process.argv.slice(2);
const benches: [string, () => Promise<BenchRow[]>][] = [
  ["page", async () => [...(await benchConsultationPage()), ...(await benchConsultationPageCluster())]],
  ["import", async () => [...(await benchImport()), ...(await benchWordImport()), ...(await benchImportLimits())]],
  ["sweep", benchSweep],
  ["delivery", benchDelivery],
  ["comments", benchComments],
  ["comments-postgres", benchCommentsPostgres],
  ["report", benchReportCsv],
  ["decisions", benchDecisionScreen],
  ["publish", benchPublish],
];
// Run only when named (`npm run bench -- national-postgres`): generating ten million comments and
// reading them back takes most of an hour on this machine. Its rows live in their own section of
// docs/benchmarks.md, which that run rewrites and a full run keeps as it was.
const apart: [string, () => Promise<BenchRow[]>][] = [["national-postgres", benchNationalPostgres]];
const NATIONAL_HEADING = "## PostgreSQL at national scale (issue 12)";

const rows: BenchRow[] = [];
for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const result = await run();
  for (const r of result) process.stderr.write(`  ${r.name}: ${r.figure} (target ${r.target})\n`);
  rows.push(...result);
}

const file = path.join(ROOT, "docs", "benchmarks.md");
const tableOf = (rows: BenchRow[]) =>
  [
    "| measurement | figure | target | met |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.name} | ${r.figure} | ${r.target} | ${r.met === null ? "—" : r.met ? "yes" : "**no**"} |`),
  ].join("\n");
const machine = () =>
  `${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
const nationalAt = previous.indexOf(NATIONAL_HEADING);
let national = nationalAt >= 0 ? previous.slice(nationalAt).trimEnd() : "";

for (const [name, run] of apart) {
  if (!only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const result = await run();
  for (const r of result) process.stderr.write(`  ${r.name}: ${r.figure} (target ${r.target})\n`);
  national = `${NATIONAL_HEADING}

Written by \`npm run bench -- national-postgres\` (tests/bench/national-postgres.ts), which a full run leaves out
and keeps as it was. Run on ${machine()}.

${tableOf(result)}

How these rows are measured: a throwaway PostgreSQL 15 on this machine (tests/helpers/postgres.ts: fsync off),
its data under /tmp, removed at the end. The consultation is generated inside PostgreSQL
(tests/bench/big-consultation-postgres.ts: INSERT … SELECT generate_series, the secondary indexes built
after the rows, then VACUUM ANALYZE). The CSV is written by \`portal report … --format csv\` and the sweep
by \`sweep()\` (what the scheduler and \`portal sweep\` run), each in a process of its own whose peak memory
(maxRSS) and CPU time are read from the kernel (tests/helpers/usage.mjs); the decision screen is served by
the production build on PostgreSQL, signed in as the Office. PostgreSQL's CPU time is that of its server
and every connection it served. The machine's 2 cores are shared with other work: the CPU times and
memory are the figures to compare, the wall-clock times are noisy. A smaller run for trying things:
\`BIG_COMMENTS=1000000 BIG_SWEEP_RECIPIENTS=100000 npx tsx tests/bench/run.ts national-postgres\` (it names
its scale in its rows, and rewrites this section too).`;
  if (only.length === 1) {
    // Only this one: the rest of the record stays as it was.
    const head = nationalAt >= 0 ? previous.slice(0, nationalAt).trimEnd() : previous.trimEnd();
    fs.writeFileSync(file, `${head}\n\n${national}\n`);
    process.stderr.write(`bench: ${name} written to ${path.relative(ROOT, file)}\n`);
    process.exit(0);
  }
}

if (only.length) {
  // A partial run is for looking; only a full run rewrites the record.
  process.stderr.write("bench: partial run, docs/benchmarks.md left as it was\n");
  process.exit(0);
}
const table = tableOf(rows);
const md = `# Benchmarks

Written by \`npm run bench\` (tests/bench/); do not edit by hand. Run on ${new Date().toISOString()},
${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.

${table}

For comparison (../shared/docs/stack.md): a bare \`node:http\` server inserting each POST into SQLite
(WAL) took ~29,000 requests/s on these machines with 50 connections.

How the issue 10 rows are measured: the 300-page .docx is generated by the bench with Word automatic
numbering, tables and a letterhead, and read and stored as the upload and \`portal import\` do
(readDraft + createDraft into a fresh SQLite file); its CPU time is printed beside the wall clock
because the 2-core machine is shared. Publishing is timed from the call to \`publishConsultation\`
(the function behind "Công bố" and \`portal consultation publish\`) until its transaction has
committed, with a sign-in token and an outbox row queued for each of the 500 recipients.

How the PostgreSQL rows are measured (issue 12): a throwaway PostgreSQL 15 started by the bench on this
same machine (tests/helpers/postgres.ts: fsync off, so the figure is CPU, not this disk), the portal on
it with two web processes of 4 PostgreSQL connections each (DATABASE_POOL_SIZE), reached over its Unix
socket, the same 50 connections posting as one official as the SQLite row does. Each measured run
follows a 3 s warm-up (connections opened, statements prepared) on a fresh database; three runs, the
median shown with all three (this machine's speed varies by a third from one minute to the next), and
one run over loopback TCP. The CPU time of a stored comment is read from /proc for the server's
processes and for PostgreSQL's apart; on 2 cores they contend, so the record for a large deployment
(docs/decisions/0011-national-scale.md) works from these costs rather than from the throughput.
`;
fs.writeFileSync(file, national ? `${md}\n${national}\n` : md);
process.stderr.write(`bench: written to ${path.relative(ROOT, file)}\n`);
process.exit(0);
