// A write made of several hand-written statements that must commit together (posting a comment:
// check, insert, audit, receipt), written once as a generator and run by either database:
//   - on SQLite, synchronously inside writeDirect's IMMEDIATE transaction, so that the comments of
//     one turn of the event loop still share one commit (group commit, decision 0005);
//   - on PostgreSQL, statement by statement on one pooled connection in a SERIALIZABLE
//     transaction, run again from the start when PostgreSQL reports a conflict (two first
//     comments opening the same receipt, two identical POSTs), as Prisma's transactions are
//     (app/db/postgres.server.ts).
// The logic reads as straight code: `const row = yield* one(db statement, params)`.
import { type Db, dialectOf, poolOf, statement, writeDirect } from "~/utils/db.server";
import { fromSqlite, postgresParam, type Statement, sqliteParam, statementName } from "./direct";
import { retryTransaction } from "./retry";

type Op = { kind: "all"; s: Statement<unknown>; params: readonly unknown[] } | { kind: "run"; s: Statement<unknown>; params: readonly unknown[] };
export type Unit<T> = Generator<Op, T, unknown>;

/** The rows a statement returns, inside a unit. */
export function* all<Row>(s: Statement<Row>, params: readonly unknown[]): Generator<Op, Row[], unknown> {
  return (yield { kind: "all", s: s as Statement<unknown>, params }) as Row[];
}

/** Its first row, or undefined. */
export function* one<Row>(s: Statement<Row>, params: readonly unknown[]): Generator<Op, Row | undefined, unknown> {
  return (yield* all(s, params))[0];
}

/** How many rows a write changed. */
export function* run(s: Statement<unknown>, params: readonly unknown[]): Generator<Op, number, unknown> {
  return (yield { kind: "run", s, params }) as number;
}

/**
 * Runs a unit of work in one transaction; `make` is called again for each attempt.
 *
 * `queue`, on PostgreSQL: units with the same key take turns (a transaction-scoped advisory lock
 * taken first) and run at READ COMMITTED, instead of running together at SERIALIZABLE and being
 * run again when they collide. For writes that all touch one row of their key — a comment appends
 * to its author's receipt digest — SERIALIZABLE turned a burst from one official into a storm of
 * conflicts and retries (74 comments/s, p99 4 s, 50 at once); with the lock they queue like on
 * SQLite, and different keys still write side by side. SQLite ignores it: its writers always take
 * turns.
 */
export function writeUnit<T>(db: Db, make: () => Unit<T>, { queue }: { queue?: string } = {}): Promise<T> {
  if (dialectOf(db) === "sqlite") {
    return writeDirect(db, (conn) => {
      const unit = make();
      let step = unit.next();
      while (!step.done) {
        const op = step.value;
        const prepared = statement(conn, op.s.sqlite);
        const params = op.params.map(sqliteParam);
        if (op.kind === "run") step = unit.next(prepared.run(...params).changes);
        else {
          const rows = prepared.all(...params) as Record<string, unknown>[];
          for (const row of rows) fromSqlite(row, op.s);
          step = unit.next(rows);
        }
      }
      return step.value;
    });
  }
  const pool = poolOf(db);
  return retryTransaction(async () => {
    const client = await pool.connect();
    let broken: unknown;
    try {
      if (queue === undefined) await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
      else {
        await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
        await client.query({ name: "portal_queue", text: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", values: [queue] });
      }
      try {
        const unit = make();
        let step = unit.next();
        while (!step.done) {
          const op = step.value;
          const result = await client.query({ name: statementName(op.s.postgresql), text: op.s.postgresql, values: op.params.map(postgresParam) });
          step = unit.next(op.kind === "run" ? (result.rowCount ?? 0) : result.rows);
        }
        await client.query("COMMIT");
        return step.value;
      } catch (error) {
        await client.query("ROLLBACK").catch((e: unknown) => {
          broken = e; // the connection is unusable: destroy it rather than return it to the pool
        });
        throw error;
      }
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  });
}
