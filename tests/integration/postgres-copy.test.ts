// `npm run portal -- db copy --to postgresql://…` (issue 12): an existing SQLite portal moved to
// PostgreSQL with nothing lost, every table compared; bad input gets a Vietnamese message and
// changes nothing.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";
import { freePort } from "../helpers/server";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

describe.skipIf(skip)("db copy", () => {
  let server: TestPostgres;
  let file: string;
  let env: Record<string, string>;
  let counts: Record<string, number>;

  beforeAll(async () => {
    server = await startPostgres();
    file = `${tempDir()}/portal.db`;
    process.env.DATABASE_URL = `file:${file}`;
    process.env.APP_URL = "http://portal.test";
    env = { DATABASE_URL: `file:${file}`, APP_URL: "http://portal.test" };
    const { migrate } = await import("~/utils/migrate.server");
    migrate(file);
    const { createDb } = await import("~/utils/db.server");
    const db = createDb(file);
    const { loadDemoIfEmpty } = await import("~/models/demo.server");
    await loadDemoIfEmpty(db, new Date("2026-11-02T03:00:00Z"));
    counts = {
      Comment: await db.comment.count(),
      Section: await db.section.count(),
      OutboxMessage: await db.outboxMessage.count(),
      AuditEvent: await db.auditEvent.count(),
      Recipient: await db.recipient.count(),
    };
    await db.$disconnect();
  }, 120_000);
  afterAll(() => server?.stop());

  it("copies every table, row for row, and says so table by table", async () => {
    const url = await server.createDatabase();
    const r = await runCli(["db", "copy", "--to", url], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = r.json();
    expect(report.to).toBe(url);
    const byTable = Object.fromEntries(report.tables.map((t: { table: string; rows: number }) => [t.table, t.rows]));
    expect(byTable).toMatchObject(counts);
    expect(report.rows).toBe(report.tables.reduce((n: number, t: { rows: number }) => n + t.rows, 0));
    for (const t of report.tables) expect(t.checksum).toMatch(/^[0-9a-f]{64}$/);
    // Parents before children: the section tree and every foreign key held as the rows went in.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE "isLate")::int AS late FROM "Comment"`);
    expect(rows[0].n).toBe(counts.Comment);
    await client.end();
  });

  it("refuses a target that is not empty, and leaves it as it was", async () => {
    const url = await server.createDatabase();
    expect((await runCli(["db", "copy", "--to", url], env)).status).toBe(0);
    const again = await runCli(["db", "copy", "--to", url], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Lỗi: Cơ sở dữ liệu đích .* không trống .*chưa có gì được chép/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query(`SELECT COUNT(*)::int AS n FROM "Comment"`)).rows[0].n).toBe(counts.Comment);
    await client.end();
  });

  it("says in Vietnamese when the server cannot be reached or the address is not PostgreSQL's", async () => {
    const closed = await freePort();
    const unreachable = await runCli(["db", "copy", "--to", `postgresql://postgres@127.0.0.1:${closed}/portal`], env);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/Lỗi: Không kết nối được tới PostgreSQL postgresql:\/\/postgres@127\.0\.0\.1:\d+\/portal: .*Chưa có gì được chép\./);
    const wrong = await runCli(["db", "copy", "--to", "mysql://x@y/z"], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/"db copy" cần --to postgresql:\/\//);
  });

  it("refuses text PostgreSQL cannot hold, naming the row, and copies nothing", async () => {
    const Database = (await import("better-sqlite3")).default;
    const copy = `${tempDir()}/portal.db`;
    const original = new Database(file);
    original.prepare("VACUUM INTO ?").run(copy); // the portal as it stands, its WAL included
    original.close();
    const sqlite = new Database(copy);
    const { id } = sqlite.prepare(`SELECT "id" FROM "Comment" LIMIT 1`).get() as { id: string };
    sqlite.prepare(`UPDATE "Comment" SET "bodyText" = 'Trước' || char(0) || 'sau' WHERE "id" = ?`).run(id);
    sqlite.close();
    const url = await server.createDatabase();
    const r = await runCli(["db", "copy", "--to", url], { ...env, DATABASE_URL: `file:${copy}` });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Bảng Comment, dòng ${id}, cột bodyText chứa ký tự NUL (U+0000)`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query(`SELECT COUNT(*)::int AS n FROM "User"`)).rows[0].n).toBe(0);
    await client.end();
  });
});
