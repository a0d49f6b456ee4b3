// When PostgreSQL refuses a transaction because another one got in its way (a serialization
// failure under SERIALIZABLE, a deadlock), the transaction is run again from the start, until
// WRITE_WAIT_MS has passed; then DatabaseBusyError, which the server answers 503 with a message to
// send again, as it does for a busy SQLite (app/utils/write-gate.server.ts).
import { DatabaseBusyError, writeWaitLimitMs } from "~/utils/write-gate.server";

/** SQLSTATEs after which a transaction is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);

export function isRetryable(error: unknown): boolean {
  return causes(error).some(
    (x) => x.code === "P2034" || x.kind === "TransactionWriteConflict" || [x.code, x.originalCode].some((c) => typeof c === "string" && RETRYABLE.has(c)),
  );
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  cause?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: unknown } };
}

/**
 * An error and what it wraps: pg's own error, Prisma's (P2034 for a conflict; P2010 for a raw
 * statement, its SQLSTATE in meta), and the driver adapter's cause inside either.
 */
function causes(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const queue = [error];
  while (queue.length && found.length < 10) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const x = e as ErrorLike;
    found.push(x, { code: x.meta?.code });
    queue.push(x.cause, x.meta?.driverAdapterError?.cause, x.meta?.driverAdapterError);
  }
  return found;
}

/**
 * A unique key taken by a transaction that committed meanwhile. SERIALIZABLE reports this as a
 * serialization failure only when the transaction had read the key itself; the models check
 * another row (an edit numbers its revision from the comment's count), so it may come as 23505.
 * On SQLite it cannot happen: writers take turns from the transaction's start.
 */
export function isUniqueViolation(error: unknown): boolean {
  return causes(error).some((x) => x.code === "P2002" || x.code === "23505" || x.originalCode === "23505");
}

/** Attempts after a unique violation: run again, the transaction sees the other's row; a real duplicate fails as it is. */
const UNIQUE_VIOLATION_ATTEMPTS = 10;

/** Runs `attempt` again while it fails retryably, with growing, jittered pauses, until the limit. */
export async function retryTransaction<T>(attempt: () => Promise<T>, limitMs = writeWaitLimitMs()): Promise<T> {
  const deadline = Date.now() + limitMs;
  let duplicates = 0;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await attempt();
    } catch (error) {
      const again = isUniqueViolation(error) ? ++duplicates < UNIQUE_VIOLATION_ATTEMPTS : isRetryable(error);
      if (!again) throw error;
      if (Date.now() >= deadline) throw new DatabaseBusyError(error);
    }
    await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
  }
}
