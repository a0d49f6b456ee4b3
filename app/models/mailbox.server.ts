// The local mailbox as the Office reads it (mail is written there when SMTP_URL is unset). Reading a
// message is recorded, and someone else's sign-in code and link are hidden: otherwise the Office
// could sign in as any official. The .eml files on disk stay whole, for whoever runs the server.

import { authorize } from "~/domain/actor";
import { maskSignInSecrets } from "~/domain/mail-mask";
import type { Result } from "~/domain/result";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { type RenderedEmail, renderEmail } from "../../emails";
import { recordAudit } from "./audit.server";

export type OpenedMessage = RenderedEmail & { id: string; toEmail: string; sentAt: Date | null; masked: boolean };

export async function openLocalMessage(db: Db, office: Viewer, id: string, now: Date): Promise<Result<{ message: OpenedMessage }>> {
  const refused = authorize(office, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const m = await tx.outboxMessage.findFirst({
      where: { id, deliveredVia: "local" },
      select: { id: true, toEmail: true, template: true, props: true, sentAt: true, consultationId: true },
    });
    if (!m) return { ok: false as const, status: 404 as const, error: "Không tìm thấy thư này trong hộp thư cục bộ." };
    const owner = await tx.user.findUnique({ where: { email: m.toEmail }, select: { id: true, isDemo: true } });
    // Demo people are invented, and one's own mail is one's own; anyone else's secrets are hidden.
    const masked = !(owner?.isDemo || owner?.id === office.userId);
    const props: unknown = JSON.parse(m.props);
    await recordAudit(
      tx,
      {
        event: "mailbox.opened",
        actorId: office.userId,
        consultationId: m.consultationId,
        entityType: "OutboxMessage",
        entityId: m.id,
        payload: { toEmail: m.toEmail, template: m.template, masked },
      },
      now,
    );
    const rendered = renderEmail(m.template, masked ? maskSignInSecrets(props) : props);
    return { ok: true as const, message: { ...rendered, id: m.id, toEmail: m.toEmail, sentAt: m.sentAt, masked } };
  });
}
