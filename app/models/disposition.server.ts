// The Office's decision on each comment (tiếp thu, tiếp thu một phần, giải trình, không tiếp thu)
// and the screen it decides on: the comments in the order of the draft, a page at a time, with the
// counts the Office watches. Written for a consultation with 100,000 comments: the counts are one
// grouped query on an index (Comment.dispositionKind copies the decision so that the index covers
// them, docs/decisions/0006-decision-counts.md), and a page reads only the sections it falls in.
import { Prisma } from "~/generated/prisma/client";
import type { DecisionState } from "~/domain/decision-filters";
import { dispositionProblem, type DispositionKind } from "~/domain/report";
import { sectionTitle } from "~/domain/sections";
import { recipientStanding, type Standing } from "~/domain/silence";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import type { Outcome } from "./response.server";

export const DECISIONS_PER_PAGE = 50;
/** The section filter's value for comments on the whole draft (a section id is never this). */
export const GENERAL_SECTION = "chung";

/** Public comments waiting for moderation, or refused, are not part of the consolidation. */
const SHOWN_MODERATION = ["none", "approved"];

const fail = (status: 400 | 403 | 404 | 409, error: string) => ({ ok: false as const, status, error });

// ---------------------------------------------------------------- deciding

export interface DispositionInput {
  /** The consultation the Office is working on: a comment of another one is refused. */
  consultationId: string;
  commentId: string;
  kind: string;
  explanation: string;
}

/** Sets or changes the Office's decision on one comment; each change is audited in its transaction. */
export async function setDisposition(db: Db, office: Viewer, input: DispositionInput, now: Date): Promise<Outcome<{ changed: boolean }>> {
  if (office.role !== "office") return fail(403, "Chỉ Văn phòng được xử lý ý kiến góp ý.");
  const problem = dispositionProblem(input.kind, input.explanation);
  if (problem) return fail(400, problem);
  const kind = input.kind as DispositionKind;
  const explanation = input.explanation.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: input.commentId },
      select: { id: true, consultationId: true, withdrawnAt: true, moderation: true, disposition: { select: { kind: true, explanation: true } } },
    });
    if (!comment || comment.consultationId !== input.consultationId) return fail(404, "Không tìm thấy ý kiến góp ý này trong đợt lấy ý kiến.");
    if (comment.withdrawnAt) return fail(409, "Ý kiến này đã được người góp ý rút lại; không cần xử lý.");
    if (!SHOWN_MODERATION.includes(comment.moderation)) return fail(409, "Ý kiến này chưa được duyệt nên chưa đưa vào tổng hợp.");
    const before = comment.disposition;
    if (before && before.kind === kind && before.explanation === explanation) return { ok: true as const, changed: false };
    await tx.disposition.upsert({
      where: { commentId: comment.id },
      create: { commentId: comment.id, kind, explanation, decidedById: office.userId, decidedAt: now, updatedAt: now },
      update: { kind, explanation, decidedById: office.userId, decidedAt: now, updatedAt: now },
    });
    // The copy the decision screen counts from; updatedAt is left alone: the comment's wording did not change.
    await tx.$executeRaw`UPDATE "Comment" SET "dispositionKind" = ${kind} WHERE "id" = ${comment.id}`;
    await recordAudit(
      tx,
      {
        event: "disposition.set",
        actorId: office.userId,
        consultationId: comment.consultationId,
        entityType: "Comment",
        entityId: comment.id,
        payload: { kind, previousKind: before?.kind ?? null, explanationLength: explanation.length, previousExplanationLength: before ? before.explanation.length : null },
      },
      now,
    );
    return { ok: true as const, changed: true };
  });
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
  author: { name: string; title: string | null; organization: string | null };
  disposition: { kind: DispositionKind; explanation: string; decidedAt: Date; decidedBy: string } | null;
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
  /** Every comment not withdrawn, and how many of them carry a decision. */
  progress: { decided: number; total: number };
  /** Sections with comments, in the order of the draft (general comments first): filter options and a chart. */
  sections: SectionCount[];
  organizations: string[];
  /** How many invited recipients stand where, now. */
  standings: Record<Standing, number>;
}

interface CountRow {
  sectionId: string | null;
  total: number | bigint;
  decided: number | bigint;
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
  kind: string | null;
  explanation: string | null;
  decidedAt: Date | string | null;
  decidedBy: string | null;
}

const shownComments = (consultationId: string) =>
  Prisma.sql`c."consultationId" = ${consultationId} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${Prisma.join(SHOWN_MODERATION)})`;

const byOrganization = (consultationId: string, organization: string | null) =>
  organization ? Prisma.sql`AND c."recipientId" IN (SELECT r."id" FROM "Recipient" r WHERE r."consultationId" = ${consultationId} AND r."organization" = ${organization})` : Prisma.empty;

const byState = (state: DecisionState) =>
  state === "all"
    ? Prisma.empty
    : state === "decided"
      ? Prisma.sql`AND c."dispositionKind" IS NOT NULL`
      : Prisma.sql`AND c."dispositionKind" IS NULL`;

async function countsBySection(db: Db, consultationId: string, organization: string | null): Promise<Map<string | null, { total: number; decided: number }>> {
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT c."sectionId" AS "sectionId", COUNT(*) AS "total", COUNT(c."dispositionKind") AS "decided"
    FROM "Comment" c
    WHERE ${shownComments(consultationId)} ${byOrganization(consultationId, organization)}
    GROUP BY c."sectionId"`;
  return new Map(rows.map((r) => [r.sectionId, { total: Number(r.total), decided: Number(r.decided) }]));
}

/** Comments of one section (or the general ones), in order, with the filters: one slice of a page. */
async function sectionSlice(db: Db, consultationId: string, sectionId: string | null, f: { organization: string | null; state: DecisionState }, offset: number, limit: number) {
  const inSection = sectionId === null ? Prisma.sql`c."sectionId" IS NULL` : Prisma.sql`c."sectionId" = ${sectionId}`;
  // The page's ids are chosen on the comment table alone; names and decisions are joined to 50 rows.
  return db.$queryRaw<ItemRow[]>`
    WITH page AS (
      SELECT c."id", c."anchorStart", c."createdAt" FROM "Comment" c
      WHERE ${shownComments(consultationId)} AND ${inSection} ${byOrganization(consultationId, f.organization)} ${byState(f.state)}
      ORDER BY c."anchorStart", c."createdAt", c."id"
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT c."id", c."scope", c."anchorExact", c."bodyText", c."isLate", c."createdAt",
      u."name" AS "authorName", r."title" AS "authorTitle", r."organization" AS "organization",
      (SELECT COUNT(*) FROM "CommentRevision" cr WHERE cr."commentId" = c."id") AS "revisions",
      d."kind", d."explanation", d."decidedAt", du."name" AS "decidedBy"
    FROM page p
    JOIN "Comment" c ON c."id" = p."id"
    JOIN "User" u ON u."id" = c."authorId"
    LEFT JOIN "Recipient" r ON r."id" = c."recipientId"
    LEFT JOIN "Disposition" d ON d."commentId" = c."id"
    LEFT JOIN "User" du ON du."id" = d."decidedById"
    ORDER BY p."anchorStart", p."createdAt", p."id"`;
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
    author: { name: r.authorName, title: r.authorTitle, organization: r.organization },
    disposition: r.kind ? { kind: r.kind as DispositionKind, explanation: r.explanation ?? "", decidedAt: new Date(r.decidedAt!), decidedBy: r.decidedBy ?? "" } : null,
  };
}

/** Matching comments per group, under the state filter. */
function filteredCount(c: { total: number; decided: number } | undefined, state: DecisionState): number {
  if (!c) return 0;
  return state === "all" ? c.total : state === "decided" ? c.decided : c.total - c.decided;
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

  const [sections, all, standings, organizations] = await Promise.all([
    db.section.findMany({ where: { versionId: consultation.documentVersionId }, orderBy: { position: "asc" }, select: { id: true, label: true, heading: true, anchor: true } }),
    countsBySection(db, consultationId, null),
    standingCounts(db, consultation, now),
    organizationsWithComments(db, consultationId),
  ]);
  const byOrg = organization ? await countsBySection(db, consultationId, organization) : all;

  // Groups in the order of the draft: the whole draft first, then each section by position.
  const order: { sectionId: string | null; title: string; anchor: string | null }[] = [
    { sectionId: null, title: "Góp ý chung cho toàn bộ dự thảo", anchor: null },
    ...sections.map((s) => ({ sectionId: s.id, title: sectionTitle(s), anchor: s.anchor })),
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
  let number = skip + 1;
  for (const g of matching) {
    if (room === 0) break;
    if (skip >= g.count) {
      skip -= g.count;
      continue;
    }
    const take = Math.min(g.count - skip, room);
    const rows = await sectionSlice(db, consultationId, g.sectionId, { organization, state }, skip, take);
    if (rows.length) groups.push({ sectionId: g.sectionId, title: g.title, anchor: g.anchor, items: rows.map((r) => toItem(r, number++)) });
    skip = 0;
    room -= take;
  }

  let decided = 0;
  let shown = 0;
  for (const c of all.values()) {
    decided += c.decided;
    shown += c.total;
  }
  return {
    consultation: { id: consultation.id, title: consultation.title, deadlineAt: consultation.deadlineAt, silenceIsConsent: consultation.silenceIsConsent },
    filters: { sectionId: sectionFilter, organization, state, page },
    groups,
    total,
    pages,
    progress: { decided, total: shown },
    sections: order
      .filter((g) => all.has(g.sectionId))
      .map((g) => ({ sectionId: g.sectionId, title: g.sectionId === null ? "Góp ý chung" : g.title, total: all.get(g.sectionId)!.total, decided: all.get(g.sectionId)!.decided })),
    organizations,
    standings,
  };
}

/** Organisations whose people have comments here, in Vietnamese alphabetical order. */
async function organizationsWithComments(db: Db, consultationId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ organization: string }[]>`
    SELECT DISTINCT r."organization" AS "organization" FROM "Recipient" r
    WHERE r."consultationId" = ${consultationId}
      AND EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = r."id" AND c."withdrawnAt" IS NULL)`;
  return rows.map((r) => r.organization).sort((a, b) => a.localeCompare(b, "vi"));
}

/**
 * Where each invited recipient stands now (app/domain/silence.ts). Only whether a recipient has a
 * comment matters to the rule, so an EXISTS stands in for the count the Office's list reads.
 */
async function standingCounts(db: Db, c: { id: string; deadlineAt: Date; silenceIsConsent: boolean }, now: Date): Promise<Record<Standing, number>> {
  const rows = await db.$queryRaw<{ agreedAt: Date | string | null; extensionUntil: Date | string | null; commented: number | bigint }[]>`
    SELECT r."agreedAt", r."extensionUntil",
      EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = r."id" AND c."withdrawnAt" IS NULL) AS "commented"
    FROM "Recipient" r WHERE r."consultationId" = ${c.id} AND r."removedAt" IS NULL`;
  const counts: Record<Standing, number> = { commented: 0, agreed: 0, deemed_agree: 0, awaiting: 0, extension: 0, no_reply: 0 };
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  for (const r of rows) {
    counts[recipientStanding({ activeComments: Number(r.commented), agreedAt: date(r.agreedAt), extensionUntil: date(r.extensionUntil) }, c, now)]++;
  }
  return counts;
}
