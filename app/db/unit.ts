// A write made of several hand-written statements that must commit together (posting a comment:
// check, insert, audit, receipt), written once as a generator and run by either database:
//   - on SQLite, synchronously inside writeDirect's IMMEDIATE transaction, so that the comments of
//     one turn of the event loop still share one commit (group commit, decision 0005);
//   - on PostgreSQL, on one pooled connection in pipeline mode: a statement whose result the unit
//     does not need (`later`) is sent without waiting for it, so BEGIN and the first read go out
//     together, and the queue lock and the writes go out with COMMIT. A comment is two round trips
//     instead of ten; on this 2-core machine a round trip cost about 0.25 ms of CPU on each side.
//     Run again from the start when PostgreSQL reports a conflict, as Prisma's transactions are
//     (app/db/postgres.server.ts).
// The logic reads as straight code: `const row = yield* one(statement, params)`.

import type pg from "pg";
import { type Db, dialectOf, poolOf, statement, writeDirect } from "~/utils/db.server";
import { fromSqlite, namedQuery, type Statement, sqliteParam } from "./direct";
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
 * comment's idempotency key), whose violation runs the unit again. For writes that all touch one
 * row of their key — a comment appends to its author's receipt digest — SERIALIZABLE turned a burst from one official into a storm of
 * conflicts and retries (74 comments/s, p99 4 s, 50 at once); with the lock they queue like on
 * SQLite, and different keys still write side by side. SQLite ignores it: its writers always take
 * turns. Taking the turn at BEGIN held it across the round trip to this process and back: one
 * official's burst went at 489 comments/s, and at 578/s with the turn taken at the first write.
 */
export function writeUnit<T>(db: Db, make: () => Unit<T>, { queue }: { queue?: string } = {}): Promise<T> {
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
    // Every statement sent, in order; the first to fail is the unit's error (those after it fail
    // with "transaction aborted", and COMMIT then rolls back), whichever one the unit was waiting on.
    const sent: Promise<pg.QueryResult>[] = [];
    const send = (query: pg.QueryConfig | string) => {
      const result = client.query(query);
      result.catch(() => {}); // looked at below, in order
      sent.push(result);
      return result;
    };
    const wire = corkable(client);
    const firstFailure = async (error: unknown) => {
      for (const outcome of await Promise.allSettled(sent)) if (outcome.status === "rejected") return outcome.reason as unknown;
      return error;
    };
    let broken: unknown;
    try {
      wire.cork();
      send(queue === undefined ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL READ COMMITTED");
      // The turn is taken with the first write, so that it is held only while PostgreSQL runs the
      // writes and COMMIT that go out together, not across the round trip to this process.
      let queued = queue === undefined;
      try {
        const unit = make();
        let step = unit.next();
        while (!step.done) {
          const op = step.value;
          if (!queued && op.kind !== "all") {
            send({ name: "portal_queue", text: "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", values: [queue] });
            queued = true;
          }
          const result = send(namedQuery(op.s, op.params));
          if (op.kind === "later") step = unit.next(undefined);
          else {
            wire.uncork();
            const { rows, rowCount } = await result;
            wire.cork();
            step = unit.next(op.kind === "run" ? (rowCount ?? 0) : rows);
          }
        }
        const committed = send("COMMIT");
        wire.uncork();
        await committed;
        await Promise.all(sent); // a write that failed made COMMIT a rollback
        return step.value;
      } catch (error) {
        wire.uncork();
        const cause = await firstFailure(error);
        await client.query("ROLLBACK").catch((e: unknown) => {
          broken = e; // the connection is unusable: destroy it rather than return it to the pool
        });
        throw cause;
      }
    } finally {
      wire.uncork();
      client.release(broken instanceof Error ? broken : undefined);
    }
  });
}

/**
 * The connection's socket, held back while statements are sent and let go before waiting: the
 * statements sent meanwhile leave in one write instead of one system call each (pg corks only
 * each statement's own messages). Measured here, a write cost about 60 µs of CPU.
 */
function corkable(client: pg.PoolClient) {
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  let corked = false;
  return {
    cork() {
      if (corked) return;
      corked = true;
      stream.cork();
    },
    uncork() {
      if (!corked) return;
      corked = false;
      stream.uncork();
    },
  };
}
