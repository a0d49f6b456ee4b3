// How a write waits for SQLite's single write lock when several processes (web workers, the
// scheduler, the CLI) share the database file. Two levels:
//   - in this process, one writer at a time, in arrival order (the gate): Prisma's transactions
//     hold SQLite's lock across awaits, so a second writer here could only spin against it;
//   - across processes, SQLite's lock itself, taken up front (BEGIN IMMEDIATE) and retried with
//     short pauses while another process holds it, never with a blocked event loop for long.
// A write that has waited WRITE_WAIT_MS (15 s by default) in all gives up with DatabaseBusyError, which the
// server answers with 503 and a Vietnamese message: bounded, and nothing half-written.
// docs/decisions/0008-write-contention.md.
import { getEnv } from "./env.server";

/** How long a write may wait for the lock, in this process and others together. */
export function writeWaitLimitMs(): number {
  return getEnv().WRITE_WAIT_MS;
}

/** SQLite's own wait (busy_timeout) before a retry: enough to cover another process's commit. */
export const SQLITE_BUSY_WAIT_MS = 20;

export const DATABASE_BUSY_MESSAGE =
  "Hệ thống đang nhận rất nhiều yêu cầu cùng lúc nên chưa lưu được thao tác của đồng chí; dữ liệu đã có không bị ảnh hưởng. Vui lòng gửi lại sau ít giây.";

export class DatabaseBusyError extends Error {
  readonly code = "PORTAL_DATABASE_BUSY";
  constructor(cause?: unknown) {
    super(DATABASE_BUSY_MESSAGE, { cause });
    this.name = "DatabaseBusyError";
  }
}

/** A DatabaseBusyError, however a library has wrapped it on its way up. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseBusyError || (e as { code?: unknown }).code === "PORTAL_DATABASE_BUSY") return true;
    if (typeof (e as { message?: unknown }).message === "string" && (e as { message: string }).message.includes(DATABASE_BUSY_MESSAGE)) return true;
  }
  return false;
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY), raw or wrapped by Prisma's adapter. */
export function isSqliteBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  const code = e?.code ?? e?.cause?.originalCode;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export type Release = () => void;

/** One writer at a time in this process, first come first served, with a bounded wait. */
export class WriteGate {
  #held = false;
  #waiting: (() => void)[] = [];

  acquire(limitMs = writeWaitLimitMs()): Promise<Release> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.#releaser());
      };
      const timer = setTimeout(() => {
        this.#waiting = this.#waiting.filter((g) => g !== grant);
        reject(new DatabaseBusyError());
      }, limitMs);
      this.#waiting.push(grant);
    });
  }

  async run<T>(fn: () => T | Promise<T>, limitMs = writeWaitLimitMs()): Promise<T> {
    const release = await this.acquire(limitMs);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held = false;
    };
  }
}

/** The gate every writer in this process goes through: Prisma's transactions and the direct writes. */
export const writeGate = new WriteGate();

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing 1, 2, 4 … 50 ms between tries
 * (each try has already waited SQLITE_BUSY_WAIT_MS inside SQLite). Only for attempts that change
 * nothing when they fail busy: taking the lock, or a single autocommit statement.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, deadline: number): Promise<T> {
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (Date.now() >= deadline) throw new DatabaseBusyError(error);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
