// Two nodes on one PostgreSQL (issue 12): two `npm start`s on different ports, their schedulers
// on, a real SMTP server, a reminder slot due. Every reminder arrives exactly once, one node
// sweeps (one link and one audit per reminder), and both start on a database the first migrated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";
import { type RunningServer, startServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

const DAY = 86_400_000;

describe.skipIf(skip)("two nodes on one PostgreSQL", () => {
  let pg: TestPostgres;
  let smtp: TestSmtp;
  let url: string;
  let nodes: RunningServer[] = [];
  let expected: { email: string; key: string }[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase();
    smtp = await startSmtp();
    process.env.DATABASE_URL = url;
    process.env.APP_URL = "http://portal.test";
    const { migratePostgres } = await import("~/utils/migrate.server");
    await migratePostgres(url);
    const { openDb, closeDb } = await import("~/utils/db.server");
    const db = await openDb();
    const now = await prepareDueSlot(db);
    const { sweep } = await import("~/models/sweep.server");
    expected = (await sweep(db, now, { dryRun: true })).reminders;
    await closeDb();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await smtp?.close();
    await pg?.stop();
  });

  it("lets one sweep at a time mint the links and audit rows, however many run at once", async () => {
    // A database of its own, prepared as the nodes' one is, swept three times at once.
    const other = await pg.createDatabase();
    const { migratePostgres } = await import("~/utils/migrate.server");
    await migratePostgres(other);
    const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
    const { registerPostgres } = await import("~/utils/db.server");
    const pool = createPostgresPool(other);
    const db = registerPostgres(await createPostgresDb(pool), pool);
    const now = await prepareDueSlot(db);
    const { sweep } = await import("~/models/sweep.server");
    const due = (await sweep(db, now, { dryRun: true })).remindersQueued;
    const reports = await Promise.all([sweep(db, now), sweep(db, now), sweep(db, now)]);
    expect(reports.reduce((n, r) => n + r.remindersQueued, 0)).toBe(due);
    expect(await db.loginToken.count({ where: { purpose: "reminder" } })).toBe(due);
    expect(await db.outboxMessage.count({ where: { kind: "reminder" } })).toBe(due);
    await db.$disconnect();
    await pool.end();
  });

  it("sends each due reminder once, whichever node sweeps and delivers", async () => {
    expect(expected.length).toBeGreaterThan(5);
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SCHEDULER: "on", LOAD_DEMO: "never" };
    nodes = await Promise.all([startServer(env), startServer(env)]);
    await smtp.waitFor(expected.length, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // two more delivery ticks on each node
    const to = smtp.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address);
    expect(to.sort()).toEqual(expected.map((r) => r.email).sort());

    process.env.DATABASE_URL = url;
    const { openDb, closeDb } = await import("~/utils/db.server");
    const db = await openDb();
    const reminders = await db.outboxMessage.findMany({ where: { kind: "reminder" } });
    expect(reminders.map((r) => r.key).sort()).toEqual(expected.map((r) => r.key).sort());
    expect(reminders.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    expect(await db.loginToken.count({ where: { purpose: "reminder" } })).toBe(expected.length);
    const audits = await db.auditEvent.findMany({ where: { event: "reminders.queued" } });
    expect(audits.reduce((n, a) => n + JSON.parse(a.payload).recipients, 0)).toBe(expected.length);
    // Each node served its pages off the same database.
    for (const node of nodes) expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    await closeDb();
  });
});

/** The demo loaded three days ago, then a reminder slot due yesterday at 08:00 with the deadline two days away, invitations long sent. */
async function prepareDueSlot(db: import("~/utils/db.server").Db): Promise<Date> {
  const { loadDemoIfEmpty } = await import("~/models/demo.server");
  const now = new Date();
  const id = (await loadDemoIfEmpty(db, new Date(now.getTime() - 3 * DAY)))!;
  await db.consultation.update({
    where: { id },
    data: { deadlineAt: new Date(now.getTime() + 2 * DAY), reminderSchedule: JSON.stringify([{ daysBefore: 3, at: "08:00" }]) },
  });
  await db.recipient.updateMany({ where: { consultationId: id }, data: { invitedAt: new Date(now.getTime() - 10 * DAY) } });
  await db.outboxMessage.updateMany({ data: { status: "sent", sentAt: now } });
  return now;
}
