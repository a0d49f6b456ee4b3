// A write made of several hand-written statements that must commit together (posting a comment:
// check, insert, audit, receipt), written once as a generator and run by either database:
//   - on SQLite, synchronously inside writeDirect's IMMEDIATE transaction, so that the comments of
//     one turn of the event loop still share one commit (group commit, decision 0005);
//   - on PostgreSQL, on one pooled connection, in batches with one Sync each (app/db/pipeline.ts):
//     a statement whose result the unit does not need (`later`) waits in the batch, so BEGIN and the
//     first read go out together, and the queue lock and the writes go out with COMMIT. A comment is
//     two round trips instead of ten; on this 2-core machine a round trip cost about 0.25 ms of CPU
//     on each side.
//     Run again from the start when PostgreSQL reports a conflict, as Prisma's transactions are
//     (app/db/postgres.server.ts).
// The logic reads as straight code: `const row = yield* one(statement, params)`.

import { type Db, dialectOf, poolOf, statement, writeDirect } from "~/utils/db.server";
import { fromSqlite, namedQuery, type Statement, sqliteParam } from "./direct";
import { type BatchStatement, runBatch } from "./pipeline";
import { retryTransaction } from "./retry";

type Op = { kind: "all" | "run" | "later"; s: Statement<unknown>; params: readonly unknown[] };
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
 * A write whose row count the unit does not need: on PostgreSQL sent without waiting for it (its
 * failure fails the unit all the same, at its end). A statement with no SQLite text is
 * PostgreSQL's alone (a row lock that SQLite's single writer makes needless).
 */
export function* later(s: Statement<unknown>, params: readonly unknown[]): Generator<Op, void, unknown> {
  yield { kind: "later", s, params };
}

/**
 * Runs a unit of work in one transaction; `make` is called again for each attempt.
 *
 * `queue`, on PostgreSQL: units with the same key take turns for their writes (a transaction-scoped
 * advisory lock taken with the first write) and run at READ COMMITTED, instead of running together
 * at SERIALIZABLE and being run again when they collide. What a unit reads before its first write
 * is read outside its turn: a check that must hold at the write is held by a unique key (a
 * comment's idempotency key), whose violation runs the unit again. A function is asked for the key
 * at the first write, when the unit may have read it (a comment's author, from their session). For writes that all touch one
 * row of their key — a comment appends to its author's receipt digest — SERIALIZABLE turned a burst from one official into a storm of
 * conflicts and retries (74 comments/s, p99 4 s, 50 at once); with the lock they queue like on
 * SQLite, and different keys still write side by side. SQLite ignores it: its writers always take
 * turns. Taking the turn at BEGIN held it across the round trip to this process and back: one
 * official's burst went at 489 comments/s, and at 578/s with the turn taken at the first write.
 */
export function writeUnit<T>(db: Db, make: () => Unit<T>, { queue }: { queue?: string | (() => string) } = {}): Promise<T> {
  if (dialectOf(db) === "sqlite") {
    return writeDirect(db, (conn) => {
      const unit = make();
      let step = unit.next();
      while (!step.done) {
        const op = step.value;
        if (op.kind === "later" && !op.s.sqlite) {
          step = unit.next(undefined);
          continue;
        }
        const prepared = statement(conn, op.s.sqlite);
        const params = op.params.map(sqliteParam);
        if (op.kind !== "all") step = unit.next(prepared.run(...params).changes);
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
      // Statements go out in batches with one Sync each (app/db/pipeline.ts): BEGIN with the reads
      // up to the first whose answer the unit needs, then the writes with COMMIT.
      const pending: BatchStatement[] = [queue === undefined ? BEGIN_SERIALIZABLE : BEGIN_READ_COMMITTED];
      // The turn is taken with the first write, so that it is held only while PostgreSQL runs the
      // writes and COMMIT that go out together, not across the round trip to this process.
      let queued = queue === undefined;
      const unit = make();
      let step = unit.next();
      while (!step.done) {
        const op = step.value;
        if (!queued && op.kind !== "all") {
          pending.push({ ...TAKE_TURN, values: [typeof queue === "function" ? queue() : queue] });
          queued = true;
        }
        pending.push(namedQuery(op.s, op.params));
        if (op.kind === "later") step = unit.next(undefined);
        else {
          // The server stops a batch at its first error, which is the unit's.
          const answered = (await runBatch(client, pending.splice(0))).at(-1)!;
          step = unit.next(op.kind === "run" ? answered.rowCount : answered.rows);
        }
      }
      pending.push(COMMIT);
      await runBatch(client, pending); // a write that failed skipped COMMIT: rolled back below
      return step.value;
    } catch (error) {
      await client.query("ROLLBACK").catch((e: unknown) => {
        broken = e; // the connection is unusable: destroy it rather than return it to the pool
      });
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  });
}

const BEGIN_SERIALIZABLE: BatchStatement = { name: "portal_begin_serializable", text: "BEGIN ISOLATION LEVEL SERIALIZABLE", values: [] };
const BEGIN_READ_COMMITTED: BatchStatement = { name: "portal_begin_read_committed", text: "BEGIN ISOLATION LEVEL READ COMMITTED", values: [] };
const TAKE_TURN = { name: "portal_queue", text: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))" };
const COMMIT: BatchStatement = { name: "portal_commit", text: "COMMIT", values: [] };
