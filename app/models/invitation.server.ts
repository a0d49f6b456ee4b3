// Invitations: each recipient of a published consultation gets one, with a personal link that
// signs them in and opens the draft. Queued in the transaction that publishes or adds them.

import { consultationPath } from "~/domain/consultation";
import { formatDeadline } from "~/domain/time";
import type { Tx } from "~/utils/db.server";
import { email } from "../../emails";
import { issueToken, signInLink } from "./auth.server";
import { enqueue } from "./outbox.server";

// The link has to outlive a letter left unread for days; it still works only once.
const INVITATION_GRACE_MS = 7 * 24 * 60 * 60_000;

export async function inviteRecipients(tx: Tx, consultationId: string, now: Date): Promise<number> {
  const c = await tx.consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: {
      id: true,
      issuingBody: true,
      parentBody: true,
      letterSubject: true,
      title: true,
      deadlineAt: true,
      silenceIsConsent: true,
      recipients: {
        where: { invitedAt: null, removedAt: null },
        select: { id: true, title: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const expiresIn = Math.max(c.deadlineAt.getTime() - now.getTime(), 0) + INVITATION_GRACE_MS;
  const messages = [];
  for (const r of c.recipients) {
    const issued = await issueToken(tx, { userId: r.user.id, purpose: "invitation", now, ttlMs: expiresIn, redirectTo: consultationPath(c.id) });
    const content = email("moi-gop-y", {
      recipientName: r.user.name,
      recipientTitle: r.title,
      issuingBody: c.issuingBody,
      parentBody: c.parentBody,
      letterSubject: c.letterSubject,
      consultationTitle: c.title,
      deadlineAt: c.deadlineAt.toISOString(),
      deadlineWords: formatDeadline(c.deadlineAt),
      silenceIsConsent: c.silenceIsConsent,
      link: signInLink(issued.token),
    });
    messages.push({ key: `invitation:${r.id}`, kind: "invitation" as const, toEmail: r.user.email, consultationId: c.id, recipientId: r.id, content });
  }
  await enqueue(tx, messages, now);
  await tx.recipient.updateMany({ where: { id: { in: c.recipients.map((r) => r.id) } }, data: { invitedAt: now } });
  return messages.length;
}
