// When PostgreSQL refuses a transaction because another one got in its way (a serialization
// failure under SERIALIZABLE, a deadlock), the transaction is run again from the start, until
// WRITE_WAIT_MS has passed; then DatabaseBusyError, which the server answers 503 with a message to
// send again, as it does for a busy SQLite (app/utils/write-gate.server.ts).
import { DatabaseBusyError, writeWaitLimitMs } from "~/utils/write-gate.server";

/** SQLSTATEs after which a transaction is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);

export function isRetryable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; originalCode?: unknown; cause?: { originalCode?: unknown; kind?: unknown } };
    if (x.code === "P2034") return true; // Prisma's "transaction failed due to a write conflict or a deadlock"
    for (const code of [x.code, x.originalCode, x.cause?.originalCode]) if (typeof code === "string" && RETRYABLE.has(code)) return true;
    if (x.cause?.kind === "TransactionWriteConflict") return true;
  }
  return false;
}

/** Runs `attempt` again while it fails retryably, with growing, jittered pauses, until the limit. */
export async function retryTransaction<T>(attempt: () => Promise<T>, limitMs = writeWaitLimitMs()): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (Date.now() >= deadline) throw new DatabaseBusyError(error);
    }
    await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
  }
}
