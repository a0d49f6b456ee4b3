// Publishing the outcome ("Công bố kết quả"): after the deadline the Office makes the decisions
// visible to the officials who commented, tells each of them once, and, where the public may read
// the consultation, makes the consolidated report public. Idempotent: resultPublishedAt is claimed
// with a conditional update and each email is keyed per consultation and recipient, so a double
// click or two processes publishing at once tell each official once.
import { type Actor, actorId, authorize } from "~/domain/actor";
import { consultationPath } from "~/domain/consultation";
import { DISPOSITION_KINDS, DISPOSITION_LABELS, isDispositionKind } from "~/domain/report";
import { fail, invalid, notFound, type Result } from "~/domain/result";
import { type PublishedDecision, publishedDecision, resultPath, resultTimingProblem, UNDECIDED_NOT_ACKNOWLEDGED } from "~/domain/result-publication";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { recordAudit } from "./audit.server";
import { enqueue } from "./outbox.server";

export interface ResultFacts {
  id: string;
  title: string;
  publicCanRead: boolean;
  resultPublishedAt: Date | null;
  resultPublishedBy: string | null;
  /** Why it cannot be published now, or null. */
  problem: string | null;
  /** Officials (still on the list) with at least one comment: each gets one email. */
  commenters: number;
  comments: number;
  /** Comments with no answer to give: undecided, or decided on an earlier wording. */
  undecided: number;
}

const COUNTED = { withdrawnAt: null, moderation: { in: ["none", "approved"] } };

/** What the report page's "Công bố kết quả" box shows, or null for an unknown id. */
export async function resultFacts(db: Db | Tx, consultationId: string, now: Date): Promise<ResultFacts | null> {
  const c = await db.consultation.findUnique({
    where: { id: consultationId },
    select: { id: true, title: true, publishedAt: true, deadlineAt: true, publicCanRead: true, resultPublishedAt: true, resultPublishedById: true },
  });
  if (!c) return null;
  const [extension, commenters, comments, undecided, publisher] = await Promise.all([
    db.recipient.aggregate({ where: { consultationId, removedAt: null }, _max: { extensionUntil: true } }),
    db.recipient.count({ where: { consultationId, removedAt: null, comments: { some: COUNTED } } }),
    db.comment.count({ where: { consultationId, ...COUNTED } }),
    db.comment.count({ where: { consultationId, ...COUNTED, OR: [{ dispositionKind: null }, { dispositionNeedsReview: true }] } }),
    c.resultPublishedById ? db.user.findUnique({ where: { id: c.resultPublishedById }, select: { name: true } }) : null,
  ]);
  return {
    id: c.id,
    title: c.title,
    publicCanRead: c.publicCanRead,
    resultPublishedAt: c.resultPublishedAt,
    resultPublishedBy: c.resultPublishedAt ? (publisher?.name ?? "Dòng lệnh") : null,
    problem: resultTimingProblem({ publishedAt: c.publishedAt, deadlineAt: c.deadlineAt, lastExtensionUntil: extension._max.extensionUntil }, now),
    commenters,
    comments,
    undecided,
  };
}

export async function publishResult(
  db: Db,
  actor: Actor,
  input: { consultationId: string; undecidedAcknowledged: boolean },
  now: Date,
): Promise<Result<{ emailed: number; alreadyPublished: boolean }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const facts = await resultFacts(tx, input.consultationId, now);
    if (!facts) return notFound("đợt lấy ý kiến");
    if (facts.resultPublishedAt) return { ok: true as const, emailed: 0, alreadyPublished: true };
    if (facts.problem) return fail(409, facts.problem);
    if (facts.undecided > 0 && !input.undecidedAcknowledged)
      return invalid([UNDECIDED_NOT_ACKNOWLEDGED], { undecidedAcknowledged: UNDECIDED_NOT_ACKNOWLEDGED });
    const claimed = await tx.consultation.updateMany({
      where: { id: facts.id, resultPublishedAt: null },
      data: { resultPublishedAt: now, resultPublishedById: actorId(actor), updatedAt: now },
    });
    if (claimed.count !== 1) return { ok: true as const, emailed: 0, alreadyPublished: true };
    const queued = await enqueue(tx, await resultMessages(tx, facts), now);
    await recordAudit(
      tx,
      {
        event: "result.published",
        actorId: actorId(actor),
        consultationId: facts.id,
        entityType: "Consultation",
        entityId: facts.id,
        payload: { emailed: queued.length, comments: facts.comments, undecided: facts.undecided, public: facts.publicCanRead },
      },
      now,
    );
    return { ok: true as const, emailed: queued.length, alreadyPublished: false };
  });
}

/**
 * One message per official who commented. Officials who only agreed or stayed silent get none:
 * there is no decision of theirs to read, and the report holds nothing new about them.
 */
async function resultMessages(tx: Tx, facts: ResultFacts) {
  const commenters = await tx.recipient.findMany({
    where: { consultationId: facts.id, removedAt: null, comments: { some: COUNTED } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      user: { select: { name: true, email: true } },
      comments: { where: COUNTED, select: { dispositionKind: true, dispositionNeedsReview: true } },
    },
  });
  const base = getEnv().APP_URL;
  return commenters.map((r) => {
    const answered = r.comments.filter((c) => isDispositionKind(c.dispositionKind) && !c.dispositionNeedsReview);
    return {
      key: `result:${facts.id}:${r.id}`,
      kind: "result_published" as const,
      toEmail: r.user.email,
      consultationId: facts.id,
      recipientId: r.id,
      content: email("ket-qua-xu-ly", {
        recipientName: r.user.name,
        consultationTitle: facts.title,
        comments: r.comments.length,
        decisions: DISPOSITION_KINDS.map((k) => ({ label: DISPOSITION_LABELS[k], count: answered.filter((c) => c.dispositionKind === k).length })),
        undecided: r.comments.length - answered.length,
        link: `${base}${consultationPath(facts.id)}#danh-sach-gop-y`,
        resultLink: facts.publicCanRead ? `${base}${resultPath(facts.id)}` : null,
      }),
    };
  });
}

/**
 * The Office's decisions on these comments as their readers see them once the result is published
 * (call only then): live, so a decision changed afterwards shows with when it changed.
 */
export async function publishedDecisions(
  db: Db,
  consultationId: string,
  commentIds: string[],
  resultPublishedAt: Date,
): Promise<Map<string, PublishedDecision>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db.comment.findMany({
    where: { consultationId, id: { in: commentIds } },
    select: { id: true, revision: true, disposition: { select: { kind: true, explanation: true, decidedAt: true, commentRevision: true } } },
  });
  return new Map(
    rows.map((c) => [
      c.id,
      publishedDecision(
        {
          kind: c.disposition?.kind ?? null,
          explanation: c.disposition?.explanation ?? null,
          decidedAt: c.disposition?.decidedAt ?? null,
          decidedRevision: c.disposition?.commentRevision ?? null,
          revision: c.revision,
        },
        resultPublishedAt,
      ),
    ]),
  );
}
