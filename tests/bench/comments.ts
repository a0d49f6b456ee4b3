// Signed-in passage comments POSTed to the production build (50 connections, 30 s), and the
// consultation page of a recipient with 2,000 comments on it.
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { type LoadResult, percentile, postLoad } from "./load";
import type { BenchRow } from "./run";

/** A fresh comment form on the first 40 characters of "III. 2.", as the passage reader fills it. */
function passageComment(databasePath: string): () => string {
  const db = new Database(databasePath, { readonly: true });
  const section = db.prepare(`SELECT id, plainText FROM "Section" WHERE anchor = 'phan-iii-muc-2' LIMIT 1`).get() as { id: string; plainText: string };
  db.close();
  return commentForm(section);
}

/** The comment form on the first 40 characters of a section's text, a fresh idempotency key each time. */
export function commentForm(section: { id: string; plainText: string }): () => string {
  const exact = section.plainText.slice(0, 40);
  return () =>
    new URLSearchParams({
      intent: "comment",
      target: section.id,
      start: "0",
      end: "40",
      exact,
      text: "Đề nghị làm rõ cơ chế chia sẻ dữ liệu.",
      idempotencyKey: randomUUID(),
    }).toString();
}

/** What a comment load gave: accepted (303) per second, the other answers, p50 and p99. */
export function loadFigures(r: LoadResult) {
  const ok = r.statuses[303] ?? 0;
  const other = Object.entries(r.statuses)
    .filter(([status]) => status !== "303")
    .map(([status, n]) => `${n} × ${status}`);
  const latencies = r.latenciesMs.sort((a, b) => a - b);
  const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)].map(Math.round) as [number, number];
  const perSecond = ok / (r.elapsedMs / 1000);
  const figure = `${Math.round(perSecond)} (${ok} accepted${other.length ? `, ${other.join(", ")}` : ""}, ${r.errors} connection errors)`;
  return { ok, p50, p99, perSecond, figure };
}

export async function benchComments(): Promise<BenchRow[]> {
  // Reminders and receipts still go through the outbox, as in production; the server runs as
  // `npm start` does, one web process per core (WEB_CONCURRENCY's default).
  const workers = Math.min(availableParallelism(), 4);
  const server = await startServer({ WEB_CONCURRENCY: String(workers) });
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1]!;
    const cookie = sessionCookieFor(server.databasePath, { email: "doan.thi.thu.trang@example.gov.vn" });
    const body = passageComment(server.databasePath);

    const consultationId = pagePath.split("/").pop()!;
    const countComments = () => {
      const d = new Database(server.databasePath, { readonly: true });
      try {
        return (d.prepare(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ?`).get(consultationId) as { n: number }).n;
      } finally {
        d.close();
      }
    };
    const before = countComments();
    const r = await postLoad({
      url: `${server.url}${pagePath}`,
      connections: 50,
      durationMs: 30_000,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const { ok, p50, p99, perSecond, figure } = loadFigures(r);
    const stored = countComments() - before;
    const rows: BenchRow[] = [
      {
        name: `passage comments POSTed by a signed-in recipient, 50 connections, 30 s (${workers} web processes): comments/s`,
        figure,
        target: "≥ 1,000/s",
        met: perSecond >= 1000,
      },
      { name: "passage comments: latency p50 / p99", figure: `${p50} ms / ${p99} ms`, target: "p99 < 100 ms", met: p99 < 100 },
      { name: "passage comments: stored = accepted", figure: `${stored} stored, ${ok} accepted`, target: "equal", met: stored === ok },
    ];

    await server.stop();
    rows.push(await benchPageWithComments());
    return rows;
  } finally {
    await server.stop();
  }
}

/**
 * The consultation page of a recipient with 2,000 comments on it, on a server of its own: one
 * comment POSTed the real way, copied to 2,000, its receipt delivered, then read one request at a time.
 */
async function benchPageWithComments(): Promise<BenchRow> {
  const server = await startServer({ WEB_CONCURRENCY: "1" });
  try {
    const body = passageComment(server.databasePath);
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1]!;
    const cookie = sessionCookieFor(server.databasePath, { email: "doan.thi.thu.trang@example.gov.vn" });
    const posted = await fetch(`${server.url}${pagePath}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: body(),
    });
    const commentId = /[?&]da-gui=([^&#]+)/.exec(posted.headers.get("location") ?? "")![1]!;
    const d = new Database(server.databasePath);
    const insert = d.prepare(
      `INSERT INTO "Comment" (id, consultationId, recipientId, authorId, versionId, scope, sectionId, anchorStart, anchorEnd, anchorExact, anchorPrefix, anchorSuffix, body, bodyText, createdAt, updatedAt) SELECT ?, consultationId, recipientId, authorId, versionId, scope, sectionId, anchorStart, anchorEnd, anchorExact, anchorPrefix, anchorSuffix, body, bodyText, createdAt, updatedAt FROM "Comment" WHERE id = ?`,
    );
    d.transaction(() => {
      for (let i = 1; i < 2000; i++) insert.run(randomUUID(), commentId);
    })();
    d.close();
    // Let the server's worker deliver the invitations first, so the reading is of the page alone (the receipt waits for its quiet period).
    for (let waited = 0; waited < 60_000; waited += 500) {
      const d = new Database(server.databasePath, { readonly: true });
      const pending = (
        d.prepare(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status IN ('pending', 'sending') AND kind <> 'receipt'`).get() as { n: number }
      ).n;
      d.close();
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // One reader at a time: the latency of the page itself, not of a queue in front of it.
    const page = await autocannon({ url: `${server.url}${pagePath}`, connections: 1, duration: 10, headers: { cookie } });
    return {
      name: "consultation page of a recipient with 2,000 comments on it, one request at a time, 10 s: latency p50 / p99",
      figure: `${page.latency.p50} ms / ${page.latency.p99} ms (${Math.round(page.requests.average)} requests/s, ${page.non2xx} non-2xx)`,
      target: "p50 < 50 ms",
      met: page.non2xx === 0 && page.latency.p50 < 50,
    };
  } finally {
    await server.stop();
  }
}
