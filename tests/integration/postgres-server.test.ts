// The throwaway PostgreSQL server the PostgreSQL tests run against (tests/helpers/postgres.ts).
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
});
