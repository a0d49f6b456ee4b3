// Delivers due outbox rows. Rows are claimed in one conditional UPDATE … RETURNING (pending →
// sending), so two workers, in one process or two, never send the same row; a row left in
// "sending" by a process that died is taken up again after a lease, so a message is never lost
// (at worst, after a crash between sending and marking, sent twice with the same Message-ID).

import { type ClaimedMessage, claimDue } from "~/db/outbox-claim";
import { classifyFailure, describeFailure, MAX_ATTEMPTS, retryDelayMs, type SmtpErrorLike } from "~/domain/delivery";
import { withCommentItems } from "~/models/receipt.server";
import { type Db, isDatabaseBusy } from "~/utils/db.server";
import type { Mailer } from "~/utils/mailer.server";
import { renderEmail } from "../../emails";

const RECEIPT_TEMPLATE = "xac-nhan-da-nhan";

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

type Claimed = ClaimedMessage;

function claim(db: Db, { now, workerId, limit = 100 }: DeliverOptions): Promise<Claimed[]> {
  return claimDue(db, { now, workerId, limit, lease: new Date(now.getTime() - LEASE_MS) });
}

export async function deliverDue(db: Db, mailer: Mailer, opts: DeliverOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], retrying: [], failed: [] };
  const queue = await claim(db, opts);
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) await deliverOne(db, mailer, m, opts, report);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 10, queue.length) }, worker));
  return report;
}

async function deliverOne(db: Db, mailer: Mailer, m: Claimed, opts: DeliverOptions, report: DeliveryReport): Promise<void> {
  try {
    const props = JSON.parse(m.props);
    // A receipt digest lists the comments that name it (app/models/receipt.server.ts).
    const content = renderEmail(m.template, m.template === RECEIPT_TEMPLATE ? await withCommentItems(db, m, props) : props);
    await mailer.send({ id: m.id, to: m.toEmail, ...content });
  } catch (error) {
    await recordFailure(db, m, error as SmtpErrorLike, opts, report);
    return;
  }
  await untilWritten(() =>
    db.outboxMessage.update({ where: { id: m.id }, data: { status: "sent", sentAt: new Date(), deliveredVia: mailer.kind, lastError: null } }),
  );
  report.sent.push(m.key);
}

async function recordFailure(db: Db, m: Claimed, error: SmtpErrorLike, opts: DeliverOptions, report: DeliveryReport) {
  const permanent = classifyFailure(error) === "permanent" || m.attempts >= MAX_ATTEMPTS;
  await untilWritten(() =>
    db.outboxMessage.update({
      where: { id: m.id },
      data: permanent
        ? { status: "failed", lastError: describeFailure(error) }
        : { status: "pending", lastError: describeFailure(error), nextAttemptAt: new Date(opts.now.getTime() + retryDelayMs(m.attempts)) },
    }),
  );
  (permanent ? report.failed : report.retrying).push(m.key);
}

/**
 * What happened to a claimed message must be written down even while other processes keep the
 * database busy: given up, the row would wait for its lease and the message would go out twice.
 */
async function untilWritten(write: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + LEASE_MS / 2;
  for (;;) {
    try {
      await write();
      return;
    } catch (error) {
      if (!isDatabaseBusy(error) || Date.now() > deadline) throw error;
    }
  }
}

/** Everything due as of `now`, batch after batch, until nothing more can be claimed. */
export async function deliverAllDue(db: Db, mailer: Mailer, opts: DeliverOptions): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: [], retrying: [], failed: [] };
  for (;;) {
    const r = await deliverDue(db, mailer, opts);
    total.sent.push(...r.sent);
    total.retrying.push(...r.retrying);
    total.failed.push(...r.failed);
    if (r.sent.length + r.retrying.length + r.failed.length === 0) return total;
  }
}
