// One pass of the scheduler as of an instant: reminders due at the latest slot, one reminder
// before each running extension ends, and the Office's summary once a deadline has passed.
// Idempotent: every message has its key, so running it twice, or on two servers, queues nothing
// twice. The server runs it every minute; `portal sweep` runs it from cron or by hand.

import { whileHolding } from "~/db/locks";
import { consultationPath } from "~/domain/consultation";
import { extensionReminderSlot, latestDueSlot, parseSchedule, reminderSlots } from "~/domain/reminders";
import { recipientFacts, recipientStanding, type Standing } from "~/domain/silence";
import { formatDeadline, formatTimeLeft } from "~/domain/time";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { recordAudit } from "./audit.server";
import { issueTokens, signInLink } from "./auth.server";
import { enqueue, type NewMessage } from "./outbox.server";
import { inviteAtOpening } from "./publish.server";

export interface SweepReport {
  now: string;
  dryRun: boolean;
  /** Reminders queued (or, in a dry run, that would be). */
  remindersQueued: number;
  /**
   * The first of them, at most `listLimit` (1,000): a sweep over a million recipients listing every
   * reminder held half a gigabyte of report in the scheduler's process.
   */
  reminders: { key: string; consultationId: string; recipientId: string; email: string; slot: string }[];
  summaries: { key: string; consultationId: string; email: string | null }[];
  /** Consultations published to open later that opened: invitations queued now. */
  openings: { consultationId: string; invited: number }[];
}

interface Candidate {
  key: string;
  slot: Date;
  answerBy: Date;
  isExtension: boolean;
  recipient: { id: string; userId: string; user: { name: string; email: string } };
  consultation: { id: string; title: string; letterSubject: string; silenceIsConsent: boolean };
}

const notAnswered = { agreedAt: null, removedAt: null, comments: { none: { withdrawnAt: null } } };

/**
 * Reminders are read, rendered and queued this many at a time, each batch in its own transaction:
 * all at once, a sweep over a million recipients held a million rendered emails in memory (about
 * 12 KB each). Safe to cut anywhere: every message has its key, so a sweep stopped between two
 * batches is finished by the next pass.
 */
export const SWEEP_BATCH = 2_000;

/** Reminders a sweep's report lists by name; the rest it counts. */
export const REMINDERS_LISTED = 1_000;

export async function sweep(db: Db, now: Date, { dryRun = false, batchSize = SWEEP_BATCH, listLimit = REMINDERS_LISTED } = {}): Promise<SweepReport> {
  const empty = (): SweepReport => ({ now: now.toISOString(), dryRun, remindersQueued: 0, reminders: [], summaries: [], openings: [] });
  if (dryRun) return sweepOnce(db, now, empty(), batchSize, listLimit);
  // One node at a time (app/db/locks.ts); a node that finds another sweeping leaves it the minute.
  return whileHolding(db, "sweep", () => sweepOnce(db, now, empty(), batchSize, listLimit), empty);
}

async function sweepOnce(db: Db, now: Date, report: SweepReport, batchSize: number, listLimit: number): Promise<SweepReport> {
  const { dryRun } = report;
  // Before reminders: someone invited at this pass is not reminded in it (invitedAt is not before the slot).
  report.openings = await inviteAtOpening(db, now, { dryRun });
  for await (const candidates of reminderCandidates(db, now, batchSize)) {
    const fresh = await withoutQueued(db, candidates);
    if (!dryRun) await queueReminders(db, fresh, now);
    report.remindersQueued += fresh.length;
    for (const c of fresh.slice(0, Math.max(0, listLimit - report.reminders.length))) {
      report.reminders.push({
        key: c.key,
        consultationId: c.consultation.id,
        recipientId: c.recipient.id,
        email: c.recipient.user.email,
        slot: c.slot.toISOString(),
      });
    }
  }
  report.summaries = await summaries(db, now, dryRun);
  return report;
}

async function* reminderCandidates(db: Db, now: Date, batchSize: number): AsyncGenerator<Candidate[]> {
  yield* slotReminders(db, now, batchSize);
  const extensions = await extensionReminders(db, now);
  for (let i = 0; i < extensions.length; i += batchSize) yield extensions.slice(i, i + batchSize);
}

interface DueRecipient {
  id: string;
  userId: string;
  consultationId: string;
  invitedAt: Date | null;
  extensionUntil: Date | null;
  user: { name: string; email: string };
}

async function* slotReminders(db: Db, now: Date, batchSize: number): AsyncGenerator<Candidate[]> {
  const open = await db.consultation.findMany({
    where: { publishedAt: { not: null }, opensAt: { lte: now }, deadlineAt: { gte: now } },
    select: { id: true, title: true, letterSubject: true, silenceIsConsent: true, deadlineAt: true, reminderSchedule: true },
  });
  const due = new Map<string, { slot: Date; consultation: (typeof open)[number] }>();
  for (const c of open) {
    const slot = latestDueSlot(reminderSlots(parseSchedule(c.reminderSchedule), c.deadlineAt), now, c.deadlineAt);
    if (slot) due.set(c.id, { slot, consultation: c });
  }
  if (due.size === 0) return;
  // A consultation at a time, in the order of its list's unique index (consultationId, userId) with
  // a keyset on userId, never OFFSET, so that no batch reads or sorts more than its own rows; the
  // candidates of small consultations are gathered into one batch.
  let pending: Candidate[] = [];
  for (const [consultationId, { slot, consultation: c }] of due) {
    let after: string | null = null;
    for (;;) {
      const recipients: DueRecipient[] = await db.recipient.findMany({
        where: { consultationId, ...notAnswered, invitedAt: { not: null }, ...(after === null ? {} : { userId: { gt: after } }) },
        orderBy: { userId: "asc" },
        take: batchSize,
        select: { id: true, userId: true, consultationId: true, invitedAt: true, extensionUntil: true, user: { select: { name: true, email: true } } },
      });
      for (const r of recipients) {
        // Someone invited after a slot is not reminded at once; someone whose own date runs past the
        // deadline is reminded before that date instead.
        if (r.invitedAt! >= slot || (r.extensionUntil && r.extensionUntil > c.deadlineAt)) continue;
        pending.push({ key: `reminder:${r.id}:${slot.toISOString()}`, slot, answerBy: c.deadlineAt, isExtension: false, recipient: r, consultation: c });
      }
      if (pending.length >= batchSize) {
        yield pending;
        pending = [];
      }
      if (recipients.length < batchSize) break;
      after = recipients.at(-1)!.userId;
    }
  }
  if (pending.length) yield pending;
}

async function extensionReminders(db: Db, now: Date): Promise<Candidate[]> {
  const rows = await db.recipient.findMany({
    where: { ...notAnswered, extensionUntil: { gte: now }, consultation: { publishedAt: { not: null } } },
    select: {
      id: true,
      userId: true,
      extensionUntil: true,
      user: { select: { name: true, email: true } },
      consultation: { select: { id: true, title: true, letterSubject: true, silenceIsConsent: true, deadlineAt: true } },
    },
  });
  return rows
    .filter((r) => r.extensionUntil! > r.consultation.deadlineAt && extensionReminderSlot(r.extensionUntil!) <= now)
    .map((r) => ({
      key: `reminder:${r.id}:gia-han:${r.extensionUntil!.toISOString()}`,
      slot: extensionReminderSlot(r.extensionUntil!),
      answerBy: r.extensionUntil!,
      isExtension: true,
      recipient: r,
      consultation: r.consultation,
    }));
}

/** Drops candidates whose message is already queued, before anything is rendered. */
async function withoutQueued(db: Db, candidates: Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return candidates;
  // By the batch's own keys (unique index): all the reminders of its consultations would be read
  // again for every batch.
  const rows = await db.outboxMessage.findMany({ where: { key: { in: candidates.map((c) => c.key) } }, select: { key: true } });
  const queued = new Set(rows.map((r) => r.key));
  return candidates.filter((c) => !queued.has(c.key));
}

async function queueReminders(db: Db, candidates: Candidate[], now: Date): Promise<void> {
  if (candidates.length === 0) return;
  await db.$transaction(async (tx) => {
    await enqueue(tx, await reminderMessages(tx, candidates, now), now);
    const perSlot = new Map<string, { consultationId: string; count: number }>();
    for (const c of candidates) {
      const k = `${c.consultation.id}|${c.slot.toISOString()}`;
      perSlot.set(k, { consultationId: c.consultation.id, count: (perSlot.get(k)?.count ?? 0) + 1 });
    }
    for (const [k, v] of perSlot) {
      const slot = k.split("|")[1]!;
      await recordAudit(
        tx,
        {
          event: "reminders.queued",
          consultationId: v.consultationId,
          entityType: "Consultation",
          entityId: v.consultationId,
          payload: { slot, recipients: v.count },
        },
        now,
      );
    }
  });
}

// The reminder's link signs its person in, like the invitation's: each email its own one-time
// token, minted in the transaction that queues it, valid until a week after the date it reminds of.
const REMINDER_LINK_GRACE_MS = 7 * 24 * 60 * 60_000;

async function reminderMessages(tx: Tx, candidates: Candidate[], now: Date): Promise<NewMessage[]> {
  // One insert per consultation and date: the links of a slot's whole list are minted together.
  const groups = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const k = `${c.consultation.id}|${c.answerBy.toISOString()}`;
    const members = groups.get(k);
    if (members) members.push(i);
    else groups.set(k, [i]);
  });
  const tokens: string[] = [];
  for (const members of groups.values()) {
    const first = candidates[members[0]!]!;
    const ttlMs = Math.max(first.answerBy.getTime() - now.getTime(), 0) + REMINDER_LINK_GRACE_MS;
    const redirectTo = consultationPath(first.consultation.id);
    const minted = await issueTokens(
      tx,
      members.map((i) => candidates[i]!.recipient.userId),
      { purpose: "reminder", now, ttlMs, redirectTo },
    );
    for (const [n, i] of members.entries()) tokens[i] = minted[n]!;
  }
  return candidates.map((c, i) => ({
    key: c.key,
    kind: "reminder",
    toEmail: c.recipient.user.email,
    consultationId: c.consultation.id,
    recipientId: c.recipient.id,
    content: email("nhac-gop-y", {
      recipientName: c.recipient.user.name,
      letterSubject: c.consultation.letterSubject,
      consultationTitle: c.consultation.title,
      deadlineAt: c.answerBy.toISOString(),
      deadlineWords: formatDeadline(c.answerBy),
      timeLeft: formatTimeLeft(now, c.answerBy) ?? "đã hết hạn",
      isExtension: c.isExtension,
      silenceIsConsent: c.consultation.silenceIsConsent,
      link: signInLink(tokens[i]!),
    }),
  }));
}

async function summaries(db: Db, now: Date, dryRun: boolean): Promise<SweepReport["summaries"]> {
  const due = await db.consultation.findMany({
    where: { publishedAt: { not: null }, deadlineAt: { lt: now }, summarySentAt: null },
    select: {
      id: true,
      title: true,
      officeEmail: true,
      deadlineAt: true,
      silenceIsConsent: true,
      recipients: {
        where: { removedAt: null },
        orderBy: { position: "asc" },
        select: {
          agreedAt: true,
          extensionUntil: true,
          organization: true,
          user: { select: { name: true } },
          _count: { select: { comments: { where: { withdrawnAt: null } } } },
        },
      },
    },
  });
  const out: SweepReport["summaries"] = [];
  for (const c of due) {
    const key = `summary:${c.id}`;
    out.push({ key, consultationId: c.id, email: c.officeEmail });
    if (dryRun) continue;
    const standing = (s: Standing) => c.recipients.filter((r) => recipientStanding(recipientFacts(r), c, now) === s);
    const who = (r: (typeof c.recipients)[number]) => ({ name: r.user.name, organization: r.organization });
    await db.$transaction(async (tx) => {
      const claimed = await tx.consultation.updateMany({ where: { id: c.id, summarySentAt: null }, data: { summarySentAt: now } });
      if (claimed.count !== 1 || !c.officeEmail) return;
      const content = email("tong-hop-sau-han", {
        consultationTitle: c.title,
        deadlineWords: formatDeadline(c.deadlineAt),
        asked: c.recipients.length,
        commented: standing("commented").length,
        agreed: standing("agreed").length,
        pending: standing("extension").map((r) => ({ ...who(r), until: formatDeadline(r.extensionUntil!) })),
        deemedToAgree: standing("deemed_agree").map(who),
        silenceIsConsent: c.silenceIsConsent,
        noReply: standing("no_reply").map(who),
        link: `${getEnv().APP_URL}/office/lay-y-kien/${c.id}`,
      });
      await enqueue(tx, [{ key, kind: "summary", toEmail: c.officeEmail, consultationId: c.id, content }], now);
      await recordAudit(
        tx,
        { event: "summary.queued", consultationId: c.id, entityType: "Consultation", entityId: c.id, payload: { asked: c.recipients.length } },
        now,
      );
    });
  }
  return out;
}
