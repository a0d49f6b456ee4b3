// Invitations: each recipient of a published consultation gets one, with a personal link that
// signs them in and opens the draft. Queued in the transaction that publishes or adds them.

import { randomUUID } from "node:crypto";
import { consultationPath } from "~/domain/consultation";
import { sameOriginPath } from "~/domain/redirect";
import { formatDeadline } from "~/domain/time";
import { randomToken, sha256, sixDigitCode } from "~/utils/crypto.server";
import type { Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { signInLink } from "./auth.server";
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
      deadlineAt: true,
      silenceIsConsent: true,
      recipients: {
        where: { invitedAt: null, removedAt: null },
        select: { id: true, title: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const expiresIn = Math.max(c.deadlineAt.getTime() - now.getTime(), 0) + INVITATION_GRACE_MS;
  const links = await issueInvitationLinks(
    tx,
    c.recipients.map((r) => r.user.id),
    { now, ttlMs: expiresIn, redirectTo: consultationPath(c.id) },
  );
  const messages = c.recipients.map((r, i) => ({
    key: `invitation:${r.id}`,
    kind: "invitation" as const,
    toEmail: r.user.email,
    consultationId: c.id,
    recipientId: r.id,
    content: email("moi-gop-y", {
      recipientName: r.user.name,
      recipientTitle: r.title,
      issuingBody: c.issuingBody,
      parentBody: c.parentBody,
      letterSubject: c.letterSubject,
      deadlineWords: formatDeadline(c.deadlineAt),
      silenceIsConsent: c.silenceIsConsent,
      link: links[i]!,
    }),
  }));
  await enqueue(tx, messages, now);
  await tx.recipient.updateMany({ where: { id: { in: c.recipients.map((r) => r.id) } }, data: { invitedAt: now } });
  return messages.length;
}

/**
 * One invitation token per user, as issueToken makes them (hashes only, the code salted with the
 * row id), in one insert: publishing to 500 recipients spent ~4-5 s on two statements a token.
 */
async function issueInvitationLinks(tx: Tx, userIds: string[], opts: { now: Date; ttlMs: number; redirectTo: string }): Promise<string[]> {
  const redirectTo = sameOriginPath(opts.redirectTo, getEnv().APP_URL);
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs);
  const tokens = userIds.map((userId) => {
    const id = randomUUID();
    const token = randomToken();
    const row = {
      id,
      userId,
      tokenHash: sha256(token),
      codeHash: sha256(`${id}:${sixDigitCode()}`),
      purpose: "invitation",
      redirectTo,
      createdAt: opts.now,
      expiresAt,
    };
    return { token, row };
  });
  for (let i = 0; i < tokens.length; i += TOKEN_CHUNK) {
    await tx.loginToken.createMany({ data: tokens.slice(i, i + TOKEN_CHUNK).map((t) => t.row) });
  }
  return tokens.map((t) => signInLink(t.token));
}

const TOKEN_CHUNK = 500;
