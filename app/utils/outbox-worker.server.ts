// Delivers due outbox rows. A row is claimed with a conditional update (pending → sending), so two
// workers, in one process or two, never send the same row; a row left in "sending" by a process
// that died is taken up again after a lease, so a message is never lost (at worst, after a crash
// between sending and marking, sent twice with the same Message-ID).
import { classifyFailure, describeFailure, MAX_ATTEMPTS, retryDelayMs, type SmtpErrorLike } from "~/domain/delivery";
import type { Db } from "./db.server";
import type { Mailer } from "./mailer.server";

const LEASE_MS = 5 * 60_000;

export interface DeliveryReport {
  sent: string[];
  retrying: string[];
  failed: string[];
}

export interface DeliverOptions {
  now: Date;
  workerId: string;
  limit?: number;
  concurrency?: number;
}

function dueWhere(now: Date) {
  return {
    OR: [
      { status: "pending", nextAttemptAt: { lte: now } },
      { status: "sending", claimedAt: { lt: new Date(now.getTime() - LEASE_MS) } },
    ],
  };
}

export async function deliverDue(db: Db, mailer: Mailer, opts: DeliverOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], retrying: [], failed: [] };
  const candidates = await db.outboxMessage.findMany({
    where: dueWhere(opts.now),
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? 100,
    select: { id: true },
  });
  const queue = candidates.map((c) => c.id);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) await deliverOne(db, mailer, id, opts, report);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 10, queue.length) }, worker));
  return report;
}

async function deliverOne(db: Db, mailer: Mailer, id: string, opts: DeliverOptions, report: DeliveryReport): Promise<void> {
  const claimed = await db.outboxMessage.updateMany({
    where: { id, ...dueWhere(opts.now) },
    data: { status: "sending", claimedBy: opts.workerId, claimedAt: opts.now, attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return; // another worker has it
  const m = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
  try {
    await mailer.send({ id: m.id, to: m.toEmail, subject: m.subject, html: m.html, text: m.text });
  } catch (error) {
    await recordFailure(db, m.id, m.attempts, error as SmtpErrorLike, opts, report);
    return;
  }
  await db.outboxMessage.update({
    where: { id },
    data: { status: "sent", sentAt: new Date(), deliveredVia: mailer.kind, lastError: null },
  });
  report.sent.push(m.key);
}

async function recordFailure(db: Db, id: string, attempts: number, error: SmtpErrorLike, opts: DeliverOptions, report: DeliveryReport) {
  const permanent = classifyFailure(error) === "permanent" || attempts >= MAX_ATTEMPTS;
  const row = await db.outboxMessage.update({
    where: { id },
    data: permanent
      ? { status: "failed", lastError: describeFailure(error) }
      : { status: "pending", lastError: describeFailure(error), nextAttemptAt: new Date(opts.now.getTime() + retryDelayMs(attempts)) },
    select: { key: true },
  });
  (permanent ? report.failed : report.retrying).push(row.key);
}
