// What an invited official does with a draft: comment (on a passage, a section or the whole
// draft), edit or withdraw their own comment, agree, ask for more time. Every write checks, on
// the server and at this instant, that this person may do it; each is audited in its transaction
// and, where the consultation asks for receipts, confirmed by email through the outbox.
import { email } from "../../emails";
import { anchorAt, anchorProblem } from "~/domain/anchoring";
import { consultationPath } from "~/domain/consultation";
import { plainParagraph } from "~/domain/draft-text";
import { mayRespond } from "~/domain/responding";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import { docToPlainText, paragraphsToDoc } from "~/domain/tiptap";
import type { Viewer } from "~/domain/viewer";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { enqueue } from "./outbox.server";
import { sectionTitle } from "~/domain/sections";

export const MAX_COMMENT_CHARS = 10_000;

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; status: 400 | 403 | 404 | 409; error: string };

const fail = (status: 400 | 403 | 404 | 409, error: string) => ({ ok: false as const, status, error });

/** The viewer as a recipient of this consultation, with what the rules need; null if not invited. */
async function respondent(tx: Tx, consultationId: string, viewer: Viewer) {
  return tx.recipient.findFirst({
    where: { consultationId, userId: viewer.userId, removedAt: null },
    select: {
      id: true,
      extensionUntil: true,
      user: { select: { name: true, email: true } },
      consultation: {
        select: { id: true, publishedAt: true, opensAt: true, deadlineAt: true, latePolicy: true, receiptsEnabled: true, letterSubject: true, documentVersionId: true },
      },
    },
  });
}

type Respondent = NonNullable<Awaited<ReturnType<typeof respondent>>>;

/** Comment text as typed: paragraphs split on blank lines, lines kept as line breaks. */
export function commentBody(text: string) {
  const paragraphs = text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(plainParagraph);
  const doc = paragraphsToDoc(paragraphs);
  return { body: JSON.stringify(doc), bodyText: docToPlainText(doc) };
}

function checkText(text: string): string | null {
  const t = text.normalize("NFC").trim();
  if (!t) return "Nội dung góp ý không được để trống.";
  if (t.length > MAX_COMMENT_CHARS) return `Nội dung góp ý dài ${t.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${MAX_COMMENT_CHARS.toLocaleString("vi-VN")} ký tự.`;
  return null;
}

export interface NewComment {
  consultationId: string;
  scope: "passage" | "section" | "general";
  sectionId?: string | null;
  anchor?: { start: number; end: number; exact: string } | null;
  text: string;
  idempotencyKey?: string | null;
}

export async function createComment(db: Db, viewer: Viewer, input: NewComment, now: Date): Promise<Outcome<{ commentId: string; duplicate: boolean }>> {
  const textProblem = checkText(input.text);
  if (textProblem) return fail(400, textProblem);
  try {
    return await insertComment(db, viewer, input, now);
  } catch (error) {
    // The same key committed by another process between our check and our insert: one comment.
    if (!input.idempotencyKey || (error as { code?: string }).code !== "P2002") throw error;
    const earlier = await db.comment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, authorId: true } });
    if (earlier?.authorId !== viewer.userId) throw error;
    return { ok: true, commentId: earlier.id, duplicate: true };
  }
}

async function insertComment(db: Db, viewer: Viewer, input: NewComment, now: Date): Promise<Outcome<{ commentId: string; duplicate: boolean }>> {
  return db.$transaction(async (tx) => {
    const r = await respondent(tx, input.consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không có trong danh sách được lấy ý kiến của đợt này.");
    if (input.idempotencyKey) {
      const earlier = await tx.comment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, authorId: true } });
      if (earlier) return earlier.authorId === viewer.userId ? { ok: true as const, commentId: earlier.id, duplicate: true } : fail(409, "Yêu cầu trùng lặp.");
    }
    const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now);
    if (!verdict.ok) return fail(403, verdict.reason);
    const placed = await placeComment(tx, r, input);
    if (!placed.ok) return placed;
    const { body, bodyText } = commentBody(input.text);
    const comment = await tx.comment.create({
      data: {
        consultationId: r.consultation.id,
        recipientId: r.id,
        authorId: viewer.userId,
        versionId: r.consultation.documentVersionId,
        scope: input.scope,
        sectionId: placed.sectionId,
        ...placed.anchor,
        body,
        bodyText,
        isLate: verdict.late,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.recipient.updateMany({ where: { id: r.id, answeredAt: null }, data: { answeredAt: now } });
    await recordAudit(
      tx,
      { event: "comment.created", actorId: viewer.userId, consultationId: r.consultation.id, entityType: "Comment", entityId: comment.id, payload: { scope: input.scope, sectionId: placed.sectionId, late: verdict.late } },
      now,
    );
    if (r.consultation.receiptsEnabled) {
      const item = { kind: "comment" as const, where: placed.where, quote: placed.anchor.anchorExact ?? null, text: bodyText, late: verdict.late };
      await queueReceipt(tx, r, `receipt:comment:${comment.id}`, [item], now);
    }
    return { ok: true as const, commentId: comment.id, duplicate: false };
  });
}

/** Where a comment goes: a section of this consultation's draft, a passage in it, or the whole draft. */
async function placeComment(tx: Tx, r: Respondent, input: NewComment) {
  if (input.scope === "general") return { ok: true as const, sectionId: null, anchor: {}, where: "Góp ý chung cho toàn bộ dự thảo" };
  const section = input.sectionId
    ? await tx.section.findFirst({ where: { id: input.sectionId, versionId: r.consultation.documentVersionId }, select: { id: true, label: true, heading: true, plainText: true } })
    : null;
  if (!section) return fail(400, "Không tìm thấy phần, mục được góp ý trong dự thảo này.");
  const where = sectionTitle(section);
  if (input.scope === "section") return { ok: true as const, sectionId: section.id, anchor: {}, where };
  if (!input.anchor) return fail(400, "Chưa chọn đoạn văn để góp ý.");
  const problem = anchorProblem(section.plainText, input.anchor);
  if (problem) return fail(400, problem);
  const a = anchorAt(section.plainText, input.anchor.start, input.anchor.end);
  return {
    ok: true as const,
    sectionId: section.id,
    anchor: { anchorStart: a.start, anchorEnd: a.end, anchorExact: a.exact, anchorPrefix: a.prefix, anchorSuffix: a.suffix },
    where,
  };
}

async function ownComment(tx: Tx, commentId: string, viewer: Viewer) {
  const c = await tx.comment.findUnique({
    where: { id: commentId },
    select: { id: true, authorId: true, body: true, bodyText: true, updatedAt: true, createdAt: true, withdrawnAt: true, consultationId: true },
  });
  // Someone else's comment and no comment look alike: ids do not leak.
  return c && c.authorId === viewer.userId ? c : null;
}

export async function editComment(db: Db, viewer: Viewer, commentId: string, text: string, now: Date): Promise<Outcome> {
  const textProblem = checkText(text);
  if (textProblem) return fail(400, textProblem);
  return db.$transaction(async (tx) => {
    const c = await ownComment(tx, commentId, viewer);
    if (!c) return fail(404, "Không tìm thấy ý kiến này.");
    if (c.withdrawnAt) return fail(409, "Ý kiến này đã được rút; không thể chỉnh sửa.");
    const r = await respondent(tx, c.consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không còn trong danh sách được lấy ý kiến của đợt này.");
    const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now, { allowLate: false });
    if (!verdict.ok) return fail(403, verdict.reason);
    const next = commentBody(text);
    if (next.bodyText === c.bodyText) return { ok: true as const };
    // The earlier wording is kept, dated when it was written.
    await tx.commentRevision.create({ data: { commentId: c.id, body: c.body, bodyText: c.bodyText, createdAt: c.updatedAt ?? c.createdAt } });
    await tx.comment.update({ where: { id: c.id }, data: { ...next, updatedAt: now } });
    await recordAudit(tx, { event: "comment.edited", actorId: viewer.userId, consultationId: c.consultationId, entityType: "Comment", entityId: c.id, payload: { previousLength: c.bodyText.length, length: next.bodyText.length } }, now);
    return { ok: true as const };
  });
}

export async function withdrawComment(db: Db, viewer: Viewer, commentId: string, now: Date): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    const c = await ownComment(tx, commentId, viewer);
    if (!c) return fail(404, "Không tìm thấy ý kiến này.");
    if (c.withdrawnAt) return { ok: true as const };
    const r = await respondent(tx, c.consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không còn trong danh sách được lấy ý kiến của đợt này.");
    const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now, { allowLate: false });
    if (!verdict.ok) return fail(403, verdict.reason);
    await tx.comment.update({ where: { id: c.id }, data: { withdrawnAt: now } });
    await recordAudit(tx, { event: "comment.withdrawn", actorId: viewer.userId, consultationId: c.consultationId, entityType: "Comment", entityId: c.id, payload: {} }, now);
    return { ok: true as const };
  });
}

export async function agree(db: Db, viewer: Viewer, consultationId: string, note: string, now: Date): Promise<Outcome> {
  const cleanNote = note.normalize("NFC").trim();
  if (cleanNote.length > 2_000) return fail(400, "Ghi chú dài quá 2.000 ký tự.");
  return db.$transaction(async (tx) => {
    const r = await respondent(tx, consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không có trong danh sách được lấy ý kiến của đợt này.");
    const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now);
    if (!verdict.ok) return fail(403, verdict.reason);
    const done = await tx.recipient.updateMany({ where: { id: r.id, agreedAt: null }, data: { agreedAt: now, agreeNote: cleanNote || null } });
    if (done.count === 0) return { ok: true as const }; // already agreed: a second click changes nothing
    await recordAudit(tx, { event: "recipient.agreed", actorId: viewer.userId, consultationId, entityType: "Recipient", entityId: r.id, payload: { note: cleanNote || null, late: verdict.late } }, now);
    if (r.consultation.receiptsEnabled) {
      await queueReceipt(tx, r, `receipt:agree:${r.id}`, [{ kind: "agreement", where: "", quote: null, text: cleanNote, late: verdict.late }], now);
    }
    return { ok: true as const };
  });
}

export async function requestExtension(db: Db, viewer: Viewer, consultationId: string, until: Date, reason: string, now: Date): Promise<Outcome> {
  const why = reason.normalize("NFC").trim();
  if (!why) return fail(400, "Vui lòng nêu lý do đề nghị gia hạn.");
  if (why.length > 2_000) return fail(400, "Lý do dài quá 2.000 ký tự.");
  return db.$transaction(async (tx) => {
    const r = await respondent(tx, consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không có trong danh sách được lấy ý kiến của đợt này.");
    const verdict = mayRespond({ ...r.consultation, latePolicy: "refuse", extensionUntil: r.extensionUntil }, now);
    if (!verdict.ok) return fail(403, verdict.reason);
    const current = r.extensionUntil && r.extensionUntil > r.consultation.deadlineAt ? r.extensionUntil : r.consultation.deadlineAt;
    if (until <= current) return fail(400, `Ngày đề nghị gia hạn phải sau hạn góp ý hiện tại (${formatDeadline(current)}).`);
    const pending = await tx.extensionRequest.count({ where: { recipientId: r.id, status: "pending" } });
    if (pending > 0) return fail(409, "Đồng chí đã có một đề nghị gia hạn đang chờ Văn phòng xem xét.");
    const request = await tx.extensionRequest.create({ data: { recipientId: r.id, requestedUntil: until, reason: why, createdAt: now }, select: { id: true } });
    await recordAudit(tx, { event: "extension.requested", actorId: viewer.userId, consultationId, entityType: "ExtensionRequest", entityId: request.id, payload: { until: until.toISOString() } }, now);
    return { ok: true as const };
  });
}

async function queueReceipt(tx: Tx, r: Respondent, key: string, items: Parameters<typeof email<"xac-nhan-da-nhan">>[1]["items"], now: Date) {
  const content = email("xac-nhan-da-nhan", {
    recipientName: r.user.name,
    letterSubject: r.consultation.letterSubject,
    items,
    submittedAt: formatVnDateTime(now),
    link: `${getEnv().APP_URL}${consultationPath(r.consultation.id)}`,
  });
  await enqueue(tx, [{ key, kind: "receipt", toEmail: r.user.email, consultationId: r.consultation.id, recipientId: r.id, content }], now);
}
