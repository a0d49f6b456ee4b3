// `npm start` on PostgreSQL (issue 12): boot migrates an empty database, loads the demo
// consultation once and issues the Office's first sign-in link, as it does on SQLite; two nodes
// starting together migrate and load once, and a node starting later applies and loads nothing.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

describe.skipIf(skip)("boot on PostgreSQL", () => {
  let server: TestPostgres;

  beforeAll(async () => {
    server = await startPostgres();
    process.env.DATABASE_URL = await server.createDatabase();
    process.env.APP_URL = "http://portal.test";
    process.env.SCHEDULER = "off";
    process.env.MAILBOX_DIR = tempDir();
  }, 60_000);
  afterAll(async () => {
    const { closeDb } = await import("~/utils/db.server");
    await closeDb();
    await server?.stop();
  });

  it("migrates, loads the demo and prints the Office's link, the database named without its password", async () => {
    const { boot } = await import("~/server/boot.server");
    // Two nodes starting together on the empty database: one migrates and loads the demo.
    const both = await Promise.all([boot("single", new Date("2026-11-02T03:00:00Z")), boot("single", new Date("2026-11-02T03:00:00Z"))]);
    expect(both.filter((r) => r.demoConsultationId !== null)).toHaveLength(1);
    expect(both.filter((r) => r.migrationsApplied.length > 0)).toHaveLength(1);
    const report = both.find((r) => r.demoConsultationId !== null)!;
    expect(report.database).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/portal_test_/);
    expect(report.migrationsApplied).toEqual(fs.readdirSync("prisma/postgresql/migrations").filter((n) => /^\d/.test(n)));
    expect(report.demoConsultationId).toEqual(expect.any(String));
    expect(report.officeLink).toMatch(/^http:\/\/portal\.test\//);
    const { getDb } = await import("~/utils/db.server");
    const db = getDb();
    const demo = await db.consultation.findUniqueOrThrow({ where: { id: report.demoConsultationId! }, include: { recipients: true } });
    expect(demo.recipients.length).toBeGreaterThan(10);
    expect(await db.outboxMessage.count({ where: { kind: "invitation", consultationId: demo.id } })).toBe(demo.recipients.length);

    const again = await boot("single", new Date("2026-11-02T03:05:00Z"));
    expect(again.migrationsApplied).toEqual([]);
    expect(again.demoConsultationId).toBeNull();
    expect(await db.consultation.count({ where: { isDemo: true } })).toBe(await db.consultation.count());
  });
});
