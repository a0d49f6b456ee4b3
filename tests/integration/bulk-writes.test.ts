// The bulk inserts behind the sweep, invitations and audit trail (app/db/bulk-writes.ts,
// app/models/audit.server.ts), on both databases: the same rows, the same instants, a key queued
// once, whichever SQL each database speaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skipPostgres = postgresUnavailable();
if (skipPostgres) console.warn(skipPostgres);

process.env.APP_URL = "http://portal.test";
process.env.DATABASE_URL = `file:${tempDir()}/portal.db`;
const { createDb, dialectOf } = await import("~/utils/db.server");
const { migrate, migratePostgres } = await import("~/utils/migrate.server");
const { enqueue } = await import("~/models/outbox.server");
const { issueTokens } = await import("~/models/auth.server");
const { recordAudit, recordAudits } = await import("~/models/audit.server");
const { sha256 } = await import("~/utils/crypto.server");
const { email } = await import("../../emails");
type Db = import("~/utils/db.server").Db;

const NOW = new Date("2026-12-15T16:59:59.123Z"); // 23:59:59 on 15/12 in Hanoi

const databases: { name: string; skip: string | null; open(): Promise<{ db: Db; close(): Promise<void> }> }[] = [
  {
    name: "SQLite",
    skip: null,
    async open() {
      const file = `${tempDir()}/portal.db`;
      migrate(file);
      const db = createDb(file);
      return { db, close: () => db.$disconnect() };
    },
  },
  {
    name: "PostgreSQL",
    skip: skipPostgres,
    async open() {
      const server: TestPostgres = await startPostgres();
      const url = await server.createDatabase();
      await migratePostgres(url);
      const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
      const pool = createPostgresPool(url);
      const db = await createPostgresDb(pool);
      return {
        db,
        async close() {
          await db.$disconnect();
          await pool.end();
          await server.stop();
        },
      };
    },
  },
];

for (const database of databases) {
  describe.skipIf(database.skip)(`bulk writes on ${database.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let userIds: string[];

    beforeAll(async () => {
      ({ db, close } = await database.open());
      expect(dialectOf(db)).toBe(database.name === "SQLite" ? "sqlite" : "postgresql");
      userIds = [];
      for (let i = 0; i < 3; i++) userIds.push((await db.user.create({ data: { email: `can-bo-${i}@soctrang.gov.vn`, name: `Cán bộ ${i}` } })).id);
    }, 60_000);
    afterAll(() => close?.());

    it("queues each key once, in one call and across calls, and says which it queued", async () => {
      const message = (key: string, toEmail: string) => ({
        key,
        kind: "reminder" as const,
        toEmail,
        content: email("dang-nhap", { link: "http://portal.test/x", code: "123456", name: "Cán bộ — “Sóc Trăng”", minutes: 60 }),
      });
      const first = await db.$transaction((tx) => enqueue(tx, [message("k1", "a@x.vn"), message("k2", "b@x.vn"), message("k1", "c@x.vn")], NOW));
      expect(first.sort()).toEqual(["k1", "k2"]);
      expect(await db.$transaction((tx) => enqueue(tx, [message("k2", "b@x.vn"), message("k3", "d@x.vn")], NOW))).toEqual(["k3"]);
      const rows = await db.outboxMessage.findMany({ orderBy: { key: "asc" } });
      expect(rows.map((r) => [r.key, r.toEmail, r.status, r.attempts])).toEqual([
        ["k1", "a@x.vn", "pending", 0],
        ["k2", "b@x.vn", "pending", 0],
        ["k3", "d@x.vn", "pending", 0],
      ]);
      expect(rows[0]).toMatchObject({ nextAttemptAt: NOW, createdAt: NOW, consultationId: null, recipientId: null });
      expect(JSON.parse(rows[0]!.props).name).toBe("Cán bộ — “Sóc Trăng”");
    });

    it("queues thousands in chunks, each once", async () => {
      const many = Array.from({ length: 4500 }, (_, i) => ({
        key: `many-${i}`,
        kind: "reminder" as const,
        toEmail: `n${i}@x.vn`,
        content: email("dang-nhap", { link: "l", code: "1", name: "n", minutes: 60 }),
      }));
      expect(await db.$transaction((tx) => enqueue(tx, many, NOW))).toHaveLength(4500);
      expect(await db.outboxMessage.count({ where: { key: { startsWith: "many-" } } })).toBe(4500);
    });

    it("stores one-time links hashed, with their instants, each unique", async () => {
      const tokens = await db.$transaction((tx) =>
        issueTokens(tx, userIds, { purpose: "reminder", now: NOW, ttlMs: 3_600_000, redirectTo: "/lay-y-kien/abc" }),
      );
      expect(new Set(tokens).size).toBe(3);
      const rows = await db.loginToken.findMany({ where: { tokenHash: { in: tokens.map(sha256) } } });
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row).toMatchObject({
          purpose: "reminder",
          redirectTo: "/lay-y-kien/abc",
          createdAt: NOW,
          expiresAt: new Date(NOW.getTime() + 3_600_000),
          codeAttempts: 0,
          usedAt: null,
        });
        expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(rows.map((r) => r.userId).sort()).toEqual([...userIds].sort());
    });

    it("records audit rows one at a time and hundreds at once, with the instant as it was", async () => {
      const entry = (i: number) => ({
        event: "recipient.added" as const,
        actorId: userIds[0],
        entityType: "Recipient",
        entityId: `r${i}`,
        payload: { email: `n${i}@x.vn` },
      });
      await db.$transaction((tx) => recordAudit(tx, entry(0) as never, NOW));
      await db.$transaction((tx) => recordAudits(tx, Array.from({ length: 450 }, (_, i) => entry(i + 1)) as never[], NOW));
      const rows = await db.auditEvent.findMany({ where: { event: "recipient.added" } });
      expect(rows).toHaveLength(451);
      expect(rows.every((r) => r.at.getTime() === NOW.getTime())).toBe(true);
      expect(JSON.parse(rows.find((r) => r.entityId === "r7")!.payload)).toEqual({ email: "n7@x.vn" });
    });
  });
}

describe("instants written by hand on SQLite", () => {
  it("are in the form Prisma writes, so comparisons as text stay right", async () => {
    const file = `${tempDir()}/portal.db`;
    migrate(file);
    const db = createDb(file);
    const user = await db.user.create({ data: { email: "x@y.vn", name: "X" } });
    await db.$transaction((tx) => recordAudit(tx, { event: "recipient.added", entityType: "User", entityId: user.id, payload: {} } as never, NOW));
    await db.$transaction((tx) => issueTokens(tx, [user.id], { purpose: "reminder", now: NOW, ttlMs: 1000 }));
    const raw = await db.$queryRawUnsafe<{ at: string; createdAt: string }[]>(
      `SELECT CAST(a."at" AS TEXT) AS "at", CAST(t."createdAt" AS TEXT) AS "createdAt" FROM "AuditEvent" a, "LoginToken" t`,
    );
    expect(raw).toEqual([{ at: "2026-12-15T16:59:59.123+00:00", createdAt: "2026-12-15T16:59:59.123+00:00" }]);
    await db.$disconnect();
  });
});
