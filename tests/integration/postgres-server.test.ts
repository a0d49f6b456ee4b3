// The throwaway PostgreSQL server the PostgreSQL tests run against (tests/helpers/postgres.ts).
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

describe.skipIf(skip)("a throwaway PostgreSQL server", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("starts on a loopback port, makes empty databases, and speaks UTF-8", async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT current_setting('server_version_num')::int AS v, current_setting('server_encoding') AS enc, $1::text AS text",
        ["Lấy ý kiến dự thảo"],
      );
      expect(rows[0].v).toBeGreaterThanOrEqual(150000);
      expect(rows[0].enc).toBe("UTF8");
      expect(rows[0].text).toBe("Lấy ý kiến dự thảo");
      const tables = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  // A PostgreSQL on the portal's own machine is reached over its Unix socket (the comment benchmark
  // does): DATABASE_URL names the socket's folder as `host`, and the runner and the pool use it.
  it("is reached over its Unix socket by the portal's DATABASE_URL, migration runner and pool", async () => {
    const url = server.overSocket(await server.createDatabase());
    expect(url).toMatch(/^postgresql:\/\/postgres@localhost\/portal_test_\w+\?host=%2F/);
    process.env.DATABASE_URL = "file:/unused.db"; // getEnv() still wants SQLite; the pool gets the URL
    const { parseDatabaseUrl } = await import("~/utils/env.server");
    expect(parseDatabaseUrl(url)).toEqual({ kind: "postgresql", url });
    const { migratePostgres } = await import("~/utils/migrate.server");
    await migratePostgres(url);
    const { createPostgresPool } = await import("~/db/postgres.server");
    const pool = createPostgresPool(url, { max: 1 });
    try {
      const { rows } = await pool.query(`SELECT inet_server_addr() AS "address", (SELECT count(*)::int FROM "_prisma_migrations") AS "applied"`);
      expect(rows[0]).toEqual({ address: null, applied: expect.any(Number) }); // a socket has no address
      expect(rows[0].applied).toBe(fs.readdirSync("prisma/postgresql/migrations").filter((n) => /^\d/.test(n)).length);
    } finally {
      await pool.end();
    }
  });
});
