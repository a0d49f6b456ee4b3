// Recipients as the Office sees and manages them.
import { recipientFacts, recipientStanding, STANDING_LABELS } from "~/domain/silence";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { normalizeEmail } from "./auth.server";
import { inviteRecipients } from "./invitation.server";

export async function listRecipientsForOffice(db: Db, consultationId: string, now: Date) {
  const c = await db.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      title: true,
      documentVersionId: true,
      deadlineAt: true,
      reminderSchedule: true,
      silenceIsConsent: true,
      publishedAt: true,
      recipients: {
        where: { removedAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          organization: true,
          group: true,
          invitedAt: true,
          firstOpenedAt: true,
          agreedAt: true,
          extensionUntil: true,
          user: { select: { name: true, email: true } },
          _count: { select: { comments: { where: { withdrawnAt: null } }, extensions: { where: { status: "pending" } } } },
        },
      },
    },
  });
  if (!c) return null;
  const invitations = await db.outboxMessage.findMany({
    where: { key: { in: c.recipients.map((r) => `invitation:${r.id}`) } },
    select: { recipientId: true, status: true, sentAt: true, lastError: true, attempts: true },
  });
  const byRecipient = new Map(invitations.map((m) => [m.recipientId, m]));
  return {
    ...c,
    recipients: c.recipients.map((r) => {
      const standing = recipientStanding(recipientFacts(r), c, now);
      // A request waiting for the Office is what the Office most needs to see while the person is silent.
      const asking = standing === "awaiting" && r._count.extensions > 0;
      return { ...r, standing, standingLabel: asking ? "xin gia hạn" : STANDING_LABELS[standing], invitation: byRecipient.get(r.id) ?? null };
    }),
  };
}

export interface NewRecipient {
  name: string;
  title: string;
  organization: string;
  email: string;
  group?: string | null;
}

export type AddRecipientResult = { ok: true; recipientId: string; invited: boolean } | { ok: false; error: string };

/** Adds someone to a consultation; a published one invites them in the same transaction. */
export async function addRecipient(db: Db, consultationId: string, input: NewRecipient, opts: { now: Date; actorId: string }): Promise<AddRecipientResult> {
  const email = normalizeEmail(input.email);
  return db.$transaction(async (tx) => {
    const c = await tx.consultation.findUnique({ where: { id: consultationId }, select: { id: true, publishedAt: true, deadlineAt: true } });
    if (!c) return { ok: false, error: "Không tìm thấy đợt lấy ý kiến." } as const;
    if (c.deadlineAt <= opts.now) return { ok: false, error: "Đợt lấy ý kiến đã hết hạn; không thể thêm người nhận." } as const;
    const user = await tx.user.upsert({ where: { email }, update: {}, create: { email, name: input.name, role: "recipient", createdAt: opts.now } });
    const existing = await tx.recipient.findUnique({ where: { consultationId_userId: { consultationId, userId: user.id } } });
    if (existing && !existing.removedAt) return { ok: false, error: `${email} đã có trong danh sách người nhận.` } as const;
    const last = await tx.recipient.aggregate({ where: { consultationId }, _max: { position: true } });
    const data = { title: input.title, organization: input.organization, group: input.group ?? null, removedAt: null, invitedAt: null };
    const recipient = existing
      ? await tx.recipient.update({ where: { id: existing.id }, data })
      : await tx.recipient.create({ data: { ...data, consultationId, userId: user.id, position: (last._max.position ?? -1) + 1 } });
    const invited = c.publishedAt ? (await inviteRecipients(tx, consultationId, opts.now)) > 0 : false;
    await recordAudit(
      tx,
      {
        event: "recipient.added",
        actorId: opts.actorId,
        consultationId,
        entityType: "Recipient",
        entityId: recipient.id,
        payload: { email, title: input.title, organization: input.organization, invited },
      },
      opts.now,
    );
    return { ok: true, recipientId: recipient.id, invited } as const;
  });
}

/** The first time an invited recipient opens the consultation; later visits change nothing. */
export async function markOpened(db: Db, consultationId: string, userId: string, now: Date): Promise<void> {
  await db.recipient.updateMany({ where: { consultationId, userId, firstOpenedAt: null }, data: { firstOpenedAt: now } });
}
