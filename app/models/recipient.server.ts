// Recipients as the Office sees and manages them.
import { recipientFacts, recipientStanding, STANDING_LABELS } from "~/domain/silence";
import type { Db } from "~/utils/db.server";

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

/** The first time an invited recipient opens the consultation; later visits change nothing. */
export async function markOpened(db: Db, consultationId: string, userId: string, now: Date): Promise<void> {
  await db.recipient.updateMany({ where: { consultationId, userId, firstOpenedAt: null }, data: { firstOpenedAt: now } });
}
