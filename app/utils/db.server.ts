// One Prisma client per process, over better-sqlite3 (WAL, synchronous=NORMAL) through the
// portal's adapter, whose writes wait for each other across processes instead of failing
// (sqlite-adapter.server.ts, docs/decisions/0008-write-contention.md), and beside it a
// direct better-sqlite3 connection to the same file for the statements where Prisma's cost shows:
// a comment being posted, a session being looked up, the comment list and its highlight marks,
// the report's rows. Prisma's query compiler costs about a millisecond a query, which capped
// comment POSTs near 80 a second. docs/decisions/0005-hot-path.md.
//
// On PostgreSQL (openDb) the client runs over one pg pool per process, which the
// hand-written statements of app/db/ share (app/db/postgres.server.ts).
import Database from "better-sqlite3";
import type { Pool } from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";
import { PortalSqliteAdapterFactory } from "./sqlite-adapter.server";
import { retryWhileBusy, SQLITE_BUSY_WAIT_MS, writeGate, writeWaitLimitMs } from "./write-gate.server";

export { DatabaseBusyError, isDatabaseBusy } from "./write-gate.server";

export type Db = PrismaClient;
/** The client or a transaction client: model functions accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export type Sqlite = Database.Database;

let client: PrismaClient | undefined;
const databasePaths = new WeakMap<PrismaClient, string>();
const directConnections = new WeakMap<PrismaClient, Sqlite>();

export function createDb(databasePath: string): PrismaClient {
  const db = new PrismaClient({
    adapter: new PortalSqliteAdapterFactory(databasePath),
    // Prisma's own wait for a transaction to start must outlast the write gate's, so that a write
    // that waited too long fails with the gate's clear DatabaseBusyError, not Prisma's P2028.
    transactionOptions: { maxWait: writeWaitLimitMs() + 5_000, timeout: 20_000 },
  });
  databasePaths.set(db, databasePath);
  return db;
}

/**
 * The process's client. On SQLite it is made on first use; on PostgreSQL openDb() makes it at
 * start-up (boot, the command line, the test helpers), since its pool and client load apart.
 */
export function getDb(): PrismaClient {
  if (client) return client;
  const { database } = getEnv();
  if (database.kind === "postgresql") throw new Error("getDb: on PostgreSQL the client is made by openDb() at start-up");
  client = createDb(database.path);
  return client;
}

let opening: Promise<PrismaClient> | undefined;

/** The process's client, for either database. */
export function openDb(): Promise<PrismaClient> {
  if (client) return Promise.resolve(client);
  const { database } = getEnv();
  if (database.kind === "sqlite") return Promise.resolve(getDb());
  opening ??= (async () => {
    const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
    const pool = createPostgresPool(database.url, { max: getEnv().DATABASE_POOL_SIZE });
    const db = await createPostgresDb(pool);
    pools.set(db, pool);
    client = db;
    return db;
  })();
  return opening;
}

const pools = new WeakMap<PrismaClient, Pool>();

/** Which database a client (or a transaction's client) speaks to. */
export function dialectOf(db: Tx): "sqlite" | "postgresql" {
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** The pg pool behind a PostgreSQL client, which the statements of app/db/ share with Prisma. */
export function poolOf(db: Db): Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: this client was not made by openDb for PostgreSQL");
  return pool;
}

/** A PostgreSQL client made elsewhere (a test's own database), with its pool. */
export function registerPostgres(db: Db, pool: Pool): Db {
  pools.set(db, pool);
  return db;
}

/** The direct connection to the database behind a Prisma client, opened on first use. */
export function directConnection(db: Db): Sqlite {
  let conn = directConnections.get(db);
  if (!conn) {
    const databasePath = databasePaths.get(db);
    if (!databasePath) throw new Error("directConnection: this Prisma client was not made by createDb");
    conn = new Database(databasePath, { timeout: SQLITE_BUSY_WAIT_MS });
    conn.pragma("synchronous = NORMAL");
    conn.pragma("foreign_keys = ON");
    directConnections.set(db, conn);
  }
  return conn;
}

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection. */
export function statement(conn: Sqlite, sql: string): Database.Statement {
  let cache = statements.get(conn);
  if (!cache) {
    cache = new Map();
    statements.set(conn, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = conn.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

interface DirectWrite {
  fn: (conn: Sqlite) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
const pendingWrites = new WeakMap<Sqlite, DirectWrite[]>();

/**
 * Runs `fn` synchronously inside an IMMEDIATE transaction on the direct connection, through the
 * process's write gate, the same one Prisma's transactions go through (write-gate.server.ts). Writes that arrive in the same turn of the event loop share one transaction (group
 * commit), each in its own savepoint: one that throws is rolled back alone and rejects alone, the
 * others commit together. Most of a comment's cost is SQLite writing the pages it touched (the
 * comment and its indexes, the audit row, the receipt in the outbox) to the WAL; fifty comments in
 * one commit write most of those pages once.
 *
 * Another process (a second web worker, the scheduler, the CLI) may hold SQLite's write lock: the
 * connection waits up to SQLITE_BUSY_WAIT_MS for it, which covers a commit of theirs, then the
 * batch is retried after a pause, so a long transaction elsewhere never stalls the event loop.
 */
export function writeDirect<T>(db: Db, fn: (conn: Sqlite) => T): Promise<T> {
  const conn = directConnection(db);
  return new Promise<T>((resolve, reject) => {
    let batch = pendingWrites.get(conn);
    if (!batch) {
      batch = [];
      pendingWrites.set(conn, batch);
      setImmediate(() => void commitBatch(conn));
    }
    batch.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
}

async function commitBatch(conn: Sqlite): Promise<void> {
  const batch = pendingWrites.get(conn)!;
  pendingWrites.delete(conn);
  const runAll = conn.transaction(() =>
    batch.map((write) => {
      try {
        return { ok: true as const, value: conn.transaction(write.fn)(conn) }; // a savepoint each
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  const deadline = Date.now() + writeWaitLimitMs();
  try {
    const outcomes = await writeGate.run(() => retryWhileBusy(() => runAll.immediate(), deadline));
    for (const [i, o] of outcomes.entries()) {
      if (o.ok) batch[i]!.resolve(o.value);
      else batch[i]!.reject(o.error);
    }
  } catch (error) {
    for (const write of batch) write.reject(error); // the commit itself failed: nothing was written
  }
}

/** An instant as Prisma's SQLite adapter stores it, so both ways of writing read back alike. */
export function sqlInstant(instant: Date): string {
  return instant.toISOString().replace("Z", "+00:00");
}

/** An instant as a raw query's parameter compares with a stored one, on either database. */
export function instantParam(db: Tx, instant: Date): Date | string {
  return dialectOf(db) === "sqlite" ? sqlInstant(instant) : instant;
}

/**
 * Opens the client's connections now rather than on the first query. Their settings (synchronous,
 * foreign keys, busy wait) are made by the adapter on each; journal_mode=WAL is persistent and set
 * by the migrator.
 */
export async function tuneConnection(db: PrismaClient): Promise<void> {
  await db.$connect();
}

export async function closeDb(): Promise<void> {
  if (client) directConnections.get(client)?.close();
  await client?.$disconnect();
  if (client) await pools.get(client)?.end();
  client = undefined;
  opening = undefined;
}
