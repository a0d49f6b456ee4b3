// The report's CSV (and JSON) export of 100,000 comments over 40 sections, read from SQLite by the
// report model: each export runs in a child process of its own, so that its peak memory is the
// export's and not the generator's or another bench's.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import { createBigConsultation } from "./big-consultation";
import type { BenchRow } from "./run";

const COMMENTS = 100_000;
const SECTIONS = 40;

export interface ExportMeasure {
  ms: number;
  rows: number;
  bytes: number;
  maxRssMiB: number;
  startRssMiB: number;
}

/** Runs tests/bench/export-child.ts once; the DOCX bench can call it with "docx". */
export function measureExport(databasePath: string, consultationId: string, format: "csv" | "json" | "docx", out: string): ExportMeasure {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tests", "bench", "export-child.ts"), databasePath, consultationId, format, out], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`the ${format} export failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ExportMeasure;
}

export async function benchReportCsv(): Promise<BenchRow[]> {
  const dir = tempDir("portal-bench-report-");
  try {
    const databasePath = path.join(dir, "portal.db");
    const started = performance.now();
    const big = await createBigConsultation(databasePath, { comments: COMMENTS, sections: SECTIONS });
    process.stderr.write(`  generated ${COMMENTS.toLocaleString("en")} comments in ${Math.round(performance.now() - started)} ms\n`);
    const rows: BenchRow[] = [];
    const mb = (mib: number) => `${Math.round((mib * 2 ** 20) / 1e6)} MB`;
    for (const format of ["csv", "json", "docx"] as const) {
      const m = measureExport(databasePath, big.consultationId, format, path.join(dir, `report.${format}`));
      if (m.rows !== big.activeComments) throw new Error(`the ${format} export wrote ${m.rows} rows, expected ${big.activeComments}`);
      const name = `report ${format.toUpperCase()} export, ${m.rows.toLocaleString("en")} comments over ${SECTIONS} sections (own process)`;
      const file = `${Math.round(m.bytes / 1e6)} MB file`;
      // maxRSS counts Node, tsx and the Prisma client too: the figure before the export says how much.
      const memory = `${mb(m.maxRssMiB)} (${mb(m.startRssMiB)} before the export starts)`;
      if (format === "csv") {
        rows.push(
          { name: `${name}: time`, figure: `${(m.ms / 1000).toFixed(2)} s (${file})`, target: "< 5 s", met: m.ms < 5000 },
          { name: `${name}: peak memory of the process (maxRSS)`, figure: memory, target: "< 200 MB", met: m.maxRssMiB * 2 ** 20 < 200e6 },
        );
      } else if (format === "docx") {
        rows.push(
          { name: `${name}: time`, figure: `${(m.ms / 1000).toFixed(2)} s (${file})`, target: "< 30 s", met: m.ms < 30_000 },
          { name: `${name}: peak memory of the process (maxRSS)`, figure: memory, target: "< 600 MB", met: m.maxRssMiB * 2 ** 20 < 600e6 },
        );
      } else {
        rows.push({ name: `${name}: time / peak memory (maxRSS)`, figure: `${(m.ms / 1000).toFixed(2)} s (${file}) / ${memory}`, target: "—", met: null });
      }
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
