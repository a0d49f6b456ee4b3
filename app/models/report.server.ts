// The consolidated report's data, read from the database: the header, the summary of who answered
// how (by the same silence rules as the Office's table and the after-deadline summary), and the
// comments as rows in the order of the draft, streamed in batches so that 100,000 comments never
// sit in memory at once. Every exporter (DOCX, CSV, JSON) and the Office's page read these.

import { readOne, sql } from "~/db/direct";
import { type CommentTuple, type ReportCursor, type ReportReads, reportReads } from "~/db/report-reads";
import { decisionStatus } from "~/domain/decision-review";
import {
  type CommentScope,
  commentParagraphText,
  GENERAL_SECTION_LABEL,
  isDispositionKind,
  type ReportData,
  type ReportHeader,
  type ReportPerson,
  type ReportRow,
  type ReportSummary,
} from "~/domain/report";
import { sectionPathTitle } from "~/domain/sections";
import { recipientFacts, recipientStanding, type Standing } from "~/domain/silence";
import { formatDeadline, formatDecreeDate, toCalendarDate } from "~/domain/time";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";

/** Header, summary and the rows (read lazily, as the exporter asks), or null for an unknown id. */
export async function reportData(db: Db, consultationId: string, now: Date): Promise<ReportData | null> {
  const header = await reportHeader(db, consultationId, now);
  if (!header) return null;
  return { header, summary: await reportSummary(db, consultationId, now), rows: reportRows(db, consultationId) };
}

/** The report's number is the clerk's to give when it is registered. */
const NUMBER_LINE = "Số: …/…";

/** Public comments waiting for (or refused by) moderation are not part of the record. */
const COUNTED_MODERATION = ["none", "approved"];

export async function reportHeader(db: Db, consultationId: string, now: Date): Promise<ReportHeader | null> {
  // On the direct connection like the rows: a CSV export then never loads Prisma's query engine
  // (~30 MB of the 200 MB the 100,000-comment export may use).
  const c = await readOne(db, REPORT_HEADER, [now, consultationId]);
  if (!c) return null;
  const deadlineAt = c.deadlineAt;
  return {
    consultationId: c.id,
    consultationTitle: c.title,
    parentBody: c.parentBody,
    issuingBody: c.issuingBody,
    numberLine: NUMBER_LINE,
    placeAndDate: formatDecreeDate(c.letterPlace, toCalendarDate(now)),
    subject: c.letterSubject,
    deadlineWords: formatDeadline(deadlineAt),
    // Until the deadline, or while anyone's extension runs, answers may still come in.
    interim: now <= deadlineAt || c.extending,
    generatedAt: now.toISOString(),
  };
}

const REPORT_HEADER = sql<{
  id: string;
  title: string;
  parentBody: string | null;
  issuingBody: string;
  letterPlace: string;
  letterSubject: string;
  deadlineAt: Date;
  extending: boolean;
}>(
  `SELECT c."id", c."title", c."parentBody", c."issuingBody", c."letterPlace", c."letterSubject", c."deadlineAt",
       EXISTS (SELECT 1 FROM "Recipient" r WHERE r."consultationId" = c."id" AND r."removedAt" IS NULL AND r."extensionUntil" >= ?) AS "extending"
     FROM "Consultation" c WHERE c."id" = ?`,
  { booleans: ["extending"], instants: ["deadlineAt"] },
);

const STANDINGS: Standing[] = ["commented", "agreed", "awaiting", "extension", "deemed_agree", "no_reply"];
const collator = new Intl.Collator("vi");

/** Who was asked and where each stands at `now`; removed recipients are not counted. Throws for an unknown id. */
export async function reportSummary(db: Db, consultationId: string, now: Date): Promise<ReportSummary> {
  const c = await db.consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: {
      deadlineAt: true,
      silenceIsConsent: true,
      // The selection the Office's table and the after-deadline summary make (recipientFacts).
      recipients: {
        where: { removedAt: null },
        select: {
          title: true,
          organization: true,
          agreedAt: true,
          extensionUntil: true,
          user: { select: { name: true } },
          _count: { select: { comments: { where: { withdrawnAt: null } } } },
        },
      },
    },
  });
  const people = Object.fromEntries(STANDINGS.map((s) => [s, [] as ReportPerson[]])) as Record<Standing, ReportPerson[]>;
  const person = (r: (typeof c.recipients)[number]): ReportPerson => ({ name: r.user.name, title: r.title, organization: r.organization });
  const ordered = [...c.recipients].sort((a, b) => collator.compare(a.organization, b.organization) || collator.compare(a.user.name, b.user.name));
  for (const r of ordered) people[recipientStanding(recipientFacts(r), c, now)].push(person(r));
  const extensions = ordered
    .filter((r) => r.extensionUntil)
    .map((r) => ({ ...person(r), until: r.extensionUntil!.toISOString(), untilWords: formatDeadline(r.extensionUntil!) }));
  const counts = await commentCounts(db, consultationId);
  return {
    asked: c.recipients.length,
    commented: people.commented.length,
    agreed: people.agreed.length,
    deemedAgree: people.deemed_agree.length,
    noReply: people.no_reply.length,
    awaiting: people.awaiting.length,
    extension: people.extension.length,
    people,
    extensions,
    ...counts,
    silenceIsConsent: c.silenceIsConsent,
  };
}

/**
 * The comments the rows will hold (not withdrawn, not awaiting moderation): one pass over them. A
 * decision made on an earlier wording than the comment's is under review, not decided: the same
 * test as the rows' (decisionStatus), on the decision's own record rather than the screen's copy.
 */
async function commentCounts(db: Db, consultationId: string) {
  const [row] = await db.$queryRaw<{ comments: bigint | number; late: bigint | number | null; decided: bigint | number; review: bigint | number }[]>`
    SELECT COUNT(*) AS "comments",
           SUM(CASE WHEN c."isLate" THEN 1 ELSE 0 END) AS "late",
           COUNT(CASE WHEN d."commentRevision" >= c."revision" THEN 1 END) AS "decided",
           COUNT(CASE WHEN d."commentRevision" < c."revision" THEN 1 END) AS "review"
    FROM "Comment" c
    LEFT JOIN "Disposition" d ON d."commentId" = c."id"
    WHERE c."consultationId" = ${consultationId} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${Prisma.join(COUNTED_MODERATION)})`;
  return {
    comments: Number(row?.comments ?? 0),
    lateComments: Number(row?.late ?? 0),
    decided: Number(row?.decided ?? 0),
    dispositionsNeedingReview: Number(row?.review ?? 0),
  };
}

interface SectionKey {
  id: string | null; // null: the general comments
  title: string;
  anchor: string | null;
}

interface Author {
  name: string;
  title: string;
  organization: string;
}

interface CommentRecord {
  id: string;
  scope: string;
  recipientId: string | null;
  authorId: string;
  anchorExact: string | null;
  body: string;
  isLate: number | boolean;
  createdAt: string | Date;
  updatedAt: string | Date;
  revision: number;
  kind: string | null;
  explanation: string | null;
  decidedAt: string | Date | null;
  decidedRevision: number | null;
}

/**
 * Rows per batch. Whatever is alive when V8 collects its young generation twice is moved to the
 * old one, which is collected far less often; a batch is alive while its consumer writes it, so
 * batches of 1,000 (~2 MB) put ~100 MB in the old generation over a 100,000-row export before a
 * full collection came round (maxRSS 250–280 MiB), batches of 250 ~25 MB (maxRSS ~190 MiB).
 */
export const REPORT_BATCH_SIZE = 250;
/** Keys read per query: one read of a section's rows for every 10,000 of them, ~1.5 MB of keys. */
const KEY_PAGE_SIZE = 10_000;

export interface ReportRowsOptions {
  /** Rows per yielded batch (default 250). */
  batchSize?: number;
  /** Keys read per query (default 10,000); the tests make it small to cross page ends. */
  keyPageSize?: number;
}

/**
 * The report's rows in the order of the draft: general comments first, then section by section in
 * document order; within a section, comments on the whole section before passage comments, those
 * by where the passage starts, then by when they were written. Withdrawn comments and public ones
 * not approved are left out. Yields batches of at most `batchSize` rows, never an empty one, and
 * numbers them (STT) as it goes.
 *
 * 100,000 comments must export in seconds with flat memory, so this reads outside Prisma (its query
 * compiler and row mapping took longer than the reading; app/db/report-reads.ts, for each database)
 * and pages within a section with a keyset, never OFFSET: a query sorts only the keys (passage
 * start, createdAt, id) of up to `keyPageSize` comments after the cursor, then the comments are
 * fetched a batch at a time. Sorting keys rather than whole rows, and many keys per query, is what
 * keeps a section from being read again for every batch. Authors come from one read of the
 * consultation's recipients rather than a join per row. The reads are not one snapshot: a comment
 * written while an export runs may or may not be in it.
 */
export async function* reportRows(db: Db, consultationId: string, opts: ReportRowsOptions = {}): AsyncGenerator<ReportRow[]> {
  const batchSize = opts.batchSize ?? REPORT_BATCH_SIZE;
  const keyPageSize = opts.keyPageSize ?? Math.max(KEY_PAGE_SIZE, batchSize);
  const reads = reportReads(db);
  const authors = await recipientAuthors(reads, consultationId);
  let number = 0;
  for (const section of await commentedSections(reads, consultationId)) {
    let cursor: ReportCursor | null = null;
    for (;;) {
      const keys = await reads.pageKeys(consultationId, section.id, cursor, keyPageSize);
      for (let from = 0; from < keys.length; from += batchSize) {
        const rows = await batchRows(reads, keys.slice(from, from + batchSize), section, authors, number);
        number += rows.length;
        if (rows.length) yield rows;
      }
      if (keys.length < keyPageSize) break;
      cursor = keys[keys.length - 1]!;
    }
  }
}

/** One batch of rows, in the order of `keys`, numbered after `numberedSoFar`. */
async function batchRows(
  reads: ReportReads,
  keys: ReportCursor[],
  section: SectionKey,
  authors: Map<string, Author>,
  numberedSoFar: number,
): Promise<ReportRow[]> {
  const records = new Map((await reads.comments(keys)).map((t) => [t[0], commentRecord(t)]));
  const publicIds = [...records.values()].filter((r) => r.recipientId === null).map((r) => r.authorId);
  const publicAuthors = new Map(publicIds.length ? (await reads.userNames([...new Set(publicIds)])).map((u) => [u.id, u.name]) : []);
  const rows: ReportRow[] = [];
  for (const key of keys) {
    const r = records.get(key.id);
    if (!r) continue; // deleted between the two queries
    const author = (r.recipientId !== null && authors.get(r.recipientId)) || { name: publicAuthors.get(r.authorId) ?? "", title: "", organization: "" };
    rows.push(toRow(r, section, numberedSoFar + rows.length + 1, author));
  }
  // A body that is not readable Tiptap JSON: the stored plain text instead, read only then.
  const unreadable = rows.filter((r) => r.text === "");
  if (unreadable.length) {
    const byId = new Map((await reads.plainTexts(unreadable.map((r) => r.commentId))).map((p) => [p.id, p.bodyText]));
    for (const r of unreadable) r.text = byId.get(r.commentId) ?? "";
  }
  return rows;
}

async function recipientAuthors(reads: ReportReads, consultationId: string): Promise<Map<string, Author>> {
  const rows = await reads.recipientAuthors(consultationId);
  return new Map(rows.map((r) => [r.id, { name: r.name, title: r.title, organization: r.organization }]));
}

/** The general comments' place, then every section that has a comment, in document order. */
async function commentedSections(reads: ReportReads, consultationId: string): Promise<SectionKey[]> {
  const rows = await reads.commentedSections(consultationId);
  const tree = new Map((await reads.sectionTree(consultationId)).map((s) => [s.id, s]));
  const ancestors = (id: string) => {
    const labels: string[] = [];
    for (let p = tree.get(id)?.parentId; p; p = tree.get(p)?.parentId) labels.unshift(tree.get(p)!.label);
    return labels;
  };
  return [
    { id: null, title: GENERAL_SECTION_LABEL, anchor: null },
    ...rows.map((s) => ({ id: s.id, title: sectionPathTitle(s, ancestors(s.id)), anchor: s.anchor })),
  ];
}

function commentRecord([
  id,
  scope,
  recipientId,
  authorId,
  anchorExact,
  body,
  isLate,
  createdAt,
  updatedAt,
  revision,
  kind,
  explanation,
  decidedAt,
  decidedRevision,
]: CommentTuple): CommentRecord {
  return { id, scope, recipientId, authorId, anchorExact, body, isLate, createdAt, updatedAt, revision, kind, explanation, decidedAt, decidedRevision };
}

/** Instants as the adapter stores them ("…+00:00") or as PostgreSQL gives them, in the ISO form the report carries. */
const isoInstant = (stored: string | number | Date) =>
  // The usual "2026-11-22T01:02:03.456+00:00" by its text; anything else through Date.
  typeof stored === "string" && stored.length === 29 && stored.endsWith("+00:00") ? `${stored.slice(0, 23)}Z` : new Date(stored).toISOString();

function toRow(r: CommentRecord, section: SectionKey, number: number, author: Author): ReportRow {
  const scope: CommentScope = r.scope === "passage" || r.scope === "section" ? r.scope : "general";
  // A decision on a wording the comment no longer has is not given as its answer.
  const needsReview = isDispositionKind(r.kind) && decisionStatus(r.decidedRevision, r.revision) === "needs_review";
  const disposition = isDispositionKind(r.kind) && !needsReview ? r.kind : null;
  return {
    number,
    commentId: r.id,
    scope,
    section: section.title,
    sectionAnchor: section.anchor,
    organization: author.organization,
    authorName: author.name,
    authorTitle: author.title,
    quote: scope === "passage" ? (r.anchorExact ?? "") : null,
    text: commentParagraphText(r.body, ""),
    createdAt: isoInstant(r.createdAt),
    updatedAt: isoInstant(r.updatedAt),
    isLate: r.isLate === 1 || r.isLate === true,
    disposition,
    explanation: disposition ? (r.explanation ?? "") : "",
    decidedAt: disposition && r.decidedAt ? isoInstant(r.decidedAt) : null,
    dispositionNeedsReview: needsReview,
  };
}
