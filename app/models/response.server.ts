// What an invited official does with a draft: comment (on a passage, a section or the whole
// draft), edit or withdraw their own comment, agree, ask for more time. Every write checks, on
// the server and at this instant, that this person may do it; each is audited in its transaction
// and, where the consultation asks for receipts, confirmed by email through the outbox.

import { randomUUID } from "node:crypto";
import { sql } from "~/db/direct";
import { later, one, writeUnit } from "~/db/unit";
import { authorize } from "~/domain/actor";
import { anchorAt, anchorProblem } from "~/domain/anchoring";
import { consultationPath } from "~/domain/consultation";
import { decisionStatus } from "~/domain/decision-review";
import { plainParagraph } from "~/domain/draft-text";
import { mayRespond } from "~/domain/responding";
import { fail, type Result } from "~/domain/result";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import { docToPlainText, paragraphsToDoc } from "~/domain/tiptap";
import type { Viewer } from "~/domain/viewer";
import { isBlankText } from "~/domain/visible-text";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { noteLastSeen, SESSION_COLUMNS, SESSION_INSTANTS, type SessionRow, viewerOfSession } from "~/utils/session.server";
import { email } from "../../emails";
import { auditInUnit, recordAudit } from "./audit.server";
import { enqueue, type NewMessage } from "./outbox.server";
import { openCommentReceipt, openReceiptKey } from "./receipt.server";

export const MAX_COMMENT_CHARS = 10_000;

/** The viewer as a recipient of this consultation, with what the rules need; null if not invited. */
export async function respondent(tx: Tx, consultationId: string, viewer: Viewer) {
  return tx.recipient.findFirst({
    where: { consultationId, userId: viewer.userId, removedAt: null },
    select: {
      id: true,
      extensionUntil: true,
      user: { select: { name: true, email: true } },
      consultation: {
        select: {
          id: true,
          publishedAt: true,
          opensAt: true,
          deadlineAt: true,
          latePolicy: true,
          receiptsEnabled: true,
          letterSubject: true,
          title: true,
          documentVersionId: true,
        },
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
  if (isBlankText(t)) return "Nội dung góp ý không được để trống.";
  if (t.length > MAX_COMMENT_CHARS)
    return `Nội dung góp ý dài ${t.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ${MAX_COMMENT_CHARS.toLocaleString("vi-VN")} ký tự.`;
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

/**
 * Who posts a comment: a viewer already looked up, or the session a request carries (its id, the
 * hash of the cookie), read with the comment's own first statement: on PostgreSQL that saves the
 * hot path a round trip (app/server/comment-post.server.ts).
 */
export type Commenter = Viewer | { sessionId: string };

/**
 * Posts a comment. This is the hot path (hundreds of officials in the last hour before a deadline),
 * so it runs as prepared statements in one IMMEDIATE transaction on the direct connection rather
 * than through Prisma (docs/decisions/0005-hot-path.md). The same checks as every other answer:
 * signed in, invited, in time, passage present in the text. The idempotency key is checked in the
 * same transaction and held by its unique index (a POST sent twice at once meets it and runs again),
 * so a double click or a retried POST finds the first comment and creates no second one.
 */
export async function createComment(
  db: Db,
  who: Commenter,
  input: NewComment,
  now: Date,
): Promise<Result<{ commentId: string; duplicate: boolean; sectionAnchor: string | null }>> {
  const bySession = "sessionId" in who;
  if (!bySession) {
    const refused = authorize(who, "recipient.respond");
    if (refused) return refused;
  }
  const textProblem = checkText(input.text);
  if (textProblem) return fail(400, textProblem);
  const { body, bodyText } = commentBody(input.text);
  let viewer: Viewer | null = bySession ? null : who;
  let lastSeenAt: Date | null = null;
  const outcome = await writeUnit(
    db,
    function* () {
      // Who may answer, an earlier comment under the same idempotency key, the section: one read.
      const sectionId = input.scope === "general" ? null : (input.sectionId ?? null);
      const key = input.idempotencyKey ?? null;
      let found: CommentContext | undefined;
      if (bySession) {
        // The session is read here, so the actor is known only now: authorized before anything is written.
        const row = yield* one(COMMENT_CONTEXT_BY_SESSION, [input.consultationId, key, sectionId, who.sessionId]);
        viewer = viewerOfSession(row, now);
        if (!viewer) return fail(403, "Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi; đồng chí vui lòng đăng nhập lại.");
        lastSeenAt = row!.sessionLastSeenAt;
        const refused = authorize(viewer, "recipient.respond");
        if (refused) return refused;
        found = row!.id ? (row as CommentContext) : undefined;
      } else found = yield* one(COMMENT_CONTEXT, [key, sectionId, input.consultationId, who.userId]);
      if (!found || !viewer) return fail(403, "Đồng chí không có trong danh sách được lấy ý kiến của đợt này.");
      const actorId = viewer.userId;
      const r = respondentOf(found);
      if (found.earlierId)
        return found.earlierAuthorId === actorId
          ? { ok: true as const, commentId: found.earlierId, duplicate: true, sectionAnchor: found.earlierAnchor }
          : fail(409, "Yêu cầu trùng lặp.");
      const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now);
      if (!verdict.ok) return fail(403, verdict.reason);
      const section = sectionOf(found);
      const placed = placeComment(section, input);
      if (!placed.ok) return placed;
      const commentId = randomUUID();
      const a = placed.anchor;
      // The receipt digest first: the comment's insert names the open one.
      const receiptKey = r.consultation.receiptsEnabled ? yield* openCommentReceipt(r.id, receipt(r, openReceiptKey(r.id), [], now), now) : null;
      yield* later(INSERT_COMMENT, [
        commentId,
        r.consultation.id,
        r.id,
        actorId,
        r.consultation.documentVersionId,
        input.scope,
        placed.sectionId,
        a?.anchorStart ?? null,
        a?.anchorEnd ?? null,
        a?.anchorExact ?? null,
        a?.anchorPrefix ?? null,
        a?.anchorSuffix ?? null,
        body,
        bodyText,
        verdict.late,
        input.idempotencyKey ?? null,
        now,
        now,
        receiptKey,
      ]);
      // The first answer is dated once: after it, the read says so and nothing is written.
      if (!found.answeredAt) yield* later(FIRST_ANSWER, [now, r.id]);
      yield* auditInUnit(
        {
          event: "comment.created",
          actorId,
          consultationId: r.consultation.id,
          entityType: "Comment",
          entityId: commentId,
          payload: { scope: input.scope, sectionId: placed.sectionId, late: verdict.late },
        },
        now,
      );
      return { ok: true as const, commentId, duplicate: false, sectionAnchor: section?.anchor ?? null };
    },
    // One official's comments in one consultation take turns for their writes: they share the
    // receipt digest. Different officials' comments are written side by side.
    { queue: () => `comment:${input.consultationId}:${viewer!.userId}` },
  );
  if (bySession && viewer) noteLastSeen(who.sessionId, lastSeenAt, now);
  return outcome;
}

const INSERT_COMMENT = sql(
  // The last parameter is the open receipt digest's key (app/models/receipt.server.ts), or null.
  `INSERT INTO "Comment" ("id", "consultationId", "recipientId", "authorId", "versionId", "scope", "sectionId", "anchorStart", "anchorEnd", "anchorExact", "anchorPrefix", "anchorSuffix", "body", "bodyText", "isLate", "moderation", "idempotencyKey", "createdAt", "updatedAt", "receiptId")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?, (SELECT "id" FROM "OutboxMessage" WHERE "key" = ?))`,
);
const FIRST_ANSWER = sql(`UPDATE "Recipient" SET "answeredAt" = ? WHERE "id" = ? AND "answeredAt" IS NULL`);

/** What a comment needs to know before it is written, read in one statement. */
interface CommentContext {
  id: string;
  extensionUntil: Date | null;
  answeredAt: Date | null;
  name: string;
  email: string;
  consultationId: string;
  publishedAt: Date | null;
  opensAt: Date;
  deadlineAt: Date;
  latePolicy: string;
  receiptsEnabled: boolean;
  letterSubject: string;
  title: string;
  documentVersionId: string;
  earlierId: string | null;
  earlierAuthorId: string | null;
  earlierAnchor: string | null;
  sectionId: string | null;
  sectionLabel: string | null;
  sectionHeading: string | null;
  sectionPlainText: string | null;
  sectionAnchor: string | null;
}

// What the comment's read returns beside who is answering, and the joins that find it.
const CONTEXT_COLUMNS = `r."id", r."extensionUntil", r."answeredAt", u."name", u."email", c."id" AS "consultationId", c."publishedAt", c."opensAt", c."deadlineAt", c."latePolicy", c."receiptsEnabled", c."letterSubject", c."title", c."documentVersionId",
          e."id" AS "earlierId", e."authorId" AS "earlierAuthorId", es."anchor" AS "earlierAnchor",
          s."id" AS "sectionId", s."label" AS "sectionLabel", s."heading" AS "sectionHeading", s."plainText" AS "sectionPlainText", s."anchor" AS "sectionAnchor"`;
const CONTEXT_JOINS = `LEFT JOIN "Comment" e ON e."idempotencyKey" = ?
     LEFT JOIN "Section" es ON es."id" = e."sectionId"
     LEFT JOIN "Section" s ON s."id" = ? AND s."versionId" = c."documentVersionId"`;
const CONTEXT_SHAPE = { booleans: ["receiptsEnabled"], instants: ["extensionUntil", "answeredAt", "publishedAt", "opensAt", "deadlineAt"] } as const;

const COMMENT_CONTEXT = sql<CommentContext>(
  // Parameters: idempotency key (or null), section (or null), consultation, user.
  `SELECT ${CONTEXT_COLUMNS}
     FROM "Recipient" r JOIN "User" u ON u."id" = r."userId" JOIN "Consultation" c ON c."id" = r."consultationId"
     ${CONTEXT_JOINS}
     WHERE r."consultationId" = ? AND r."userId" = ? AND r."removedAt" IS NULL`,
  CONTEXT_SHAPE,
);

/** The same read from the session: who it is (app/utils/session.server.ts), and the rest null if they are not invited. */
const COMMENT_CONTEXT_BY_SESSION = sql<SessionRow & Partial<CommentContext>>(
  // Parameters: consultation, idempotency key (or null), section (or null), session id.
  `SELECT ${SESSION_COLUMNS}, ${CONTEXT_COLUMNS}
     FROM "Session" ss JOIN "User" u ON u."id" = ss."userId"
     LEFT JOIN "Recipient" r ON r."consultationId" = ? AND r."userId" = u."id" AND r."removedAt" IS NULL
     LEFT JOIN "Consultation" c ON c."id" = r."consultationId"
     ${CONTEXT_JOINS}
     WHERE ss."id" = ?`,
  { booleans: CONTEXT_SHAPE.booleans, instants: [...CONTEXT_SHAPE.instants, ...SESSION_INSTANTS] },
);

/** respondent(), from the comment's read. */
function respondentOf(row: CommentContext): Respondent {
  const { id, extensionUntil, name, email, consultationId, documentVersionId } = row;
  const { publishedAt, opensAt, deadlineAt, latePolicy, receiptsEnabled, letterSubject, title } = row;
  return {
    id,
    extensionUntil,
    user: { name, email },
    consultation: { id: consultationId, publishedAt, opensAt, deadlineAt, latePolicy, receiptsEnabled, letterSubject, title, documentVersionId },
  };
}

function sectionOf(row: CommentContext): PlacedSection | null {
  if (!row.sectionId) return null;
  return { id: row.sectionId, label: row.sectionLabel!, heading: row.sectionHeading!, plainText: row.sectionPlainText!, anchor: row.sectionAnchor! };
}

interface PlacedSection {
  id: string;
  label: string;
  heading: string;
  plainText: string;
  anchor: string;
}

/** Where a comment goes: a section of this consultation's draft, a passage in it, or the whole draft. */
function placeComment(section: PlacedSection | null, input: NewComment) {
  if (input.scope === "general") return { ok: true as const, sectionId: null, anchor: null };
  if (!section) return fail(400, "Không tìm thấy phần, mục được góp ý trong dự thảo này.");
  if (input.scope === "section") return { ok: true as const, sectionId: section.id, anchor: null };
  if (!input.anchor) return fail(400, "Chưa chọn đoạn văn để góp ý.");
  const problem = anchorProblem(section.plainText, input.anchor);
  if (problem) return fail(400, problem);
  const a = anchorAt(section.plainText, input.anchor.start, input.anchor.end);
  return {
    ok: true as const,
    sectionId: section.id,
    anchor: { anchorStart: a.start, anchorEnd: a.end, anchorExact: a.exact, anchorPrefix: a.prefix, anchorSuffix: a.suffix },
  };
}

export async function ownComment(tx: Tx, commentId: string, viewer: Viewer) {
  const c = await tx.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      authorId: true,
      body: true,
      bodyText: true,
      updatedAt: true,
      createdAt: true,
      withdrawnAt: true,
      consultationId: true,
      revision: true,
      disposition: { select: { kind: true, commentRevision: true } },
    },
  });
  // Someone else's comment and no comment look alike: ids do not leak.
  return c && c.authorId === viewer.userId ? c : null;
}

export async function editComment(db: Db, viewer: Viewer, commentId: string, text: string, now: Date): Promise<Result> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
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
    const revision = c.revision + 1;
    // A decision answers the wording it was made on: from now on it needs the Office's review.
    const decision = c.disposition;
    // The comment first: two edits at once then meet on its row, and on PostgreSQL the second is
    // run again as a serialization failure, however many there are, instead of colliding on the
    // revision's number below, which is retried only a few times (app/db/retry.ts).
    await tx.comment.update({ where: { id: c.id }, data: { ...next, revision, updatedAt: now, ...(decision ? { dispositionNeedsReview: true } : {}) } });
    // The earlier wording is kept under its number, dated when it was written.
    await tx.commentRevision.create({
      data: { commentId: c.id, revision: c.revision, body: c.body, bodyText: c.bodyText, createdAt: c.updatedAt ?? c.createdAt },
    });
    await recordAudit(
      tx,
      {
        event: "comment.edited",
        actorId: viewer.userId,
        consultationId: c.consultationId,
        entityType: "Comment",
        entityId: c.id,
        payload: { previousLength: c.bodyText.length, length: next.bodyText.length, revision },
      },
      now,
    );
    if (decision && decisionStatus(decision.commentRevision, c.revision) === "decided") {
      const payload = { kind: decision.kind, decidedRevision: decision.commentRevision, revision };
      await recordAudit(
        tx,
        { event: "disposition.needs_review", actorId: viewer.userId, consultationId: c.consultationId, entityType: "Comment", entityId: c.id, payload },
        now,
      );
    }
    return { ok: true as const };
  });
}

export async function agree(db: Db, viewer: Viewer, consultationId: string, note: string, now: Date): Promise<Result> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
  const typed = note.normalize("NFC").trim();
  const cleanNote = isBlankText(typed) ? "" : typed;
  if (cleanNote.length > 2_000) return fail(400, "Ghi chú dài quá 2.000 ký tự.");
  return db.$transaction(async (tx) => {
    const r = await respondent(tx, consultationId, viewer);
    if (!r) return fail(403, "Đồng chí không có trong danh sách được lấy ý kiến của đợt này.");
    const verdict = mayRespond({ ...r.consultation, extensionUntil: r.extensionUntil }, now);
    if (!verdict.ok) return fail(403, verdict.reason);
    const done = await tx.recipient.updateMany({ where: { id: r.id, agreedAt: null }, data: { agreedAt: now, agreeNote: cleanNote || null } });
    if (done.count === 0) return { ok: true as const }; // already agreed: a second click changes nothing
    await recordAudit(
      tx,
      {
        event: "recipient.agreed",
        actorId: viewer.userId,
        consultationId,
        entityType: "Recipient",
        entityId: r.id,
        payload: { note: cleanNote || null, late: verdict.late },
      },
      now,
    );
    if (r.consultation.receiptsEnabled) {
      // An agreement given again after it was taken back is confirmed again, under a key of its own.
      const first = `receipt:agree:${r.id}`;
      const key = (await tx.outboxMessage.count({ where: { key: first } })) ? `${first}:${now.toISOString()}` : first;
      await enqueue(tx, [receipt(r, key, [{ kind: "agreement", where: "", quote: null, text: cleanNote, late: verdict.late }], now)], now);
    }
    return { ok: true as const };
  });
}

export async function requestExtension(db: Db, viewer: Viewer, consultationId: string, until: Date, reason: string, now: Date): Promise<Result> {
  const refused = authorize(viewer, "recipient.respond");
  if (refused) return refused;
  const why = reason.normalize("NFC").trim();
  if (isBlankText(why)) return fail(400, "Vui lòng nêu lý do đề nghị gia hạn.");
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
    await recordAudit(
      tx,
      {
        event: "extension.requested",
        actorId: viewer.userId,
        consultationId,
        entityType: "ExtensionRequest",
        entityId: request.id,
        payload: { until: until.toISOString() },
      },
      now,
    );
    return { ok: true as const };
  });
}

/** The confirmation email for what a recipient just submitted, ready for the outbox. */
function receipt(r: Respondent, key: string, items: Parameters<typeof email<"xac-nhan-da-nhan">>[1]["items"], now: Date): NewMessage {
  const content = email("xac-nhan-da-nhan", {
    recipientName: r.user.name,
    letterSubject: r.consultation.letterSubject,
    consultationTitle: r.consultation.title,
    items,
    submittedAt: formatVnDateTime(now),
    link: `${getEnv().APP_URL}${consultationPath(r.consultation.id)}`,
  });
  return { key, kind: "receipt", toEmail: r.user.email, consultationId: r.consultation.id, recipientId: r.id, content };
}
