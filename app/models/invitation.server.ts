// Invitations: each recipient of a published consultation gets one, with a personal link that
// signs them in and opens the draft. Queued in the transaction that publishes or adds them.

import { consultationPath } from "~/domain/consultation";
import { formatDeadline } from "~/domain/time";
import type { Tx } from "~/utils/db.server";
import { email } from "../../emails";
import { issueTokens, signInLink } from "./auth.server";
import { enqueue } from "./outbox.server";

// The link has to outlive a letter left unread for days; it still works only once.
const INVITATION_GRACE_MS = 7 * 24 * 60 * 60_000;

const CONSULTATION_FOR_LETTER = {
  id: true,
  issuingBody: true,
  parentBody: true,
  letterSubject: true,
  title: true,
  deadlineAt: true,
  silenceIsConsent: true,
} as const;

type LetterConsultation = {
  id: string;
  issuingBody: string;
  parentBody: string | null;
  letterSubject: string;
  title: string;
  deadlineAt: Date;
  silenceIsConsent: boolean;
};
type Invitee = { id: string; title: string; user: { id: string; name: string; email: string } };

/** One invitation carrying the one-time link `token`, under `key` (a resend has a key of its own). */
function invitationFor(c: LetterConsultation, r: Invitee, token: string, key: string) {
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
    link: signInLink(token),
  });
  return { key, kind: "invitation" as const, toEmail: r.user.email, consultationId: c.id, recipientId: r.id, content };
}

async function linksFor(tx: Tx, c: LetterConsultation, invitees: Invitee[], now: Date): Promise<string[]> {
  const ttlMs = Math.max(c.deadlineAt.getTime() - now.getTime(), 0) + INVITATION_GRACE_MS;
  return issueTokens(
    tx,
    invitees.map((r) => r.user.id),
    { purpose: "invitation", now, ttlMs, redirectTo: consultationPath(c.id) },
  );
}

export async function inviteRecipients(tx: Tx, consultationId: string, now: Date): Promise<number> {
  const c = await tx.consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: {
      ...CONSULTATION_FOR_LETTER,
      recipients: {
        where: { invitedAt: null, removedAt: null },
        select: { id: true, title: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const tokens = await linksFor(tx, c, c.recipients, now);
  const messages = c.recipients.map((r, i) => invitationFor(c, r, tokens[i]!, `invitation:${r.id}`));
  await enqueue(tx, messages, now);
  await tx.recipient.updateMany({ where: { id: { in: c.recipients.map((r) => r.id) } }, data: { invitedAt: now } });
  return messages.length;
}

/** The invitation sent again to one recipient: a new message with a new link; earlier links still work once. */
export async function reinvite(tx: Tx, consultationId: string, recipientId: string, resend: number, now: Date): Promise<void> {
  const c = await tx.consultation.findUniqueOrThrow({ where: { id: consultationId }, select: CONSULTATION_FOR_LETTER });
  const r = await tx.recipient.findUniqueOrThrow({
    where: { id: recipientId },
    select: { id: true, title: true, user: { select: { id: true, name: true, email: true } } },
  });
  const [token] = await linksFor(tx, c, [r], now);
  await enqueue(tx, [invitationFor(c, r, token!, `invitation:${r.id}:resend:${resend}`)], now);
}
