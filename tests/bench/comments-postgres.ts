// Issue 12's comment benchmark: signed-in passage comments POSTed at 50 connections for 30 s to the
// portal on PostgreSQL (a throwaway server sharing this machine, as tests/helpers/postgres.ts starts
// it: fsync off, so the figure is the portal's and PostgreSQL's CPU, not this disk's), with the CPU
// time of one stored comment measured apart on the web processes and on PostgreSQL: on 2 cores the
// two only contend, so how many web nodes one PostgreSQL carries is worked out from these costs
// (docs/decisions/0011-national-scale.md).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { availableParallelism } from "node:os";
import pg from "pg";
import { startPostgres, type TestPostgres } from "../helpers/postgres";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { commentForm, loadFigures } from "./comments";
import { postLoad } from "./load";
import type { BenchRow } from "./run";

/** CPU time (user + system, ms) of a process and all its descendants, from /proc. */
export function treeCpuMs(pid: number): number {
  const kids = execFileSync("sh", ["-c", `pgrep -P ${pid} || true`])
    .toString()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  let ticks = 0;
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks = Number(f[11]) + Number(f[12]);
  } catch {
    // gone meanwhile
  }
  return ticks * 10 + kids.reduce((n, k) => n + treeCpuMs(k), 0);
}

/** Runs of the comment load over the Unix socket: this machine's speed varies by a third from one minute to the next. */
const RUNS = 3;
/**
 * PostgreSQL connections a web process keeps (DATABASE_POOL_SIZE), as an operator would set it for
 * a PostgreSQL sharing two cores: with the default 10 a process, twenty backends took turns on two
 * cores and each comment cost PostgreSQL about a third more CPU (0.96 ms against 0.70 ms).
 */
const POOL = 4;
/** Comments posted before each measured run, to open connections and prepare statements. */
const WARM_UP_MS = 3_000;

export async function benchCommentsPostgres(): Promise<BenchRow[]> {
  // pg_stat_statements (in Debian's postgresql package) says where PostgreSQL's time goes.
  const postgres = await startPostgres({ settings: { shared_preload_libraries: "pg_stat_statements" } });
  try {
    // PostgreSQL on the portal's own machine is reached over its Unix socket, as a provincial
    // server would run it: the median of three runs, each on a fresh database, all three shown.
    // One run over loopback TCP beside them shows what the network stack costs.
    const runs: Load[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await commentLoad(postgres, "socket"));
    const tcp = await commentLoad(postgres, "tcp");
    const median = [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(RUNS / 2)]!;
    const all = (f: (r: Load) => string) => runs.map(f).join(", ");
    const over = `over its Unix socket, median of ${RUNS} runs`;
    return [
      {
        name: `PostgreSQL 15 on this machine, ${over}: passage comments POSTed by a signed-in recipient, 50 connections, 30 s after a 3 s warm-up (${median.workers} web processes, ${POOL} PostgreSQL connections each): comments/s`,
        figure: `${median.figure} (the runs: ${all((r) => `${Math.round(r.perSecond)}/s`)})`,
        target: "≥ 1,000/s",
        met: median.perSecond >= 1000,
      },
      {
        name: `PostgreSQL, ${over}: passage comments: latency p50 / p99`,
        figure: `${median.p50} ms / ${median.p99} ms (the runs' p99: ${all((r) => `${r.p99} ms`)})`,
        target: "p99 < 150 ms",
        met: median.p99 < 150,
      },
      {
        name: "PostgreSQL, every run: passage comments: stored = accepted",
        figure: `${all((r) => `${r.stored} stored, ${r.ok} accepted`)}; over TCP ${tcp.stored} stored, ${tcp.ok} accepted`,
        target: "equal",
        met: [...runs, tcp].every((r) => r.stored === r.ok),
      },
      {
        name: `PostgreSQL, ${over}: CPU time of one stored comment, on the web processes / on PostgreSQL`,
        figure: `${median.cpu} (the runs: ${all((r) => r.cpu)})`,
        target: "—",
        met: null,
      },
      {
        name: "PostgreSQL, the median run: its time per stored comment, by statement (pg_stat_statements; the wait for the official's queue lock left out)",
        figure: median.statements,
        target: "—",
        met: null,
      },
      {
        name: `PostgreSQL 15 on this machine, over loopback TCP, one run: passage comments: comments/s, latency p50 / p99, CPU web / PostgreSQL`,
        figure: `${tcp.figure}; ${tcp.p50} ms / ${tcp.p99} ms; ${tcp.cpu}`,
        target: "—",
        met: null,
      },
    ];
  } finally {
    await postgres.stop();
  }
}

interface Load {
  workers: number;
  perSecond: number;
  figure: string;
  ok: number;
  stored: number;
  p50: number;
  p99: number;
  cpu: string;
  statements: string;
}

async function commentLoad(postgres: TestPostgres, via: "socket" | "tcp"): Promise<Load> {
  const workers = Math.min(availableParallelism(), 4);
  const url = await postgres.createDatabase();
  const server = await startServer({
    DATABASE_URL: via === "socket" ? postgres.overSocket(url) : url,
    WEB_CONCURRENCY: String(workers),
    DATABASE_POOL_SIZE: String(POOL),
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1]!;
    const consultationId = pagePath.split("/").pop()!;
    const cookie = await sessionCookieFor(server, { email: "doan.thi.thu.trang@example.gov.vn" });
    const { rows: sections } = await client.query(`SELECT "id", "plainText" FROM "Section" WHERE "anchor" = 'phan-iii-muc-2' LIMIT 1`);
    const body = commentForm(sections[0]);
    const headers = { cookie, "content-type": "application/x-www-form-urlencoded" };
    const count = async () =>
      (await client.query(`SELECT COUNT(*)::int AS n FROM "Comment" WHERE "consultationId" = $1`, [consultationId])).rows[0].n as number;
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    // A warm-up, not measured: each web process opens its PostgreSQL connections and each
    // connection prepares its statements (the first comments took 0.3–1.6 s), as a server that has
    // been up for an hour has done long before the deadline's last hour.
    const warm = await postLoad({ url: `${server.url}${pagePath}`, connections: 50, durationMs: WARM_UP_MS, headers, body });
    if (!warm.statuses[303]) throw new Error(`warm-up: no comment accepted (${JSON.stringify(warm.statuses)})`);
    const before = await count();
    await client.query("SELECT pg_stat_statements_reset()");
    const webBefore = treeCpuMs(server.pid);
    const pgBefore = treeCpuMs(postgres.pid());
    const r = await postLoad({ url: `${server.url}${pagePath}`, connections: 50, durationMs: 30_000, headers, body });
    const webMs = treeCpuMs(server.pid) - webBefore;
    const pgMs = treeCpuMs(postgres.pid()) - pgBefore;
    const { ok, p50, p99, perSecond, figure } = loadFigures(r);
    const stored = (await count()) - before;
    const per = (ms: number) => `${(ms / Math.max(stored, 1)).toFixed(2)} ms`;
    process.stderr.write(`  (${via}: ${figure}, p50 ${p50} ms, p99 ${p99} ms)\n`);
    return { workers, perSecond, figure, ok, stored, p50, p99, cpu: `${per(webMs)} / ${per(pgMs)}`, statements: await statementTimes(client, stored) };
  } finally {
    await client.end();
    await server.stop();
  }
}

/** The statements that took most of PostgreSQL's execution time, as ms per stored comment. */
async function statementTimes(client: pg.Client, stored: number): Promise<string> {
  const { rows } = await client.query<{ query: string; ms: number }>(
    `SELECT query, total_exec_time AS ms FROM pg_stat_statements
      WHERE query NOT LIKE '%pg_advisory_xact_lock%' AND query NOT LIKE '%pg_stat_statements%' AND calls >= $1
      ORDER BY total_exec_time DESC LIMIT 6`,
    [Math.max(1, Math.floor(stored / 2))],
  );
  const label = (q: string) => {
    const words = q
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^WITH \w+ AS MATERIALIZED \(.*?\) /, "");
    const table = /(?:FROM|INTO|UPDATE) "(\w+)"/.exec(words)?.[1] ?? "";
    const set = /^UPDATE \S+( \w+)? SET "(\w+)"/.exec(words)?.[2];
    return `${words.split(" ")[0]} ${table}${set ? ` (${set})` : ""}`;
  };
  return rows.map((r) => `${label(r.query)} ${(r.ms / Math.max(stored, 1)).toFixed(3)} ms`).join("; ");
}
