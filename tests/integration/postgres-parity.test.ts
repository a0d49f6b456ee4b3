// The same portal on both databases: the demo loaded into SQLite and into PostgreSQL at the same
// instant gives the Office the same decision screen and the same report, row for row and in the
// same order (general comments first, then whole-section comments before passage ones, which on
// PostgreSQL needs NULLS FIRST spelled out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

const LOADED = new Date("2026-11-02T03:00:00Z");
const NOW = new Date("2027-01-20T03:00:00Z"); // both demo consultations closed

describe.skipIf(skip)("SQLite and PostgreSQL give the Office the same screens", () => {
  let server: TestPostgres;
  type Db = import("~/utils/db.server").Db;
  const dbs: { name: string; db: Db; closed: string }[] = [];
  let pool: import("pg").Pool;

  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    process.env.DATABASE_URL = `file:${tempDir()}/unused.db`;
    process.env.APP_URL = "http://portal.test";
    const { createDb, registerPostgres } = await import("~/utils/db.server");
    const { migrate, migratePostgres } = await import("~/utils/migrate.server");
    const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
    const { loadDemoIfEmpty } = await import("~/models/demo.server");
    const file = `${tempDir()}/portal.db`;
    migrate(file);
    await migratePostgres(url);
    pool = createPostgresPool(url);
    for (const [name, db] of [
      ["SQLite", createDb(file)],
      ["PostgreSQL", registerPostgres(await createPostgresDb(pool), pool)],
    ] as const) {
      await loadDemoIfEmpty(db, LOADED);
      const closed = await db.consultation.findFirstOrThrow({ where: { deadlineAt: { lt: LOADED } } });
      dbs.push({ name, db, closed: closed.id });
    }
  }, 120_000);
  afterAll(async () => {
    for (const { db } of dbs) await db.$disconnect();
    await pool?.end();
    await server?.stop();
  });

  it("the decision screen: the same groups, comments, decisions and counts, in the same order", async () => {
    const { decisionScreen } = await import("~/models/disposition.server");
    const seen = [];
    for (const { db, closed } of dbs) {
      const screen = (await decisionScreen(db, closed, { page: 1 }, NOW))!;
      seen.push({
        progress: screen.progress,
        total: screen.total,
        summary: screen.summary,
        organizations: screen.organizations,
        groups: screen.groups.map((g) => ({
          title: g.title,
          items: g.items.map((i) => ({ n: i.number, text: i.text, scope: i.scope, kind: i.disposition?.kind ?? null, late: i.isLate, author: i.author })),
        })),
      });
    }
    expect(seen[0]!.total).toBeGreaterThan(5);
    expect(seen[1]).toEqual(seen[0]);
  });

  it("the report: the same rows in the same order, the same summary", async () => {
    const { reportData } = await import("~/models/report.server");
    const seen = [];
    for (const { db, closed } of dbs) {
      const report = (await reportData(db, closed, NOW))!;
      const rows = [];
      for await (const batch of report.rows) rows.push(...batch.map(({ commentId: _, ...r }) => r));
      const { consultationId: __, ...header } = report.header;
      seen.push({ header, summary: report.summary, rows });
    }
    expect(seen[0]!.rows.length).toBeGreaterThan(5);
    expect(seen[1]).toEqual(seen[0]);
  });
});
