// Publishing: the consultation becomes visible and every recipient is invited, at once or, when
// it opens later, by the sweep at its opening. Idempotent: publishedAt is claimed with a
// conditional update and invitations are keyed per recipient, so a double click invites once.

import { queuedTransaction, recipientListTurn } from "~/db/locks";
import { type Actor, actorId, authorize } from "~/domain/actor";
import { fail, invalid, notFound, type Result } from "~/domain/result";
import { formatDeadline } from "~/domain/time";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { inviteRecipients } from "./invitation.server";
import { LETTER_SELECT, letterView } from "./letter-view.server";

export interface PublishFacts {
  id: string;
  title: string;
  publishedAt: Date | null;
  opensAt: Date;
  deadlineAt: Date;
  recipients: number;
  /** What stops publishing, as the Office reads it; empty when it may be published. */
  problems: string[];
}

const LETTER_PARTS = [
  ["letterSubject", "trích yếu (V/v …)"],
  ["letterBody", "nội dung"],
  ["letterNumber", "số công văn"],
  ["signerTitle", "chức danh người ký"],
  ["signerName", "họ tên người ký"],
] as const;

export async function publishFacts(db: Db | Tx, consultationId: string, now: Date): Promise<PublishFacts | null> {
  const c = await db.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      title: true,
      publishedAt: true,
      opensAt: true,
      deadlineAt: true,
      letterAddressees: true,
      letterSubject: true,
      letterBody: true,
      letterNumber: true,
      signerTitle: true,
      signerName: true,
      _count: { select: { recipients: { where: { removedAt: null } } } },
    },
  });
  if (!c) return null;
  const problems: string[] = [];
  if (c._count.recipients === 0) problems.push("Chưa có người nhận nào: thêm người được lấy ý kiến trước khi công bố.");
  if (c.deadlineAt <= now) problems.push(`Hạn góp ý (${formatDeadline(c.deadlineAt)}) đã qua: đặt hạn mới ở trang Thời hạn và quy tắc.`);
  const missing: string[] = LETTER_PARTS.filter(([k]) => !c[k].trim()).map(([, label]) => label);
  if ((JSON.parse(c.letterAddressees) as string[]).length === 0) missing.push("kính gửi");
  if (missing.length) problems.push(`Công văn chưa đủ: còn thiếu ${missing.join(", ")}.`);
  return { id: c.id, title: c.title, publishedAt: c.publishedAt, opensAt: c.opensAt, deadlineAt: c.deadlineAt, recipients: c._count.recipients, problems };
}

export async function publishConsultation(
  db: Db,
  actor: Actor,
  input: { consultationId: string },
  now: Date,
): Promise<Result<{ invited: number; scheduled: boolean; alreadyPublished: boolean }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  // In turn with changes to the list: a person added while it is published is invited by one or
  // the other, whichever sees them (addRecipients reads publishedAt, this reads the list).
  return queuedTransaction(db, recipientListTurn(input.consultationId), async (tx) => {
    const facts = await publishFacts(tx, input.consultationId, now);
    if (!facts) return notFound("đợt lấy ý kiến");
    if (facts.publishedAt) return { ok: true as const, invited: 0, scheduled: facts.opensAt > now, alreadyPublished: true };
    if (facts.problems.length) return invalid(facts.problems);
    const claimed = await tx.consultation.updateMany({ where: { id: facts.id, publishedAt: null }, data: { publishedAt: now, updatedAt: now } });
    if (claimed.count !== 1) return fail(409, "Đợt này vừa được công bố.");
    const scheduled = facts.opensAt > now;
    const invited = scheduled ? 0 : await inviteRecipients(tx, facts.id, now);
    await recordAudit(
      tx,
      {
        event: "consultation.published",
        actorId: actorId(actor),
        consultationId: facts.id,
        entityType: "Consultation",
        entityId: facts.id,
        payload: { opensAt: facts.opensAt.toISOString(), invited, scheduled },
      },
      now,
    );
    return { ok: true as const, invited, scheduled, alreadyPublished: false };
  });
}

/**
 * Consultations published to open later that have opened by `now` and still hold uninvited
 * recipients: their invitations are queued, once (invitedAt is set in the same transaction and
 * every invitation has its key). Run by the sweep.
 */
export async function inviteAtOpening(db: Db, now: Date, { dryRun = false } = {}): Promise<{ consultationId: string; invited: number }[]> {
  const due = await db.consultation.findMany({
    where: {
      publishedAt: { not: null },
      opensAt: { lte: now },
      deadlineAt: { gte: now },
      recipients: { some: { invitedAt: null, removedAt: null } },
    },
    select: { id: true, _count: { select: { recipients: { where: { invitedAt: null, removedAt: null } } } } },
  });
  if (dryRun) return due.map((c) => ({ consultationId: c.id, invited: c._count.recipients }));
  const out = [];
  for (const c of due) {
    const invited = await queuedTransaction(db, recipientListTurn(c.id), async (tx) => {
      const n = await inviteRecipients(tx, c.id, now);
      if (n > 0) {
        await recordAudit(tx, { event: "consultation.opened", consultationId: c.id, entityType: "Consultation", entityId: c.id, payload: { invited: n } }, now);
      }
      return n;
    });
    out.push({ consultationId: c.id, invited });
  }
  return out;
}

/** The letter exactly as recipients see it, and what publishing would do, for the preview page. */
export async function getPublishPreview(db: Db, consultationId: string, now: Date) {
  const facts = await publishFacts(db, consultationId, now);
  if (!facts) return null;
  const c = await db.consultation.findUniqueOrThrow({ where: { id: consultationId }, select: LETTER_SELECT });
  const letter = letterView(c);
  return { facts, letter };
}
