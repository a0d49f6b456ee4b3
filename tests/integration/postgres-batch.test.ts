// Statements sent as one batch with one Sync (app/db/pipeline.ts), on the portal's pool against a
// throwaway PostgreSQL: each statement's rows and count come back in order, one ReadyForQuery
// answers the whole batch, an error stops the batch at that statement, and the connection's
// prepared statements stay right afterwards, whichever of them the error left unparsed.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

describe.skipIf(skip)("a batch of statements with one Sync", () => {
  let server: TestPostgres;
  let pool: pg.Pool;
  let runBatch: typeof import("~/db/pipeline").runBatch;

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    process.env.DATABASE_URL = "file:/unused.db"; // getEnv() still wants SQLite; the pool gets the URL
    const { createPostgresPool } = await import("~/db/postgres.server");
    pool = createPostgresPool(url, { max: 1 }); // one connection: what one batch prepares, the next finds
    ({ runBatch } = await import("~/db/pipeline"));
    await pool.query(`CREATE TABLE "Item" ("id" integer PRIMARY KEY, "label" text NOT NULL, "at" timestamp(3) NOT NULL)`);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  const insert = { name: "t_insert", text: `INSERT INTO "Item" VALUES ($1, $2, $3)` };
  const select = { name: "t_select", text: `SELECT "id", "label", "at" FROM "Item" WHERE "id" >= $1 ORDER BY "id"` };
  const update = { name: "t_update", text: `UPDATE "Item" SET "label" = "label" || $1 WHERE "id" > $2` };
  const at = new Date("2026-12-01T08:30:00.000Z");

  async function withClient<T>(use: (client: pg.PoolClient, readies: () => number) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let readies = 0;
    const connection = (client as unknown as { connection: { on(e: string, f: () => void): void; removeListener(e: string, f: () => void): void } }).connection;
    const count = () => void readies++;
    connection.on("readyForQuery", count);
    try {
      return await use(client, () => readies);
    } finally {
      connection.removeListener("readyForQuery", count);
      client.release();
    }
  }

  it("answers each statement in order, with one ReadyForQuery for the batch", async () => {
    await withClient(async (client, readies) => {
      const results = await runBatch(client, [
        { name: "t_begin", text: "BEGIN", values: [] },
        { ...insert, values: [1, "một", at] },
        { ...insert, values: [2, "hai", at] },
        { ...update, values: [" (sửa)", 1] },
        { ...select, values: [1] },
        { name: "t_commit", text: "COMMIT", values: [] },
      ]);
      expect(results.map((r) => r.rowCount)).toEqual([0, 1, 1, 1, 2, 0]);
      expect(results[4]!.rows).toEqual([
        { id: 1, label: "một", at },
        { id: 2, label: "hai (sửa)", at },
      ]);
      expect(readies()).toBe(1);
    });
  });

  it("stops at the first error, runs nothing after it, and leaves the connection's statements usable", async () => {
    await withClient(async (client) => {
      const fresh = { name: "t_fresh", text: `SELECT COUNT(*)::int AS "n" FROM "Item" WHERE "label" <> $1` };
      const failed = runBatch(client, [
        { name: "t_begin", text: "BEGIN", values: [] },
        { ...insert, values: [3, "ba", at] },
        { ...insert, values: [1, "trùng khóa", at] }, // the key is taken
        { ...update, values: [" (không chạy)", 0] },
        { ...fresh, values: [""] }, // first used here: its Parse is skipped with the rest
        { name: "t_commit", text: "COMMIT", values: [] },
      ]);
      await expect(failed).rejects.toMatchObject({ code: "23505" });
      await client.query("ROLLBACK");
      // The same statements again on the same connection: those parsed before the error are not
      // parsed twice ("already exists"), the one skipped is parsed now ("does not exist" otherwise).
      const [count] = await runBatch(client, [{ ...fresh, values: [""] }]);
      expect(count!.rows).toEqual([{ n: 2 }]);
      const [rows] = await runBatch(client, [{ ...select, values: [0] }]);
      expect(rows!.rows.map((r) => r.label)).toEqual(["một", "hai (sửa)"]);
    });
  });

  it("fails on a statement the server cannot parse, and the connection goes on", async () => {
    await withClient(async (client) => {
      await expect(runBatch(client, [{ name: "t_bad", text: "SELEC 1", values: [] }])).rejects.toMatchObject({ code: "42601" });
      const [ok] = await runBatch(client, [{ ...select, values: [2] }]);
      expect(ok!.rows).toHaveLength(1);
    });
  });
});
