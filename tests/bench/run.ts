// `npm run bench`: measures the targets named in the issues and writes docs/benchmarks.md.
// Figures, not pass/fail: a slow machine should show up here, not as a flaky test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { benchComments } from "./comments";
import { benchDecisionScreen } from "./decisions";
import { benchDelivery } from "./delivery";
import { benchImport, benchImportLimits, benchWordImport } from "./import";
import { benchConsultationPage } from "./page";
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
  ["page", benchConsultationPage],
  ["import", async () => [...(await benchImport()), ...(await benchWordImport()), ...(await benchImportLimits())]],
  ["sweep", benchSweep],
  ["delivery", benchDelivery],
  ["comments", benchComments],
  ["report", benchReportCsv],
  ["decisions", benchDecisionScreen],
  ["publish", benchPublish],
];

const rows: BenchRow[] = [];
for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const result = await run();
  for (const r of result) process.stderr.write(`  ${r.name}: ${r.figure} (target ${r.target})\n`);
  rows.push(...result);
}

if (only.length) {
  // A partial run is for looking; only a full run rewrites the record.
  process.stderr.write("bench: partial run, docs/benchmarks.md left as it was\n");
  process.exit(0);
}
const file = path.join(ROOT, "docs", "benchmarks.md");
const table = [
  "| measurement | figure | target | met |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.name} | ${r.figure} | ${r.target} | ${r.met === null ? "—" : r.met ? "yes" : "**no**"} |`),
].join("\n");
const md = `# Benchmarks

Written by \`npm run bench\` (tests/bench/); do not edit by hand. Run on ${new Date().toISOString()},
${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.

${table}

For comparison (../shared/docs/stack.md): a bare \`node:http\` server inserting each POST into SQLite
(WAL) took ~29,000 requests/s on these machines with 50 connections.
`;
fs.writeFileSync(file, md);
process.stderr.write(`bench: written to ${path.relative(ROOT, file)}\n`);
process.exit(0);
