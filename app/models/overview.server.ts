// The Office's list of consultations with how far each has come. Four grouped queries for all the
// consultations at once, however many there are: the comment counts read the covering index
// Comment_decisions_idx (docs/decisions/0006-decision-counts.md), never the comment rows.
import { type ConsultationPhase, consultationPhase } from "~/domain/consultation";
import type { Db } from "~/utils/db.server";

/** Public comments waiting for moderation, or refused, are not part of the consolidation. */
const COUNTED_MODERATION = ["none", "approved"];

export interface ConsultationProgress {
  id: string;
  title: string;
  deadlineAt: Date;
  phase: ConsultationPhase;
  /** Recipients on the list (not removed). */
  asked: number;
  /** Of them, those who commented or agreed. */
  answered: number;
  comments: number;
  /** Comments with a decision on their current wording. */
  decided: number;
}

/** Every consultation, for the Office only: the route checks the role. */
export async function listConsultationProgress(db: Db, now: Date): Promise<ConsultationProgress[]> {
  const shown = { withdrawnAt: null, moderation: { in: COUNTED_MODERATION } };
  const [consultations, asked, answered, comments, decided] = await Promise.all([
    db.consultation.findMany({
      orderBy: [{ deadlineAt: "desc" }, { createdAt: "desc" }],
      select: { id: true, title: true, opensAt: true, deadlineAt: true, publishedAt: true },
    }),
    db.recipient.groupBy({ by: ["consultationId"], where: { removedAt: null }, _count: { _all: true } }),
    db.recipient.groupBy({
      by: ["consultationId"],
      // Comments as they stand, not answeredAt (the first ever): withdrawing them all is no answer.
      where: { removedAt: null, OR: [{ comments: { some: { withdrawnAt: null } } }, { agreedAt: { not: null } }] },
      _count: { _all: true },
    }),
    db.comment.groupBy({ by: ["consultationId"], where: shown, _count: { _all: true } }),
    db.comment.groupBy({
      by: ["consultationId"],
      // A decision on an earlier wording is not a decision on the comment as it stands.
      where: { ...shown, dispositionKind: { not: null }, dispositionNeedsReview: false },
      _count: { _all: true },
    }),
  ]);
  const count = (rows: { consultationId: string; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.consultationId, r._count._all]));
  const [a, b, c, d] = [count(asked), count(answered), count(comments), count(decided)];
  return consultations.map((row) => ({
    id: row.id,
    title: row.title,
    deadlineAt: row.deadlineAt,
    phase: consultationPhase(row, now),
    asked: a.get(row.id) ?? 0,
    answered: b.get(row.id) ?? 0,
    comments: c.get(row.id) ?? 0,
    decided: d.get(row.id) ?? 0,
  }));
}
