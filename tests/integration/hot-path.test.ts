// The comment hot path writes on a direct SQLite connection beside Prisma's (docs/decisions/
// 0005-hot-path.md). These are the ways that could go wrong: a direct write landing inside a
// Prisma transaction, another process holding the write lock, and the server in cluster mode.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { onPostgres, useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const { db, databasePath } = await useFreshDatabase();
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const page = await import("~/routes/lay-y-kien.$consultationId");

const now = new Date();
const people = ["an", "binh"].map((n) => ({ name: `Người ${n}`, email: `${n}@example.gov.vn`, title: `Giám đốc Sở ${n}` }));
const open = (await createTestConsultation(db, { now, deadline: new Date(now.getTime() + 7 * 86_400_000), recipients: people })).consultationId;

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}

async function post(cookie: string, fields: Record<string, string>) {
  const request = new Request(`http://portal.test/lay-y-kien/${open}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } });
  try {
    return (await page.action({ request, params: { consultationId: open }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const an = await cookieFor("an@example.gov.vn");
const binh = await cookieFor("binh@example.gov.vn");

describe("direct writes beside Prisma's transactions", () => {
  it("interleaves comments (direct) with edits and agreement (Prisma transactions) without losing or failing any", async () => {
    await post(an, { intent: "comment", text: "Ý kiến gốc.", idempotencyKey: randomUUID() });
    const first = await db.comment.findFirstOrThrow({ where: { consultationId: open } });
    const key = randomUUID();
    const requests = [
      ...Array.from({ length: 60 }, (_, i) => () => post(i % 2 ? an : binh, { intent: "comment", text: `Ý kiến số ${i}`, idempotencyKey: randomUUID() })),
      ...Array.from({ length: 20 }, (_, i) => () => post(an, { intent: "edit", commentId: first.id, text: `Sửa lần ${i}` })),
      () => post(binh, { intent: "agree", note: "" }),
      // The same form sent six times at once: one comment. On PostgreSQL they read the key before
      // taking their turn (app/db/unit.ts), so all but one meet the unique key and are run again.
      ...Array.from({ length: 6 }, () => () => post(an, { intent: "comment", text: "Gửi nhiều lần", idempotencyKey: key })),
    ];
    const responses = await Promise.all(requests.map((r) => r()));
    expect(responses.map((r) => r.status)).toEqual(requests.map(() => 303));
    expect(await db.comment.count({ where: { consultationId: open } })).toBe(1 + 60 + 1);
    expect(await db.commentRevision.count({ where: { commentId: first.id } })).toBe(20);
    expect(await db.auditEvent.count({ where: { consultationId: open, event: "comment.created" } })).toBe(62);
    // One digest per official for the 62 comments (docs: app/models/receipt.server.ts), and the agreement's own receipt.
    expect(await db.outboxMessage.count({ where: { consultationId: open, kind: "receipt" } })).toBe(2 + 1);
    const digests = await db.outboxMessage.findMany({ where: { consultationId: open, key: { endsWith: ":open" } } });
    const named = await Promise.all(digests.map((d) => db.comment.count({ where: { receiptId: d.id } })));
    expect(named.sort((a, b) => a - b)).toEqual([30, 32]);
  });

  // SQLite's single writer: the write gate orders the direct connection behind Prisma's. PostgreSQL
  // lets both write at once (tests/integration/postgres-reading.test.ts covers its conflicts).
  it.skipIf(onPostgres)("holds a direct write back while a Prisma transaction is open, so the transaction's own write still succeeds", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const user = await db.user.findUniqueOrThrow({ where: { email: "an@example.gov.vn" } });
    const transaction = db.$transaction(async (tx) => {
      await tx.comment.count(); // the transaction now reads from a snapshot
      entered();
      await gate;
      await tx.auditEvent.create({ data: { event: "test.write", actorId: user.id, entityType: "User", entityId: user.id, payload: "{}" } });
    });
    await inside;
    const comment = post(an, { intent: "comment", text: "Trong lúc Prisma đang giữ giao dịch", idempotencyKey: randomUUID() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await db.comment.count({ where: { bodyText: "Trong lúc Prisma đang giữ giao dịch" } })).toBe(0);
    release();
    await transaction;
    expect((await comment).status).toBe(303);
  });

  it.skipIf(onPostgres)("waits for another process's write transaction instead of failing", async () => {
    const other = new Database(databasePath);
    other.prepare("BEGIN IMMEDIATE").run();
    const pending = post(an, { intent: "comment", text: "Trong lúc tiến trình khác đang ghi", idempotencyKey: randomUUID() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.prepare("COMMIT").run();
    other.close();
    expect((await pending).status).toBe(303);
    expect(await db.comment.count({ where: { bodyText: "Trong lúc tiến trình khác đang ghi" } })).toBe(1);
  });
});

describe("the server in cluster mode", () => {
  it("serves from two web processes, takes comments, and its scheduler process sends the receipts", async () => {
    const server = await startServer({ WEB_CONCURRENCY: "2" });
    try {
      expect(server.output()).toContain("2 tiến trình phục vụ");
      const list = await (await fetch(server.url)).text();
      const consultationPath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1]!;
      const cookie = await sessionCookieFor(server, { email: "doan.thi.thu.trang@example.gov.vn" });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fetch(`${server.url}${consultationPath}`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "comment", text: `Ý kiến ${i}`, idempotencyKey: randomUUID() }),
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 303));
      const id = consultationPath.split("/").pop();
      const count = async (sql: string) => (await server.db.get<{ n: number }>(sql, id))!.n;
      expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ?`)).toBe(20);
      // What the direct handler does not store, Remix answers, with the body as it was sent.
      const post = (query: string, fields: Record<string, string>) =>
        fetch(`${server.url}${consultationPath}${query}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        });
      const empty = await post("", { intent: "comment", text: "   ", idempotencyKey: randomUUID() });
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain("Nội dung góp ý không được để trống.");
      // A Remix data request (a form submitted by Remix's client) goes to Remix untouched.
      const data = await post(`?_data=${encodeURIComponent("routes/lay-y-kien.$consultationId")}`, {
        intent: "comment",
        text: "Qua Remix",
        idempotencyKey: randomUUID(),
      });
      expect(data.status).toBe(204);
      expect(data.headers.get("x-remix-redirect")).toMatch(/#y-kien-/);
      expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ?`)).toBe(21);
      // The 21 comments, from two processes at once, are one digest listing each once; it goes out
      // from the scheduler process once the quiet period is over (moved here to the past).
      const digest = await server.db.all<{ id: string; status: string }>(
        `SELECT "id", "status" FROM "OutboxMessage" WHERE "consultationId" = ? AND kind = 'receipt'`,
        id,
      );
      expect(digest).toHaveLength(1);
      expect(digest[0]!.status).toBe("pending");
      expect(await count(`SELECT COUNT(DISTINCT "bodyText") AS n FROM "Comment" WHERE "receiptId" = '${digest[0]!.id}' AND "consultationId" = ?`)).toBe(21);
      await server.db.run(
        `UPDATE "OutboxMessage" SET "nextAttemptAt" = ? WHERE "consultationId" = ? AND kind = 'receipt'`,
        new Date("2000-01-01T00:00:00Z"),
        id,
      );
      for (
        let waited = 0;
        (await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "consultationId" = ? AND kind = 'receipt' AND status = 'sent'`)) < 1;
        waited += 100
      ) {
        expect(waited).toBeLessThan(20_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The direct handler reads the session with the comment: a revoked one stores nothing, and
      // Remix sends the browser to sign in, as for any page.
      await server.db.run(`UPDATE "Session" SET "revokedAt" = ? WHERE "revokedAt" IS NULL`, new Date());
      const revoked = await post("", { intent: "comment", text: "Sau khi phiên bị thu hồi", idempotencyKey: randomUUID() });
      expect(revoked.status).toBe(302);
      expect(revoked.headers.get("location")).toMatch(/^\/dang-nhap\?tiep=/);
      expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ?`)).toBe(21);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
