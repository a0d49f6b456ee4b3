// The portal's database on PostgreSQL: one pg pool per process, shared by Prisma (through
// @prisma/adapter-pg) and, as the port goes on (docs/postgresql-port.md), by the statements that
// SQLite runs on its direct connection. Not yet reachable from DATABASE_URL: the portal runs on
// SQLite until every statement has its PostgreSQL side.
//
// Two rules make the models, written for SQLite's single writer (BEGIN IMMEDIATE), hold on
// PostgreSQL unchanged:
//   - every interactive transaction is SERIALIZABLE, and is run again when PostgreSQL reports a
//     serialization failure or a deadlock, until WRITE_WAIT_MS has passed; then it fails with
//     DatabaseBusyError, which the server answers 503 as it does for a busy SQLite;
//   - instants are stored as timestamp(3) holding UTC (Prisma's own mapping), and read back as UTC
//     whatever the server's time zone.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Db } from "~/utils/db.server";
import { writeWaitLimitMs } from "~/utils/write-gate.server";
import { retryTransaction } from "./retry";

export { isRetryable, retryTransaction } from "./retry";

const TIMESTAMP = 1114;
const INT8 = 20;

/** Our own parsers, on this pool only: pg's defaults read timestamps as local time and counts as text. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPostgresPool(connectionString: string, { max = 10 } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // Waiting for a connection counts as waiting for the database (write-gate.server.ts).
    connectionTimeoutMillis: writeWaitLimitMs(),
    options: "-c TimeZone=UTC",
    types,
    // Queries go out without waiting for the ones before them: a unit of work sends its writes
    // with COMMIT in one round trip (app/db/unit.ts). Used one query at a time, as Prisma does, a
    // connection behaves as without it.
    pipeline: true,
  });
  // An idle connection the server closed (a restart, a failover) is dropped by the pool and a new
  // one made on the next query; unheard, the error would stop the process.
  pool.on("error", (error) => console.warn(`PostgreSQL: một kết nối rảnh bị đóng (${error.message}); sẽ mở kết nối mới khi cần.`));
  return pool;
}

type TransactionFn = (tx: unknown) => Promise<unknown>;

/**
 * A Prisma client for PostgreSQL with the same type as SQLite's (the models are generated from one
 * schema), whose interactive transactions follow the rules above.
 */
export async function createPostgresDb(pool: pg.Pool): Promise<Db> {
  // Loaded only here, so that a SQLite deployment never initialises PostgreSQL's query compiler.
  const { PrismaClient } = await import("~/generated/prisma-postgresql/client");
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: writeWaitLimitMs() + 5_000, timeout: 20_000, isolationLevel: "Serializable" },
  });
  const $transaction = client.$transaction.bind(client) as (arg: unknown, options?: object) => Promise<unknown>;
  return new Proxy(client, {
    get(target, property) {
      if (property !== "$transaction") {
        // Bound to the client itself: its methods keep private state the proxy does not have.
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (arg: unknown, options?: object) =>
        // An interactive transaction is run again as a whole; a batch (an array of queries) is one
        // attempt, as Prisma cannot run it twice.
        typeof arg === "function" ? retryTransaction(() => $transaction(arg as TransactionFn, options)) : $transaction(arg, options);
    },
  }) as unknown as Db;
}
