export {};

// A delivery worker in a process of its own, as a second server would be: prints the keys it sent.
// Usage: tsx tests/helpers/outbox-worker-process.ts <workerId> <nowISO>   (DATABASE_URL, SMTP_URL from env)
const [workerId, nowIso] = process.argv.slice(2) as [string, string];
const { openDb, tuneConnection } = await import("~/utils/db.server");
const { getEnv } = await import("~/utils/env.server");
const { createMailer } = await import("~/utils/mailer.server");
const { deliverAllDue } = await import("~/server/outbox-worker.server");

const db = await openDb();
await tuneConnection(db);
const mailer = createMailer(getEnv());
const { sent } = await deliverAllDue(db, mailer, { now: new Date(nowIso), workerId, limit: 10 });
mailer.close();
await db.$disconnect();
process.stdout.write(JSON.stringify(sent));
