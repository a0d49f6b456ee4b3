// One reminder sweep in a process of its own, on the database of DATABASE_URL (PostgreSQL here),
// so that its peak memory and CPU time are the sweep's:
//   node --import tsx tests/bench/sweep-child.ts <ISO instant>
// Prints {ms, reminders, startRssMiB} as JSON; the usage preload (tests/helpers/usage.mjs) adds
// the process's peak memory and CPU time.
export {};

const at = process.argv[2];
if (!at) throw new Error("usage: sweep-child.ts <ISO instant>");
const { closeDb, openDb } = await import("~/utils/db.server");
const { sweep } = await import("~/models/sweep.server");
const db = await openDb();
await db.$queryRawUnsafe("SELECT 1");
const startRssMiB = process.memoryUsage().rss / 2 ** 20;
const started = performance.now();
const report = await sweep(db, new Date(at));
const ms = performance.now() - started;
await closeDb();
process.stdout.write(`${JSON.stringify({ ms, reminders: report.remindersQueued, startRssMiB })}\n`);
process.exit(0);
