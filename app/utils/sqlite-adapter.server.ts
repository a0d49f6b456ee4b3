// Prisma's better-sqlite3 adapter, made safe for several processes writing one file.
//
// The stock adapter runs everything on one connection and starts transactions with a plain BEGIN.
// Two processes then fail each other: a transaction that read first and writes later finds its
// snapshot stale once the other process has committed (SQLITE_BUSY_SNAPSHOT, no retry possible),
// and a statement waiting for the lock blocks the event loop for up to the busy timeout. Other
// requests' statements also ran inside whatever transaction was open on the shared connection.
//
// Here:
//   - transactions run on a connection of their own and start with BEGIN IMMEDIATE: the write lock
//     is taken before anything is read, so what was read is still true at COMMIT;
//   - taking it goes through this process's write gate, then retries with pauses while another
//     process holds it (write-gate.server.ts), bounded by WRITE_WAIT_MS;
//   - statements outside a transaction run on the other connection: reads directly (WAL readers
//     never wait for writers), writes through the gate and retried the same way, which is safe
//     because a single statement that fails busy has changed nothing.
// The row and argument conversions stay the stock adapter's: each connection is one of its adapters.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";
import type Database from "better-sqlite3";
import { type Release, retryWhileBusy, SQLITE_BUSY_WAIT_MS, writeGate, writeWaitLimitMs } from "./write-gate.server";

interface Connection {
  adapter: SqlDriverAdapter;
  /** The better-sqlite3 handle inside the stock adapter (a public field of its class, untyped). */
  sqlite: Database.Database;
}

async function openConnection(path: string): Promise<Connection> {
  const adapter = await new PrismaBetterSQLite3({ url: path, timeout: SQLITE_BUSY_WAIT_MS }).connect();
  const sqlite = (adapter as unknown as { client: Database.Database }).client;
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return { adapter, sqlite };
}

export class PortalSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = "@prisma/adapter-better-sqlite3";
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new PortalSqliteAdapter(await openConnection(this.#path), await openConnection(this.#path));
  }
}

class PortalSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName = "@prisma/adapter-better-sqlite3";
  readonly #main: Connection;
  readonly #tx: Connection;
  /** Whether a statement writes, by its SQL: better-sqlite3 knows, at the cost of preparing it. */
  readonly #writes = new Map<string, boolean>();

  constructor(main: Connection, tx: Connection) {
    this.#main = main;
    this.#tx = tx;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#autocommit(query.sql, () => this.#main.adapter.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#autocommit(query.sql, () => this.#main.adapter.executeRaw(query));
  }

  async executeScript(script: string): Promise<void> {
    await writeGate.run(() => retryWhileBusy(() => this.#main.sqlite.exec(script), Date.now() + writeWaitLimitMs()));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite chỉ hỗ trợ mức cô lập SERIALIZABLE (yêu cầu: ${isolationLevel}).`);
    const deadline = Date.now() + writeWaitLimitMs();
    const release = await writeGate.acquire(writeWaitLimitMs());
    try {
      await retryWhileBusy(() => this.#tx.sqlite.exec("BEGIN IMMEDIATE"), deadline);
    } catch (error) {
      release();
      throw error;
    }
    return new PortalSqliteTransaction(this.#tx, release);
  }

  async dispose(): Promise<void> {
    await this.#main.adapter.dispose();
    await this.#tx.adapter.dispose();
  }

  async #autocommit<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + writeWaitLimitMs();
    if (!this.#isWrite(sql)) return retryWhileBusy(run, deadline);
    return writeGate.run(() => retryWhileBusy(run, deadline), writeWaitLimitMs());
  }

  #isWrite(sql: string): boolean {
    if (/^\s*SELECT\b/i.test(sql)) return false; // most of Prisma's reads, without preparing them twice
    let writes = this.#writes.get(sql);
    if (writes === undefined) {
      try {
        writes = !this.#main.sqlite.prepare(sql).readonly;
      } catch {
        return false; // the statement itself will fail, with SQLite's own message
      }
      if (this.#writes.size >= 2_000) this.#writes.clear(); // Prisma's IN lists make many shapes
      this.#writes.set(sql, writes);
    }
    return writes;
  }
}

/** Holds the write gate from BEGIN IMMEDIATE until COMMIT or ROLLBACK, which it issues itself. */
class PortalSqliteTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName = "@prisma/adapter-better-sqlite3";
  readonly options = { usePhantomQuery: true };
  readonly #conn: Connection;
  readonly #release: Release;

  constructor(conn: Connection, release: Release) {
    this.#conn = conn;
    this.#release = release;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#conn.adapter.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#conn.adapter.executeRaw(query);
  }

  async commit(): Promise<void> {
    try {
      this.#conn.sqlite.exec("COMMIT");
    } catch (error) {
      if (this.#conn.sqlite.inTransaction) this.#conn.sqlite.exec("ROLLBACK");
      throw error;
    } finally {
      this.#release();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.#conn.sqlite.inTransaction) this.#conn.sqlite.exec("ROLLBACK");
    } finally {
      this.#release();
    }
  }
}
