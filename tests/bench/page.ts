// The consultation page served by the production build: 10 connections for 20 s.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { gunzipSync } from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import type { BenchRow } from "./run";

async function load(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections: 10, duration: 20, headers });
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return r;
}

function rows(name: string, r: autocannon.Result, p99Target: string, rpsTarget?: number): BenchRow[] {
  const kib = Math.round(r.throughput.average / Math.max(r.requests.average, 1) / 1024);
  return [
    {
      name: `${name}, 10 connections, 20 s: requests/s`,
      figure: `${Math.round(r.requests.average)} (${kib} KiB each)`,
      target: rpsTarget ? `≥ ${rpsTarget}/s` : "—",
      met: rpsTarget ? r.requests.average >= rpsTarget : null,
    },
    {
      name: `${name}: latency p50 / p99`,
      figure: `${r.latency.p50} ms / ${r.latency.p99} ms`,
      target: `p99 ${p99Target}`,
      met: p99Target === "—" ? null : r.latency.p99 < Number(/\d+/.exec(p99Target)![0]),
    },
  ];
}

export async function benchConsultationPage(): Promise<BenchRow[]> {
  const server = await startServer();
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)?.[1];
    if (!pagePath) throw new Error("the demo consultation is not listed");
    const url = `${server.url}${pagePath}`;
    await autocannon({ url, connections: 10, duration: 3 }); // warm-up
    const anonymous = await load(url, {});
    // Deadline day is signed-in traffic: an invited official, rendered for each request (a cookie
    // bypasses the page cache), with their standing, their form and the comments they may see.
    const email = firstRecipientEmail(server.databasePath);
    const cookie = sessionCookieFor(server.databasePath, { email });
    await warmUp(url, { cookie, "accept-encoding": "gzip" });
    const cpuBefore = processCpuMs(server.pid);
    const signedIn = await load(url, { cookie, "accept-encoding": "gzip" });
    const cpuPerPage = (processCpuMs(server.pid) - cpuBefore) / Math.max(signedIn.requests.total, 1);
    const html = await gzipSize(url, cookie);
    return [
      ...rows("consultation page (demo, 37 sections), anonymous reader (page cache, 2 s)", anonymous, "< 50 ms"),
      ...rows("consultation page, signed-in official (rendered for each request, gzip)", signedIn, "< 100 ms"),
      {
        // What the server itself spends on a page, apart from the load generator's share: with two
        // web processes and the load generator on 2 cores, 400/s needs about 3 ms. It moves with
        // the machine too (4.0 ms and 6.6 ms an hour apart for the same code, here).
        name: "consultation page, signed-in official: the server's CPU time per page (one web process)",
        figure: `${cpuPerPage.toFixed(1)} ms`,
        target: "—",
        met: null,
      },
      {
        name: "consultation page, signed-in official: HTML size",
        figure: `${(html.gzip / 1024).toFixed(1)} KiB gzipped (${Math.round(html.raw / 1024)} KiB)`,
        target: "< 40 KiB gzipped",
        met: html.gzip < 40 * 1024,
      },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * The signed-in page as `npm start` serves it on this machine: as many web processes as cores
 * (WEB_CONCURRENCY's default, at most 4), the load generator sharing those cores. Issue 11's target.
 */
export async function benchConsultationPageCluster(): Promise<BenchRow[]> {
  const server = await startServer({ WEB_CONCURRENCY: String(Math.min(os.availableParallelism(), 4)) });
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)?.[1];
    if (!pagePath) throw new Error("the demo consultation is not listed");
    const url = `${server.url}${pagePath}`;
    const cookie = sessionCookieFor(server.databasePath, { email: firstRecipientEmail(server.databasePath) });
    await warmUp(url, { cookie, "accept-encoding": "gzip" });
    const signedIn = await load(url, { cookie, "accept-encoding": "gzip" });
    const processes = Math.min(os.availableParallelism(), 4);
    return rows(`consultation page, signed-in official (gzip), ${processes} web processes as npm start runs`, signedIn, "< 100 ms", 400);
  } finally {
    await server.stop();
  }
}

/**
 * A server that has run for a while, as on deadline day: the first seconds of a fresh process run
 * code not yet optimised (about 6 ms of CPU a signed-in page in its first 5 s, 3.3 ms from its
 * 10th second on, here), and each of two web processes takes half the requests.
 */
async function warmUp(url: string, headers: Record<string, string>) {
  await autocannon({ url, connections: 10, duration: 15, headers });
}

/** A process's CPU time (user + system) so far, in milliseconds, from /proc. */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}
const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

function firstRecipientEmail(databasePath: string): string {
  const db = new Database(databasePath, { readonly: true });
  try {
    const row = db.prepare(`SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r.userId ORDER BY r.position LIMIT 1`).get() as { email: string };
    return row.email;
  } finally {
    db.close();
  }
}

/** The page's bytes as sent with gzip, and unpacked. */
async function gzipSize(url: string, cookie: string): Promise<{ gzip: number; raw: number }> {
  const { body, headers } = await rawGet(url, { cookie, "accept-encoding": "gzip" });
  const raw = headers["content-encoding"] === "gzip" ? gunzipSync(body).length : body.length;
  return { gzip: body.length, raw };
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ body: Buffer.concat(chunks), headers: res.headers }));
      })
      .on("error", reject);
  });
}
