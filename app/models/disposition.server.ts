// The Office's decision on each comment (tiếp thu, tiếp thu một phần, giải trình, không tiếp thu)
// and the screen it decides on: the comments in the order of the draft, a page at a time, with the
// counts the Office watches. Written for a consultation with 10,000,000 comments: the counts are
// kept by triggers (app/db/tally.ts), not counted per request, and a page reads only the sections it
// falls in, from the slot of the section it starts in, in the order of the comment index
// (docs/decisions/0011-national-scale.md). Filtered views count and sort the matching comments
// (Comment.dispositionKind copies the decision so that the index covers them, decision 0006).

import { readTally, slotOf } from "~/db/tally";
import { authorize } from "~/domain/actor";
import type { DecisionState } from "~/domain/decision-filters";
import { decisionStatus, staleWordingProblem } from "~/domain/decision-review";
import { type DispositionKind, dispositionProblem } from "~/domain/report";
import { fail, type Result } from "~/domain/result";
import { GENERAL_COMMENTS_TITLE, sectionPathTitle } from "~/domain/sections";
import { recipientStanding, type Standing } from "~/domain/silence";
import type { Viewer } from "~/domain/viewer";
import { Prisma } from "~/generated/prisma/client";
import { type Db, instantParam, type Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export const DECISIONS_PER_PAGE = 50;
/** The section filter's value for comments on the whole draft (a section id is never this). */
export const GENERAL_SECTION = "chung";

/** Public comments waiting for moderation, or refused, are not part of the consolidation. */
const SHOWN_MODERATION = ["none", "approved"];

// ---------------------------------------------------------------- deciding

export interface DispositionInput {
  /** The consultation the Office is working on: a comment of another one is refused. */
  consultationId: string;
  commentId: string;
  kind: string;
  explanation: string;
  /**
   * The comment's wording the Office was shown (Comment.revision): when the official has edited it
   * since, the decision is refused rather than attached to words the Office did not read. Left out
   * only by callers that decide on what they read themselves (the demo loader).
   */
  revision?: number;
}

type Decidable = NonNullable<Awaited<ReturnType<typeof decidableComment>>>;

/** The comment as a decision needs it, or null when this consultation has no such comment. */
async function decidableComment(tx: Tx, consultationId: string, commentId: string) {
  const c = await tx.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      consultationId: true,
      withdrawnAt: true,
      moderation: true,
      revision: true,
      disposition: { select: { kind: true, explanation: true, commentRevision: true } },
    },
  });
  return c && c.consultationId === consultationId ? c : null;
}

const NOT_FOUND = "Không tìm thấy ý kiến góp ý này trong đợt lấy ý kiến.";

/** Why this comment cannot be decided now, on the wording the Office was shown; null when it can. */
function decidableProblem(comment: Decidable, shownRevision: number | undefined) {
  if (comment.withdrawnAt) return fail(409, "Ý kiến này đã được người góp ý rút lại; không cần xử lý.");
  if (!SHOWN_MODERATION.includes(comment.moderation)) return fail(409, "Ý kiến này chưa được duyệt nên chưa đưa vào tổng hợp.");
  const stale = shownRevision === undefined ? null : staleWordingProblem(shownRevision, comment.revision);
  return stale ? fail(409, stale) : null;
}

/**
 * Sets or changes the Office's decision on one comment, on the wording the Office was shown; each
 * change is audited in its transaction. Saving the same decision again on a comment edited since
 * confirms it for the new wording.
 */
export async function setDisposition(db: Db, office: Viewer, input: DispositionInput, now: Date): Promise<Result<{ changed: boolean }>> {
  const refused = authorize(office, "office.manage");
  if (refused) return refused;
  const problem = dispositionProblem(input.kind, input.explanation);
  if (problem) return fail(400, problem);
  const kind = input.kind as DispositionKind;
  const explanation = input.explanation.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  return db.$transaction(async (tx) => {
    const comment = await decidableComment(tx, input.consultationId, input.commentId);
    if (!comment) return fail(404, NOT_FOUND);
    const refused = decidableProblem(comment, input.revision);
    if (refused) return refused;
    const before = comment.disposition;
    const sameDecision = before !== null && before.kind === kind && before.explanation === explanation;
    if (sameDecision && decisionStatus(before.commentRevision, comment.revision) === "decided") return { ok: true as const, changed: false };
    await writeDecision(tx, office, comment, { kind, explanation }, now);
    if (sameDecision) {
      await recordConfirmation(tx, office, comment, before, now);
    } else {
      const payload = {
        kind,
        previousKind: before?.kind ?? null,
        explanationLength: explanation.length,
        previousExplanationLength: before ? before.explanation.length : null,
        revision: comment.revision,
      };
      await recordAudit(
        tx,
        { event: "disposition.set", actorId: office.userId, consultationId: comment.consultationId, entityType: "Comment", entityId: comment.id, payload },
        now,
      );
    }
    return { ok: true as const, changed: true };
  });
}

export interface ConfirmationInput {
  consultationId: string;
  commentId: string;
  /** The new wording the Office read beside the one it had decided on. */
  revision: number;
}

/**
 * The Office keeps its decision (kind and explanation) for the wording the official changed it to:
 * one action, audited. Confirming a decision that does not need review changes nothing.
 */
export async function confirmDisposition(db: Db, office: Viewer, input: ConfirmationInput, now: Date): Promise<Result<{ changed: boolean }>> {
  const refused = authorize(office, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const comment = await decidableComment(tx, input.consultationId, input.commentId);
    if (!comment) return fail(404, NOT_FOUND);
    const refused = decidableProblem(comment, input.revision);
    if (refused) return refused;
    const before = comment.disposition;
    if (!before) return fail(409, "Ý kiến này chưa được xử lý nên không có gì để giữ nguyên; vui lòng chọn hình thức xử lý.");
    if (decisionStatus(before.commentRevision, comment.revision) === "decided") return { ok: true as const, changed: false };
    await writeDecision(tx, office, comment, before, now);
    await recordConfirmation(tx, office, comment, before, now);
    return { ok: true as const, changed: true };
  });
}

/** The decision on the comment's current wording, and the copies the decision screen counts from. */
async function writeDecision(tx: Tx, office: Viewer, comment: Decidable, d: { kind: string; explanation: string }, now: Date) {
  const data = { kind: d.kind, explanation: d.explanation, commentRevision: comment.revision, decidedById: office.userId, decidedAt: now, updatedAt: now };
  await tx.disposition.upsert({ where: { commentId: comment.id }, create: { commentId: comment.id, ...data }, update: data });
  // Raw, so the comment's updatedAt is left alone: its wording did not change.
  await tx.$executeRaw`UPDATE "Comment" SET "dispositionKind" = ${d.kind}, "dispositionNeedsReview" = false WHERE "id" = ${comment.id}`;
}

async function recordConfirmation(tx: Tx, office: Viewer, comment: Decidable, before: { kind: string; commentRevision: number }, now: Date) {
  const payload = { kind: before.kind, previousRevision: before.commentRevision, revision: comment.revision };
  await recordAudit(
    tx,
    { event: "disposition.confirmed", actorId: office.userId, consultationId: comment.consultationId, entityType: "Comment", entityId: comment.id, payload },
    now,
  );
}

// ---------------------------------------------------------------- the screen

export interface DecisionFilters {
  /** A section's id, GENERAL_SECTION for comments on the whole draft, or nothing for all. */
  sectionId?: string;
  organization?: string;
  state?: DecisionState;
  page: number;
}

export interface DecisionItem {
  id: string;
  /** Position in the filtered list, from 1. */
  number: number;
  scope: string;
  quote: string | null;
  text: string;
  isLate: boolean;
  edited: boolean;
  createdAt: Date;
  /** When the wording was last changed, and its number: the decision form carries it back. */
  updatedAt: Date;
  revision: number;
  author: { name: string; title: string | null; organization: string | null };
  /**
   * `needsReview`: made on an earlier wording (the official edited the comment since), which
   * `decidedText` holds; it counts as undecided until the Office confirms or changes it.
   */
  disposition: { kind: DispositionKind; explanation: string; decidedAt: Date; decidedBy: string; needsReview: boolean; decidedText: string | null } | null;
}

/** A comment the official withdrew after the Office had decided on it. */
export interface WithdrawnDecision {
  id: string;
  text: string;
  withdrawnAt: Date;
  author: { name: string; organization: string | null };
  kind: DispositionKind;
}

export interface DecisionGroup {
  /** null for comments on the whole draft. */
  sectionId: string | null;
  title: string;
  anchor: string | null;
  items: DecisionItem[];
}

export interface SectionCount {
  /** null for comments on the whole draft. */
  sectionId: string | null;
  title: string;
  total: number;
  decided: number;
}

export interface DecisionScreen {
  consultation: { id: string; title: string; deadlineAt: Date; silenceIsConsent: boolean };
  filters: Required<Omit<DecisionFilters, "sectionId" | "organization">> & { sectionId: string | null; organization: string | null };
  groups: DecisionGroup[];
  /** Comments matching the filters, and pages of them. */
  total: number;
  pages: number;
  /**
   * Every comment not withdrawn, how many carry a decision on their current wording, and how many
   * carry one on an earlier wording (needing review, so not counted as decided).
   */
  progress: { decided: number; total: number; review: number };
  /** Comments withdrawn after a decision (the newest 50) and how many there are in all. */
  withdrawnDecisions: { count: number; items: WithdrawnDecision[] };
  /** Sections with comments, in the order of the draft (general comments first): filter options and a chart. */
  sections: SectionCount[];
  organizations: string[];
  /** How many invited recipients stand where, now. */
  /** Who was asked and how they answered, as the report states it (the chart shows the same numbers). */
  /** Where the recipients stand, for the chart: the report's figures, read without touching every comment. */
  summary: StandingSummary;
}

interface CountRow {
  sectionId: string | null;
  total: number | bigint;
  decided: number | bigint;
  review: number | bigint;
}

interface Counts {
  total: number;
  decided: number;
  review: number;
}

interface ItemRow {
  id: string;
  scope: string;
  anchorExact: string | null;
  bodyText: string;
  isLate: number | boolean;
  createdAt: Date | string;
  authorName: string;
  authorTitle: string | null;
  organization: string | null;
  revisions: number | bigint;
  updatedAt: Date | string;
  revision: number | bigint;
  needsReview: number | boolean;
  decidedText: string | null;
  kind: string | null;
  explanation: string | null;
  decidedAt: Date | string | null;
  decidedBy: string | null;
}

const shownComments = (consultationId: string) =>
  Prisma.sql`c."consultationId" = ${consultationId} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${Prisma.join(SHOWN_MODERATION)})`;

const byOrganization = (consultationId: string, organization: string | null) =>
  organization
    ? Prisma.sql`AND c."recipientId" IN (SELECT r."id" FROM "Recipient" r WHERE r."consultationId" = ${consultationId} AND r."organization" = ${organization})`
    : Prisma.empty;

// A decision on an earlier wording (needing review) is not a decision on the comment as it stands.
const STANDING_DECISION = Prisma.sql`c."dispositionKind" IS NOT NULL AND NOT c."dispositionNeedsReview"`;

const STATE_CONDITIONS: Record<Exclude<DecisionState, "all">, Prisma.Sql> = {
  decided: Prisma.sql`AND ${STANDING_DECISION}`,
  review: Prisma.sql`AND c."dispositionNeedsReview"`,
  undecided: Prisma.sql`AND NOT (${STANDING_DECISION})`,
};

const byState = (state: DecisionState) => (state === "all" ? Prisma.empty : STATE_CONDITIONS[state]);

/**
 * Per section, one organisation's comments shown, decided and needing review: counted from the
 * comment index (the whole consultation's counts are kept in the tally, app/db/tally.ts).
 */
async function organizationCounts(db: Db, consultationId: string, organization: string): Promise<Map<string | null, Counts>> {
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT c."sectionId" AS "sectionId",
      COUNT(*) AS "total",
      COUNT(CASE WHEN ${STANDING_DECISION} THEN 1 END) AS "decided",
      COUNT(CASE WHEN c."dispositionNeedsReview" THEN 1 END) AS "review"
    FROM "Comment" c
    WHERE ${shownComments(consultationId)} ${byOrganization(consultationId, organization)}
    GROUP BY c."sectionId"`;
  const sections = new Map<string | null, Counts>();
  for (const r of rows) sections.set(r.sectionId, { total: Number(r.total), decided: Number(r.decided), review: Number(r.review) });
  return sections;
}

/**
 * Which of a section's comments a slice reads, in the order of the draft: those on the section as a
 * whole (no passage) come first, in time order, then those on passages by where the passage starts.
 * Unfiltered, the screen knows from the tally's slots (app/db/tally.ts) where a page's first comment
 * stands, and reads each kind apart from there, in the order of the comment index: a deep page skips
 * a few index entries instead of sorting the section or skipping all of it (PostgreSQL's index keeps
 * NULLs last, so one ORDER BY … NULLS FIRST over both kinds would sort). Filtered, one query sorts
 * the matching comments of the section. The order names the index's constant columns too:
 * PostgreSQL's planner takes "IS NULL" for a filter, not an equality, and would sort otherwise.
 */
const INDEX_ORDER = Prisma.sql`c."sectionId", c."anchorStart", c."createdAt", c."id"`;
const PARTS = {
  both: { where: Prisma.empty, order: Prisma.sql`c."anchorStart" NULLS FIRST, c."createdAt", c."id"` },
  unanchored: (db: Db, from: Date) => ({ where: Prisma.sql`AND c."anchorStart" IS NULL AND c."createdAt" >= ${instantParam(db, from)}`, order: INDEX_ORDER }),
  anchored: (from: number) => ({ where: Prisma.sql`AND c."anchorStart" >= ${from}`, order: INDEX_ORDER }),
};

/** Comments of one section (or the general ones), in order, with the filters: one slice of a page. */
async function sectionSlice(
  db: Db,
  consultationId: string,
  sectionId: string | null,
  f: { organization: string | null; state: DecisionState },
  { where, order }: { where: Prisma.Sql; order: Prisma.Sql },
  offset: number,
  limit: number,
) {
  const inSection = sectionId === null ? Prisma.sql`c."sectionId" IS NULL` : Prisma.sql`c."sectionId" = ${sectionId}`;
  // The page's ids are chosen on the comment table alone; names and decisions are joined to 50 rows.
  return db.$queryRaw<ItemRow[]>`
    WITH page AS (
      SELECT c."id", c."anchorStart", c."createdAt" FROM "Comment" c
      WHERE ${shownComments(consultationId)} AND ${inSection} ${where} ${byOrganization(consultationId, f.organization)} ${byState(f.state)}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT c."id", c."scope", c."anchorExact", c."bodyText", c."isLate", c."createdAt",
      u."name" AS "authorName", r."title" AS "authorTitle", r."organization" AS "organization",
      (SELECT COUNT(*) FROM "CommentRevision" cr WHERE cr."commentId" = c."id") AS "revisions",
      c."updatedAt", c."revision", c."dispositionNeedsReview" AS "needsReview",
      CASE WHEN c."dispositionNeedsReview" THEN
        (SELECT cr."bodyText" FROM "CommentRevision" cr WHERE cr."commentId" = c."id" AND cr."revision" = d."commentRevision")
      END AS "decidedText",
      d."kind", d."explanation", d."decidedAt", du."name" AS "decidedBy"
    FROM page p
    JOIN "Comment" c ON c."id" = p."id"
    JOIN "User" u ON u."id" = c."authorId"
    LEFT JOIN "Recipient" r ON r."id" = c."recipientId"
    LEFT JOIN "Disposition" d ON d."commentId" = c."id"
    LEFT JOIN "User" du ON du."id" = d."decidedById"
    ORDER BY p."anchorStart" NULLS FIRST, p."createdAt", p."id"`;
}

/** `limit` comments of a section from its `offset`-th: unfiltered, from the slot it stands in. */
async function sectionRows(
  db: Db,
  consultationId: string,
  sectionId: string | null,
  f: { organization: string | null; state: DecisionState },
  filtered: boolean,
  offset: number,
  limit: number,
): Promise<ItemRow[]> {
  if (filtered) return sectionSlice(db, consultationId, sectionId, f, PARTS.both, offset, limit);
  const { start, skip } = await slotOf(db, consultationId, sectionId, offset);
  if ("anchoredFrom" in start) return sectionSlice(db, consultationId, sectionId, f, PARTS.anchored(start.anchoredFrom), skip, limit);
  const first = await sectionSlice(db, consultationId, sectionId, f, PARTS.unanchored(db, start.unanchoredFrom), skip, limit);
  if (first.length === limit) return first;
  return [...first, ...(await sectionSlice(db, consultationId, sectionId, f, PARTS.anchored(0), 0, limit - first.length))];
}

function toItem(r: ItemRow, number: number): DecisionItem {
  return {
    id: r.id,
    number,
    scope: r.scope,
    quote: r.scope === "passage" ? r.anchorExact : null,
    text: r.bodyText,
    isLate: Boolean(r.isLate),
    edited: Number(r.revisions) > 0,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    revision: Number(r.revision),
    author: { name: r.authorName, title: r.authorTitle, organization: r.organization },
    disposition: r.kind
      ? {
          kind: r.kind as DispositionKind,
          explanation: r.explanation ?? "",
          decidedAt: new Date(r.decidedAt!),
          decidedBy: r.decidedBy ?? "",
          needsReview: Boolean(r.needsReview),
          decidedText: r.needsReview ? (r.decidedText ?? "") : null,
        }
      : null,
  };
}

/** Labels of a section's parts, outermost first: "II.2." rather than a bare "2.". */
function ancestorLabels(sections: { id: string; parentId: string | null; label: string }[], id: string): string[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const labels: string[] = [];
  for (let p = byId.get(id)?.parentId; p; p = byId.get(p)?.parentId) labels.unshift(byId.get(p)!.label);
  return labels;
}

/**
 * The rank of each of `rows` among all the section's comments, in the report's order. Only under a
 * filter: one pass over the section's entries of the covering index, sorted, for a page's slice.
 */
async function ranksInSection(db: Db, consultationId: string, sectionId: string | null, rows: { id: string }[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const inSection = sectionId === null ? Prisma.sql`c."sectionId" IS NULL` : Prisma.sql`c."sectionId" = ${sectionId}`;
  const ranked = await db.$queryRaw<{ id: string; n: number | bigint }[]>`
    SELECT r."id", r."n" FROM (
      SELECT c."id", ROW_NUMBER() OVER (ORDER BY c."anchorStart" NULLS FIRST, c."createdAt", c."id") AS "n"
      FROM "Comment" c WHERE ${shownComments(consultationId)} AND ${inSection}
    ) r WHERE r."id" IN (${Prisma.join(rows.map((r) => r.id))})`;
  return new Map(ranked.map((r) => [r.id, Number(r.n)]));
}

/** Matching comments per group, under the state filter. */
function filteredCount(c: Counts | undefined, state: DecisionState): number {
  if (!c) return 0;
  return { all: c.total, decided: c.decided, review: c.review, undecided: c.total - c.decided }[state];
}

export interface StandingSummary {
  asked: number;
  silenceIsConsent: boolean;
  standings: Record<Standing, number>;
  /** Every extension granted to someone still on the list, as the report lists them (not only those still running). */
  extensionsGranted: number;
}

/**
 * Where each recipient on the list stands now (app/domain/silence.ts), as the report counts them.
 * Only whether a recipient has a comment matters to the rule, so an EXISTS stands in for the count
 * the report reads: the report's own summary joins every comment (~1 s at 100,000 comments).
 */
async function standingCounts(db: Db, c: { id: string; deadlineAt: Date; silenceIsConsent: boolean }, now: Date): Promise<StandingSummary> {
  const rows = await db.$queryRaw<{ agreedAt: Date | string | null; extensionUntil: Date | string | null; commented: number | bigint }[]>`
    SELECT r."agreedAt", r."extensionUntil",
      EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = r."id" AND c."withdrawnAt" IS NULL) AS "commented"
    FROM "Recipient" r WHERE r."consultationId" = ${c.id} AND r."removedAt" IS NULL`;
  const standings: Record<Standing, number> = { commented: 0, agreed: 0, deemed_agree: 0, awaiting: 0, extension: 0, no_reply: 0 };
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  let extensionsGranted = 0;
  for (const r of rows) {
    const extensionUntil = date(r.extensionUntil);
    if (extensionUntil) extensionsGranted++;
    standings[recipientStanding({ activeComments: Number(r.commented), agreedAt: date(r.agreedAt), extensionUntil }, c, now)]++;
  }
  return { asked: rows.length, silenceIsConsent: c.silenceIsConsent, standings, extensionsGranted };
}

/** The decision screen of a consultation, or null when there is no such consultation. */
export async function decisionScreen(db: Db, consultationId: string, filters: DecisionFilters, now: Date): Promise<DecisionScreen | null> {
  const consultation = await db.consultation.findUnique({
    where: { id: consultationId },
    select: { id: true, title: true, deadlineAt: true, silenceIsConsent: true, documentVersionId: true },
  });
  if (!consultation) return null;
  const state = filters.state ?? "all";
  const organization = filters.organization?.normalize("NFC").trim() || null;
  const sectionFilter = filters.sectionId || null;

  const [sections, tally, summary, organizations] = await Promise.all([
    db.section.findMany({
      where: { versionId: consultation.documentVersionId },
      orderBy: { position: "asc" },
      select: { id: true, parentId: true, label: true, heading: true, anchor: true },
    }),
    readTally(db, consultationId),
    standingCounts(db, consultation, now),
    organizationsWithComments(db, consultationId),
  ]);
  const all = new Map<string | null, Counts>();
  for (const [id, t] of tally.sections) all.set(id, { total: t.shown, decided: t.decided, review: t.review });
  const byOrg = organization ? await organizationCounts(db, consultationId, organization) : all;

  // Groups in the order of the draft: the whole draft first, then each section by position.
  const order: { sectionId: string | null; title: string; anchor: string | null }[] = [
    { sectionId: null, title: GENERAL_COMMENTS_TITLE, anchor: null },
    ...sections.map((s) => ({ sectionId: s.id, title: sectionPathTitle(s, ancestorLabels(sections, s.id)), anchor: s.anchor })),
  ];
  const wanted = (id: string | null) => sectionFilter === null || (sectionFilter === GENERAL_SECTION ? id === null : id === sectionFilter);
  const matching = order.map((g) => ({ ...g, count: wanted(g.sectionId) ? filteredCount(byOrg.get(g.sectionId), state) : 0 }));
  const total = matching.reduce((n, g) => n + g.count, 0);
  const pages = Math.max(1, Math.ceil(total / DECISIONS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(filters.page) || 1), pages);

  // Walk the groups to the ones this page falls in, and read only those.
  const groups: DecisionGroup[] = [];
  let skip = (page - 1) * DECISIONS_PER_PAGE;
  let room = DECISIONS_PER_PAGE;
  // A comment's number is its place among all the consultation's comments, as the report numbers
  // them (STT), whatever the filter: the comments of the groups before, then its rank in its own.
  const filtered = state !== "all" || organization !== null;
  let before = 0;
  for (const g of matching) {
    if (room === 0) break;
    const numberedBefore = before;
    before += all.get(g.sectionId)?.total ?? 0;
    if (skip >= g.count) {
      skip -= g.count;
      continue;
    }
    const take = Math.min(g.count - skip, room);
    const rows = await sectionRows(db, consultationId, g.sectionId, { organization, state }, filtered, skip, take);
    const ranks = filtered ? await ranksInSection(db, consultationId, g.sectionId, rows) : null;
    const items = rows.map((r, i) => toItem(r, numberedBefore + (ranks?.get(r.id) ?? skip + i + 1)));
    if (rows.length) groups.push({ sectionId: g.sectionId, title: g.title, anchor: g.anchor, items });
    skip = 0;
    room -= take;
  }

  let decided = 0;
  let shown = 0;
  let review = 0;
  for (const c of all.values()) {
    decided += c.decided;
    shown += c.total;
    review += c.review;
  }
  return {
    consultation: { id: consultation.id, title: consultation.title, deadlineAt: consultation.deadlineAt, silenceIsConsent: consultation.silenceIsConsent },
    filters: { sectionId: sectionFilter, organization, state, page },
    groups,
    total,
    pages,
    progress: { decided, total: shown, review },
    withdrawnDecisions: { count: tally.withdrawnDecided, items: tally.withdrawnDecided ? await withdrawnDecisions(db, consultationId) : [] },
    sections: order
      .filter((g) => all.has(g.sectionId))
      .map((g) => ({
        sectionId: g.sectionId,
        title: g.sectionId === null ? "Góp ý chung" : g.title,
        total: all.get(g.sectionId)!.total,
        decided: all.get(g.sectionId)!.decided,
      })),
    organizations,
    summary,
  };
}

/**
 * Comments withdrawn after the Office decided on them, newest first. They are not in the list, the
 * progress or the report (nobody holds that opinion any more), but a decision such as "Tiếp thu"
 * may already have changed the draft: the Office is shown them so that it can look again.
 */
async function withdrawnDecisions(db: Db, consultationId: string): Promise<WithdrawnDecision[]> {
  const rows = await db.$queryRaw<
    { id: string; bodyText: string; withdrawnAt: Date | string; authorName: string; organization: string | null; kind: string }[]
  >`
    SELECT c."id", c."bodyText", c."withdrawnAt", u."name" AS "authorName", r."organization" AS "organization", d."kind"
    FROM "Comment" c
    JOIN "Disposition" d ON d."commentId" = c."id"
    JOIN "User" u ON u."id" = c."authorId"
    LEFT JOIN "Recipient" r ON r."id" = c."recipientId"
    WHERE c."consultationId" = ${consultationId} AND c."withdrawnAt" IS NOT NULL AND c."moderation" IN (${Prisma.join(SHOWN_MODERATION)})
    ORDER BY c."withdrawnAt" DESC, c."id"
    LIMIT 50`;
  return rows.map((r) => ({
    id: r.id,
    text: r.bodyText,
    withdrawnAt: new Date(r.withdrawnAt),
    author: { name: r.authorName, organization: r.organization },
    kind: r.kind as DispositionKind,
  }));
}

/** Organisations whose people have comments here, in Vietnamese alphabetical order. */
async function organizationsWithComments(db: Db, consultationId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ organization: string }[]>`
    SELECT DISTINCT r."organization" AS "organization" FROM "Recipient" r
    WHERE r."consultationId" = ${consultationId}
      AND EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = r."id" AND c."withdrawnAt" IS NULL)`;
  return rows.map((r) => r.organization).sort((a, b) => a.localeCompare(b, "vi"));
}
