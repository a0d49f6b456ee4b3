// Issue 12's benchmark: one consultation with ten million comments on PostgreSQL 15, generated in
// bulk (big-consultation-postgres.ts), and through the portal's own code:
//   - the report's CSV, written by `portal report … --format csv` (the command the Office runs; the
//     web route streams the same reportRows into the same writer) in a process of its own: time,
//     CPU time and peak memory;
//   - the Office's decision screen, first page and page 100,000, served by the production build
//     on PostgreSQL, signed in as the Office: time per request, and the server's CPU time;
//   - the reminder sweep (sweep(), what the scheduler and `portal sweep` run) over a million
//     recipients in 100 open consultations, in a process of its own: time, CPU time, peak memory.
// A throwaway PostgreSQL on this machine (tests/helpers/postgres.ts: fsync off), its data under
// /tmp, removed at the end. BIG_COMMENTS and BIG_SWEEP_RECIPIENTS make a smaller run for trying
// things; the rows name the scale they were measured at.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT, runNode } from "../helpers/cli";
import { startPostgres } from "../helpers/postgres";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { createBigConsultationPostgres } from "./big-consultation-postgres";
import { treeCpuMs } from "./comments-postgres";
import type { BenchRow } from "./run";

const COMMENTS = Number(process.env.BIG_COMMENTS ?? 10_000_000);
const SWEEP_RECIPIENTS = Number(process.env.BIG_SWEEP_RECIPIENTS ?? 1_000_000);
const SWEEP_CONSULTATIONS = 100;
const SECTIONS = 40;
const DEEP_PAGE = 100_000;
/** Which measurements to make (all by default): NATIONAL_PARTS=screen for the decision screen alone. */
const PARTS = new Set((process.env.NATIONAL_PARTS ?? "report,screen,sweep").split(","));
const REQUESTS = 5;
const MB = 1e6;

interface Usage {
  maxRssKiB: number;
  userMs: number;
  systemMs: number;
}

/** A node process with the usage preload; its stdout, exit status, time and usage. */
async function measuredNode(args: string[], env: Record<string, string>, timeoutMs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-usage-"));
  const usageFile = path.join(dir, "usage.json");
  const started = performance.now();
  const { status, stdout, stderr } = await runNode(["--import", path.join(ROOT, "tests/helpers/usage.mjs"), "--import", "tsx", ...args], {
    env: { ...env, USAGE_FILE: usageFile },
    timeoutMs,
  });
  const ms = performance.now() - started;
  const usage = fs.existsSync(usageFile) ? (JSON.parse(fs.readFileSync(usageFile, "utf8")) as Usage) : null;
  fs.rmSync(dir, { recursive: true, force: true });
  if (status !== 0 || !usage) throw new Error(`${args.join(" ")} failed (${status}):\n${stderr.slice(-2000)}`);
  return { stdout, ms, usage };
}

/**
 * CPU time (ms) of PostgreSQL: its live processes, and the connections that have ended, which
 * the postmaster has reaped (its cutime and cstime).
 */
function postgresCpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return treeCpuMs(pid) + (Number(f[13]) + Number(f[14])) * 10;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kib: number) => `${Math.round((kib * 1024) / MB)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchNationalPostgres(): Promise<BenchRow[]> {
  const postgres = await startPostgres();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-national-"));
  try {
    const url = await postgres.createDatabase();
    const { migratePostgres } = await import("~/utils/migrate.server");
    await migratePostgres(url);
    const generatedAt = performance.now();
    const pgCpuBefore = postgresCpuMs(postgres.pid());
    const big = await createBigConsultationPostgres(url, {
      comments: COMMENTS,
      sections: SECTIONS,
      sweepRecipients: SWEEP_RECIPIENTS,
      sweepConsultations: SWEEP_CONSULTATIONS,
    });
    const generatedMs = performance.now() - generatedAt;
    const generatedPgCpu = postgresCpuMs(postgres.pid()) - pgCpuBefore;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const size = (await client.query(`SELECT pg_database_size(current_database())::bigint AS n`)).rows[0].n as string;
    const scale = `${COMMENTS.toLocaleString("en")} comments over ${SECTIONS} sections`;
    const env = { DATABASE_URL: url };
    const rows: BenchRow[] = [
      {
        name: `PostgreSQL: ${scale} and ${SWEEP_RECIPIENTS.toLocaleString("en")} recipients generated in bulk (INSERT … SELECT generate_series, indexes built after, VACUUM ANALYZE)`,
        figure: `${s(generatedMs)} (PostgreSQL CPU ${s(generatedPgCpu)}; database ${Math.round(Number(size) / 1e9)} GB; ${Object.entries(big.steps)
          .map(([k, v]) => `${k} ${s(v)}`)
          .join(", ")})`,
        target: "minutes",
        met: null,
      },
    ];
    try {
      if (PARTS.has("report")) {
        // ---- the report's CSV, as `portal report` writes it
        process.stderr.write("  report CSV…\n");
        const out = path.join(work, "report.csv");
        const pgBefore = postgresCpuMs(postgres.pid());
        const report = await measuredNode(
          [path.join(ROOT, "app/cli/main.ts"), "report", big.consultationId, "--format", "csv", "--out", out],
          env,
          3 * 3600_000,
        );
        const reportPgMs = postgresCpuMs(postgres.pid()) - pgBefore;
        const written = JSON.parse(report.stdout) as { rows: number };
        if (written.rows !== big.activeComments) throw new Error(`the CSV has ${written.rows} rows, expected ${big.activeComments}`);
        const csvBytes = fs.statSync(out).size;
        fs.rmSync(out);
        const label = `PostgreSQL: report CSV export (portal report), ${written.rows.toLocaleString("en")} comments of ${scale}, own process`;
        rows.push(
          {
            name: `${label}: time / CPU time of the process / CPU time of PostgreSQL`,
            figure: `${s(report.ms)} / ${s(report.usage.userMs + report.usage.systemMs)} / ${s(reportPgMs)} (${Math.round(csvBytes / MB).toLocaleString("en")} MB file, ${Math.round(written.rows / (report.ms / 1000)).toLocaleString("en")} rows/s)`,
            target: "—",
            met: null,
          },
          {
            name: `${label}: peak memory of the process (maxRSS)`,
            figure: mb(report.usage.maxRssKiB),
            target: "< 250 MB",
            met: report.usage.maxRssKiB * 1024 < 250 * MB,
          },
        );
        process.stderr.write(`  ${rows.at(-2)!.figure}; ${rows.at(-1)!.figure}\n`);
      }
      if (PARTS.has("screen")) {
        // ---- the decision screen, signed in as the Office
        process.stderr.write("  decision screen…\n");
        const server = await startServer({ ...env, SCHEDULER: "off" });
        try {
          const cookie = await sessionCookieFor(server, { email: "van.phong.thu.tai@example.gov.vn" }); // the generated Office account
          const base = `${server.url}/office/lay-y-kien/${big.consultationId}/xu-ly`;
          const pages = Math.ceil(big.activeComments / 50);
          const deep = Math.min(DEEP_PAGE, pages);
          const measure = async (query: string) => {
            const times: number[] = [];
            let html = "";
            let cold = 0;
            const cpuBefore = treeCpuMs(server.pid);
            const pgCpu = postgresCpuMs(postgres.pid());
            for (let i = 0; i <= REQUESTS; i++) {
              const started = performance.now();
              const response = await fetch(`${base}${query}`, { headers: { cookie } });
              html = await response.text();
              if (response.status !== 200) throw new Error(`${base}${query}: ${response.status}\n${html.slice(0, 500)}`);
              if (i === 0) cold = performance.now() - started;
              else times.push(performance.now() - started);
            }
            return {
              p50: median(times),
              max: Math.max(...times),
              cold,
              html,
              webCpu: (treeCpuMs(server.pid) - cpuBefore) / (REQUESTS + 1),
              pgCpu: (postgresCpuMs(postgres.pid()) - pgCpu) / (REQUESTS + 1),
            };
          };
          const first = await measure("");
          const far = await measure(`?trang=${deep}`);
          // The deep page shows the comments numbered from (page - 1) × 50 + 1: it is the page asked for.
          const firstNumber = (deep - 1) * 50 + 1;
          if (!far.html.includes(`${firstNumber.toLocaleString("vi")}`) && !far.html.includes(String(firstNumber))) {
            throw new Error(`page ${deep} does not show comment ${firstNumber}`);
          }
          const fmt = (m: typeof first) =>
            `${Math.round(m.p50)} ms / ${Math.round(m.max)} ms (first request ${Math.round(m.cold)} ms; CPU a request: web ${Math.round(m.webCpu)} ms, PostgreSQL ${Math.round(m.pgCpu)} ms)`;
          const label = `PostgreSQL: decision screen, ${scale}, Office signed in, ${REQUESTS} sequential requests after one`;
          rows.push(
            { name: `${label}: first page p50 / max`, figure: fmt(first), target: "< 300 ms", met: first.max < 300 },
            {
              name: `${label}: page ${deep.toLocaleString("en")} (${((deep - 1) * 50).toLocaleString("en")} comments in) p50 / max`,
              figure: fmt(far),
              target: "< 300 ms",
              met: far.max < 300,
            },
          );
          process.stderr.write(`  ${rows.at(-2)!.figure}; ${rows.at(-1)!.figure}\n`);
        } finally {
          await server.stop();
        }
      }
      if (PARTS.has("sweep")) {
        // ---- the reminder sweep over the million, at 09:00 on 17/12 (the 3-days-before slot is 08:00)
        process.stderr.write("  sweep…\n");
        const pgSweepBefore = postgresCpuMs(postgres.pid());
        const label2 = `PostgreSQL: sweep over ${SWEEP_RECIPIENTS.toLocaleString("en")} recipients in ${SWEEP_CONSULTATIONS} consultations (and the ${scale}), a reminder due for each, own process`;
        const sweepStarted = performance.now();
        const swept = await measuredNode([path.join(ROOT, "tests/bench/sweep-child.ts"), "2026-12-17T09:00:00+07:00"], env, 3600_000).catch((error: Error) => {
          // A sweep that dies (out of memory, say) is a figure too.
          rows.push({
            name: `${label2}: outcome`,
            figure: `failed after ${s(performance.now() - sweepStarted)}: ${error.message.split("\n").filter(Boolean).slice(-3).join(" ").slice(0, 300).replaceAll("|", "/")}`,
            target: "completes",
            met: false,
          });
          return null;
        });
        if (!swept) return rows;
        const sweepPgMs = postgresCpuMs(postgres.pid()) - pgSweepBefore;
        const sweepResult = JSON.parse(swept.stdout.trim().split("\n").at(-1)!) as { ms: number; reminders: number; startRssMiB: number };
        if (sweepResult.reminders < SWEEP_RECIPIENTS) throw new Error(`the sweep queued ${sweepResult.reminders}, expected at least ${SWEEP_RECIPIENTS}`);
        rows.push(
          {
            name: `${label2}: time / CPU time of the process / CPU time of PostgreSQL`,
            figure: `${s(sweepResult.ms)} / ${s(swept.usage.userMs + swept.usage.systemMs)} / ${s(sweepPgMs)} (queues ${sweepResult.reminders.toLocaleString("en")})`,
            target: "—",
            met: null,
          },
          {
            name: `${label2}: peak memory of the process (maxRSS)`,
            figure: `${mb(swept.usage.maxRssKiB)} (${Math.round((sweepResult.startRssMiB * 2 ** 20) / MB)} MB before the sweep starts)`,
            target: "—",
            met: null,
          },
        );
        process.stderr.write(`  ${rows.at(-2)!.figure}; ${rows.at(-1)!.figure}\n`);
      }
    } finally {
      await client.end();
    }
    return rows;
  } finally {
    await postgres.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
