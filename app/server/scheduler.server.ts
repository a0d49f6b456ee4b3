// The in-process scheduler: a sweep every minute (reminders, summaries, then the decision screen's
// comment counts folded together) and outbox delivery every two seconds, or at once when an action
// has just queued mail. Overlapping runs are skipped.
import cluster from "node:cluster";
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { compactCommentTally } from "~/db/tally";
import { sweep } from "~/models/sweep.server";
import { type Db, isDatabaseBusy } from "~/utils/db.server";
import type { Mailer } from "~/utils/mailer.server";
import { deliverDue } from "./outbox-worker.server";

const outboxEvents = new EventEmitter();

let toldPrimary = false;

/**
 * Call after a transaction that queued mail commits: delivery starts without waiting for the tick.
 * In a cluster worker the scheduler runs in the primary process, which is told at most every
 * 50 ms (it delivers everything due each time).
 */
export function notifyOutbox(): void {
  outboxEvents.emit("queued");
  if (!cluster.isWorker || toldPrimary) return;
  toldPrimary = true;
  setTimeout(() => {
    toldPrimary = false;
    process.send?.({ portal: "outbox-queued" });
  }, 50).unref();
}

/** A busy database is expected on deadline day: one line, and the next tick tries again. */
function report(error: unknown, context: string): void {
  if (isDatabaseBusy(error)) console.warn(`${context} cơ sở dữ liệu đang bận, sẽ thử lại ở lượt sau.`);
  else console.error(context, error);
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(db: Db, mailer: Mailer, { sweepEveryMs = 60_000, deliverEveryMs = 2_000 } = {}): Scheduler {
  const workerId = `${hostname()}:${process.pid}`;
  let delivering: Promise<void> | null = null;
  let sweeping: Promise<void> | null = null;

  const deliver = () => {
    delivering ??= deliverDue(db, mailer, { now: new Date(), workerId })
      .then((r) => {
        if (r.failed.length) console.error(`Thư gửi không thành công (lỗi vĩnh viễn): ${r.failed.join(", ")}`);
      })
      .catch((error) => report(error, "Lỗi khi gửi thư từ hộp thư đi:"))
      .finally(() => (delivering = null));
    return delivering;
  };
  const runSweep = () => {
    sweeping ??= sweep(db, new Date())
      .then((r) => (r.remindersQueued || r.summaries.length ? deliver() : undefined))
      .catch((error) => report(error, "Lỗi khi quét lịch nhắc:"))
      // The decision screen's counts, folded into one row per slot (app/db/tally.ts).
      .then(() => compactCommentTally(db))
      .catch((error) => report(error, "Lỗi khi gộp số đếm ý kiến:"))
      .finally(() => (sweeping = null));
    return sweeping;
  };

  const onQueued = () => void deliver();
  outboxEvents.on("queued", onQueued);
  const sweepTimer = setInterval(runSweep, sweepEveryMs);
  const deliverTimer = setInterval(deliver, deliverEveryMs);
  void runSweep().then(deliver);

  return {
    async stop() {
      clearInterval(sweepTimer);
      clearInterval(deliverTimer);
      outboxEvents.off("queued", onQueued);
      await Promise.all([delivering, sweeping]);
      mailer.close();
    },
  };
}
