// The Office grants or refuses a recipient's request for more time; the recipient is told by email.

import { type Actor, authorize } from "~/domain/actor";
import { consultationPath } from "~/domain/consultation";
import { notFound, type Result } from "~/domain/result";
import { formatDeadline } from "~/domain/time";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { recordAudit } from "./audit.server";
import { enqueue } from "./outbox.server";

export interface ExtensionDecision {
  /** The consultation whose page the decision was posted from: a request of another one is not found. */
  consultationId: string;
  requestId: string;
  grant: boolean;
  /** The date granted, which may differ from the one asked for. */
  until?: Date | null;
  note?: string | null;
}

export async function decideExtension(db: Db, office: Actor, d: ExtensionDecision, now: Date): Promise<Result> {
  const refused = authorize(office, "office.manage");
  if (refused) return refused;
  const note = d.note?.normalize("NFC").trim() || null;
  return db.$transaction(async (tx) => {
    const req = await tx.extensionRequest.findUnique({
      where: { id: d.requestId },
      select: {
        id: true,
        status: true,
        recipient: {
          select: {
            id: true,
            user: { select: { name: true, email: true } },
            consultation: { select: { id: true, deadlineAt: true, letterSubject: true, title: true } },
          },
        },
      },
    });
    if (!req || req.recipient.consultation.id !== d.consultationId) return notFound("đề nghị gia hạn");
    if (req.status !== "pending") return { ok: false as const, status: 409 as const, error: "Đề nghị này đã được xem xét." };
    const c = req.recipient.consultation;
    const until = d.grant ? (d.until ?? null) : null;
    if (d.grant && (!until || until <= c.deadlineAt)) {
      return { ok: false as const, status: 400 as const, error: `Ngày gia hạn phải sau hạn góp ý chung (${formatDeadline(c.deadlineAt)}).` };
    }
    await tx.extensionRequest.update({
      where: { id: req.id },
      data: { status: d.grant ? "granted" : "refused", grantedUntil: until, decidedAt: now, decidedById: office.userId, decisionNote: note },
    });
    if (until) await tx.recipient.update({ where: { id: req.recipient.id }, data: { extensionUntil: until } });
    await recordAudit(
      tx,
      {
        event: "extension.decided",
        actorId: office.userId,
        consultationId: c.id,
        entityType: "ExtensionRequest",
        entityId: req.id,
        payload: { granted: d.grant, until: until?.toISOString() ?? null },
      },
      now,
    );
    const content = email("tra-loi-gia-han", {
      recipientName: req.recipient.user.name,
      letterSubject: c.letterSubject,
      consultationTitle: c.title,
      granted: d.grant,
      until: until ? formatDeadline(until) : null,
      deadlineWords: formatDeadline(c.deadlineAt),
      note,
      link: `${getEnv().APP_URL}${consultationPath(c.id)}`,
    });
    await enqueue(
      tx,
      [
        {
          key: `extension:${req.id}`,
          kind: "extension_decision",
          toEmail: req.recipient.user.email,
          consultationId: c.id,
          recipientId: req.recipient.id,
          content,
        },
      ],
      now,
    );
    return { ok: true as const };
  });
}

export async function pendingExtensions(db: Db, consultationId: string) {
  return db.extensionRequest.findMany({
    where: { status: "pending", recipient: { consultationId } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      requestedUntil: true,
      reason: true,
      createdAt: true,
      recipient: { select: { title: true, organization: true, user: { select: { name: true } } } },
    },
  });
}
