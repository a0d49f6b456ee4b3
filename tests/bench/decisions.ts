// The Office's decision screen (tiếp thu / giải trình) on a consultation with 100,000 comments over
// 40 sections, served by the production build: the first page, one request at a time, signed in
// as the Office.
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { createBigConsultation } from "./big-consultation";
import type { BenchRow } from "./run";

const COMMENTS = 100_000;
const SECTIONS = 40;
const REQUESTS = 15;
const TARGET_MS = 200;

async function timed(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number; html: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const html = await response.text();
  return { ms: performance.now() - started, bytes: html.length, status: response.status, html };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchDecisionScreen(): Promise<BenchRow[]> {
  const server = await startServer({ SCHEDULER: "off" });
  try {
    const generated = performance.now();
    const { consultationId } = await createBigConsultation(server.databasePath, { comments: COMMENTS, sections: SECTIONS });
    const generatedMs = performance.now() - generated;
    const cookie = sessionCookieFor(server.databasePath, { role: "office" });
    const base = `${server.url}/office/lay-y-kien/${consultationId}/xu-ly`;
    const measure = async (query: string) => {
      const url = `${base}${query}`;
      const first = await timed(url, cookie); // warm-up: statement caches, page cache of the OS
      if (first.status !== 200) throw new Error(`${url}: ${first.status}\n${first.html.slice(0, 500)}`);
      const runs = [];
      for (let i = 0; i < REQUESTS; i++) runs.push(await timed(url, cookie));
      return { p50: median(runs.map((r) => r.ms)), max: Math.max(...runs.map((r) => r.ms)), kib: Math.round(first.bytes / 1024), cold: first.ms };
    };
    const fmt = (ms: number) => `${Math.round(ms)} ms`;
    const first = await measure("");
    const undecided = await measure("?tinh-trang=chua-xu-ly");
    const review = await measure("?tinh-trang=can-xem-lai");
    const organisation = await measure(`?don-vi=${encodeURIComponent("Sở số 7")}`);
    const deep = await measure("?trang=1500");
    const label = `decision screen, ${COMMENTS.toLocaleString("en")} comments over ${SECTIONS} sections, Office signed in, ${REQUESTS} sequential requests`;
    return [
      {
        name: `${label}: first page p50 / max`,
        figure: `${fmt(first.p50)} / ${fmt(first.max)} (first request ${fmt(first.cold)}, ${first.kib} KiB; data generated in ${Math.round(generatedMs / 1000)} s)`,
        target: `p50 < ${TARGET_MS} ms`,
        met: first.p50 < TARGET_MS,
      },
      {
        name: "decision screen, filtered to undecided comments: first page p50",
        figure: fmt(undecided.p50),
        target: `< ${TARGET_MS} ms`,
        met: undecided.p50 < TARGET_MS,
      },
      {
        name: "decision screen, filtered to decisions needing review (none in the data: the whole index read for nothing): p50",
        figure: fmt(review.p50),
        target: `< ${TARGET_MS} ms`,
        met: review.p50 < TARGET_MS,
      },
      {
        name: "decision screen, filtered to one organisation: first page p50",
        figure: fmt(organisation.p50),
        target: `< ${TARGET_MS} ms`,
        met: organisation.p50 < TARGET_MS,
      },
      { name: "decision screen, page 1,500 (75,000 comments in): p50", figure: fmt(deep.p50), target: "—", met: null },
    ];
  } finally {
    await server.stop();
  }
}
