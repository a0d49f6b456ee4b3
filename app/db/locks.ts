// Work that only one process at a time should do, across every machine on one database.
//
// On PostgreSQL several nodes each run a scheduler: the sweep (reminders, summaries, openings) is
// idempotent by its outbox keys, but two nodes sweeping at once would still each mint one-time
// links and audit rows for the same reminders before one of their inserts is skipped. A session
// advisory lock, tried and not waited for, lets one node sweep while the others skip that minute.
//
// On SQLite the server has one scheduler process (the cluster's primary gives it one worker), and
// `portal sweep` from cron beside it stays correct by the same keys, so nothing is taken.
import { type Db, dialectOf, poolOf, type Tx } from "~/utils/db.server";
import type { DatabaseConfig } from "~/utils/env.server";

/** Advisory lock keys: one per kind of exclusive work, fixed for the life of the database (migrations have theirs, app/utils/migrate.server.ts). */
export const LOCKS = { sweep: 715_001, boot: 715_002 } as const;

/**
 * Runs `work` when this process can take the lock at once; otherwise returns `busy()` without
 * waiting, since another process is doing the same work now.
 */
export async function whileHolding<T>(db: Db, lock: keyof typeof LOCKS, work: () => Promise<T>, busy: () => T): Promise<T> {
  if (dialectOf(db) === "sqlite") return work();
  const client = await poolOf(db).connect();
  // A session lock lives as long as its connection: one that could not be unlocked is closed, not
  // handed back to the pool still holding it (which would stop every node's sweep).
  let unlockFailed: Error | undefined;
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS taken", [LOCKS[lock]]);
    if (!rows[0].taken) return busy();
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCKS[lock]]).catch((error: Error) => {
        unlockFailed = error;
      });
    }
  } finally {
    client.release(unlockFailed);
  }
}

/**
 * Runs boot's one-time work (migrations, the demo for an empty database) with the boot lock held,
 * waiting for another node that holds it: two nodes starting together on an empty PostgreSQL load
 * the demo once. Its own connection, since the pool's client is made after migrating.
 */
export async function underBootLock<T>(database: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (database.kind === "sqlite") return work();
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCKS.boot]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock, on success or failure
  }
}

/** The turn taken by everything that changes who is on a consultation's list or invites them. */
export const recipientListTurn = (consultationId: string) => `recipients:${consultationId}`;

/**
 * A Prisma transaction that takes its turn behind the others of the same key (an Office's changes
 * to one consultation's list of recipients). On PostgreSQL it runs at READ COMMITTED after a
 * transaction-scoped advisory lock on the key, so each of its statements sees what the one before
 * it committed: at SERIALIZABLE, two lists added at once, or one added while officials' comments
 * mark them answered, collided again and again until the write wait ran out and the clerk got a
 * 503. SQLite's transactions take turns already.
 */
export function queuedTransaction<T>(db: Db, key: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === "sqlite") return db.$transaction(work);
  // The SQLite client's type knows only its own isolation level; this is PostgreSQL's client.
  const options = { isolationLevel: "ReadCommitted" } as unknown as Parameters<Db["$transaction"]>[1];
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS "queued" FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS "lock"`;
    return work(tx);
  }, options);
}
