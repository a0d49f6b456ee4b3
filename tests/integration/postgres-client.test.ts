// The Prisma client on PostgreSQL (app/db/postgres.server.ts), against a throwaway server migrated
// by the portal's runner: instants and flags come back as they went in, and a check-then-write
// transaction of the kind the models are full of holds when many run at once.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

describe.skipIf(skip)("the portal's Prisma client on PostgreSQL", () => {
  let server: TestPostgres;
  let pool: pg.Pool;
  // biome-ignore lint/suspicious/noExplicitAny: the Db type, imported once the environment is set
  let db: any;

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    process.env.DATABASE_URL = "file:/unused.db"; // getEnv() still wants SQLite; the pool gets the URL
    process.env.WRITE_WAIT_MS = "15000";
    const { migratePostgres } = await import("~/utils/migrate.server");
    await migratePostgres(url);
    const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
    pool = createPostgresPool(url, { max: 12 });
    db = await createPostgresDb(pool);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await pool?.end();
    await server?.stop();
  });

  it("stores instants in UTC and reads them back the same, through Prisma and through the pool", async () => {
    const deadline = new Date("2026-12-15T16:59:59.999Z"); // 23:59:59.999 on 15/12 in Hanoi
    const user = await db.user.create({ data: { email: "a@example.gov.vn", name: "Nguyễn Văn A", isDemo: true, createdAt: deadline } });
    expect(user.createdAt.toISOString()).toBe(deadline.toISOString());
    const read = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(read).toMatchObject({ createdAt: deadline, isDemo: true, name: "Nguyễn Văn A" });
    // The pool's own parsers: a timestamp is UTC whatever the server's zone, a count a number.
    await pool.query("SET TIME ZONE 'Asia/Ho_Chi_Minh'");
    const { rows } = await pool.query(`SELECT "createdAt", "isDemo", (SELECT count(*) FROM "User") AS n FROM "User" WHERE id = $1`, [user.id]);
    expect(rows[0]).toEqual({ createdAt: deadline, isDemo: true, n: 1 });
  });

  it("runs a check-then-write transaction once each, however many run at once (SERIALIZABLE, run again on conflict)", async () => {
    // The sign-in limit's shape: count the attempts, then add one only below the limit.
    const emailHash = "h".repeat(64);
    const attempt = () =>
      db.$transaction(async (tx: typeof db) => {
        const n = await tx.signInAttempt.count({ where: { emailHash } });
        await new Promise((resolve) => setTimeout(resolve, 20)); // every attempt reads before any writes
        if (n < 3) await tx.signInAttempt.create({ data: { emailHash, ip: "127.0.0.1" } });
        return n < 3;
      });
    const outcomes = await Promise.all(Array.from({ length: 10 }, attempt));
    expect(outcomes.filter(Boolean)).toHaveLength(3);
    expect(await db.signInAttempt.count({ where: { emailHash } })).toBe(3);
    // Every connection is back in the pool, those whose COMMIT failed included (scripts/patches).
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });
});
