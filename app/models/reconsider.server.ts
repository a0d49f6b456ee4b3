// An official changing their mind before their deadline: a comment withdrawn and brought back, an
// agreement taken back. Each is a conditional update in one transaction (writes are serialized,
// docs/decisions/0008-write-contention.md), so a double click or two tabs at once change the row
// once and audit only what happened. updatedAt is kept: it dates the wording (an edit's earlier
// revision is dated by it), which neither changes. Nothing is derived here: counts, silence and reminders read
// withdrawnAt and agreedAt as they stand.

import { authorize } from "~/domain/actor";
import { mayRespond } from "~/domain/responding";
import { fail, notFound, type Result } from "~/domain/result";
import type { Viewer } from "~/domain/viewer";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { ownComment, respondent } from "./response.server";

export interface CommentRef {
  consultationId: string;
  commentId: string;
}

const NOT_LISTED = "Đồng chí không còn trong danh sách được lấy ý kiến của đợt này.";

type Respondent = NonNullable<Awaited<ReturnType<typeof respondent>>>;

/** null while the recipient may still change `what`; after their deadline, a refusal that names it. */
function tooLate(r: Respondent, what: string, now: Date) {
  const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now, { allowLate: false });
  if (verdict.ok) return null;
  const opened = r.consultation.publishedAt && now >= r.consultation.opensAt;
  return fail(403, opened ? `Đã hết hạn góp ý của đồng chí, nên không thể ${what} nữa.` : verdict.reason);
}

/** The viewer's own comment in this consultation, and whether they may still change it now. */
async function changeableComment(tx: Tx, viewer: Viewer, ref: CommentRef, what: string, now: Date) {
  const c = await ownComment(tx, ref.commentId, viewer);
  // A comment of another consultation, posted to this one's page, is not found here.
  if (!c || c.consultationId !== ref.consultationId) return notFound("ý kiến này");
  const r = await respondent(tx, c.consultationId, viewer);
  if (!r) return fail(403, NOT_LISTED);
  return tooLate(r, what, now) ?? { ok: true as const, comment: c };
}

export async function withdrawComment(db: Db, viewer: Viewer, ref: CommentRef, now: Date): Promise<Result<{ commentId: string }>> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const found = await changeableComment(tx, viewer, ref, "rút ý kiến", now);
    if (!found.ok) return found;
    const c = found.comment;
    const done = await tx.comment.updateMany({ where: { id: c.id, withdrawnAt: null }, data: { withdrawnAt: now, updatedAt: c.updatedAt } });
    if (done.count === 0) return { ok: true as const, commentId: c.id }; // withdrawn already
    // A decision it carried stays on record; the Office's screen lists it among those withdrawn after a decision.
    const payload = { decidedKind: c.disposition?.kind ?? null };
    await recordAudit(
      tx,
      { event: "comment.withdrawn", actorId: viewer.userId, consultationId: c.consultationId, entityType: "Comment", entityId: c.id, payload },
      now,
    );
    return { ok: true as const, commentId: c.id };
  });
}

/** Brings a withdrawn comment back as it was: same wording, same place, same decision if it had one. */
export async function restoreComment(db: Db, viewer: Viewer, ref: CommentRef, now: Date): Promise<Result<{ commentId: string }>> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const found = await changeableComment(tx, viewer, ref, "khôi phục góp ý", now);
    if (!found.ok) return found;
    const c = found.comment;
    const done = await tx.comment.updateMany({ where: { id: c.id, withdrawnAt: { not: null } }, data: { withdrawnAt: null, updatedAt: c.updatedAt } });
    if (done.count === 0) return { ok: true as const, commentId: c.id }; // not withdrawn (any more)
    const payload = { decidedKind: c.disposition?.kind ?? null };
    await recordAudit(
      tx,
      { event: "comment.restored", actorId: viewer.userId, consultationId: c.consultationId, entityType: "Comment", entityId: c.id, payload },
      now,
    );
    return { ok: true as const, commentId: c.id };
  });
}

/** Takes an agreement back: the recipient has not answered, so reminders and silence apply again. */
export async function retractAgreement(db: Db, viewer: Viewer, input: { consultationId: string }, now: Date): Promise<Result> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const r = await respondent(tx, input.consultationId, viewer);
    if (!r) return fail(403, NOT_LISTED);
    const late = tooLate(r, "rút lại ý kiến thống nhất", now);
    if (late) return late;
    const row = await tx.recipient.findUniqueOrThrow({ where: { id: r.id }, select: { agreedAt: true, agreeNote: true } });
    if (!row.agreedAt) return { ok: true as const };
    const done = await tx.recipient.updateMany({ where: { id: r.id, agreedAt: row.agreedAt }, data: { agreedAt: null, agreeNote: null } });
    if (done.count === 0) return { ok: true as const };
    await recordAudit(
      tx,
      {
        event: "recipient.agreement_retracted",
        actorId: viewer.userId,
        consultationId: input.consultationId,
        entityType: "Recipient",
        entityId: r.id,
        payload: { agreedAt: row.agreedAt.toISOString(), note: row.agreeNote },
      },
      now,
    );
    return { ok: true as const };
  });
}
