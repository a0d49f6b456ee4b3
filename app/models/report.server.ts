// The consolidated report's data, read from the database: the header, the summary of who answered
// how (by the same silence rules as the Office's table and the after-deadline summary), and the
// comments as rows in the order of the draft, streamed in batches so that 100,000 comments never
// sit in memory at once. Every exporter (DOCX, CSV, JSON) and the Office's page read these.

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
import { type Db, directConnection, type Sqlite, sqlInstant, statement } from "~/utils/db.server";

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
  const c = statement(
    directConnection(db),
    `SELECT c."id", c."title", c."parentBody", c."issuingBody", c."letterPlace", c."letterSubject", c."deadlineAt",
       EXISTS (SELECT 1 FROM "Recipient" r WHERE r."consultationId" = c."id" AND r."removedAt" IS NULL AND r."extensionUntil" >= ?) AS "extending"
     FROM "Consultation" c WHERE c."id" = ?`,
  ).get(sqlInstant(now), consultationId) as
    | {
        id: string;
        title: string;
        parentBody: string | null;
        issuingBody: string;
        letterPlace: string;
        letterSubject: string;
        deadlineAt: string;
        extending: number;
      }
    | undefined;
  if (!c) return null;
  const deadlineAt = new Date(c.deadlineAt);
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
    interim: now <= deadlineAt || c.extending === 1,
    generatedAt: now.toISOString(),
  };
}

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

/** A comment's place in the order (passage start, createdAt, id) within a section. */
interface Cursor {
  start: number;
  createdAt: string; // as stored, so that it compares exactly
  id: string;
  rowid: number; // where SQLite keeps the row: fetching by it skips the primary-key index
}

interface CommentRecord {
  id: string;
  scope: string;
  recipientId: string | null;
  authorId: string;
  anchorExact: string | null;
  body: string;
  isLate: number;
  createdAt: string;
  updatedAt: string;
  revision: number;
  kind: string | null;
  explanation: string | null;
  decidedAt: string | null;
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
 * 100,000 comments must export in seconds with flat memory, so this reads with prepared statements
 * on the direct connection (Prisma's query compiler and row mapping took longer than the reading)
 * and pages within a section with a keyset, never OFFSET: a query sorts only the keys (passage
 * start, createdAt, id) of up to `keyPageSize` comments after the cursor, then the comments are
 * fetched by rowid a batch at a time. Sorting keys rather than whole rows, and many keys per query,
 * is what keeps a section from being read again for every batch. Authors come from one read of
 * the consultation's recipients rather than a join per row. rowid and json_each are SQLite's; the
 * keyset and the rest are plain SQL. The reads are not one snapshot: a comment written while an
 * export runs may or may not be in it.
 */
export async function* reportRows(db: Db, consultationId: string, opts: ReportRowsOptions = {}): AsyncGenerator<ReportRow[]> {
  const batchSize = opts.batchSize ?? REPORT_BATCH_SIZE;
  const keyPageSize = opts.keyPageSize ?? Math.max(KEY_PAGE_SIZE, batchSize);
  const conn = directConnection(db);
  const authors = recipientAuthors(conn, consultationId);
  let number = 0;
  for (const section of commentedSections(conn, consultationId)) {
    let cursor: Cursor | null = null;
    for (;;) {
      const keys = pageKeys(conn, consultationId, section.id, cursor, keyPageSize);
      for (let from = 0; from < keys.length; from += batchSize) {
        const rows = batchRows(conn, keys.slice(from, from + batchSize), section, authors, number);
        number += rows.length;
        if (rows.length) yield rows;
      }
      if (keys.length < keyPageSize) break;
      cursor = keys[keys.length - 1]!;
    }
  }
}

/** One batch of rows, in the order of `keys`, numbered after `numberedSoFar`. */
function batchRows(conn: Sqlite, keys: Cursor[], section: SectionKey, authors: Map<string, Author>, numberedSoFar: number): ReportRow[] {
  const records = comments(conn, keys);
  const publicAuthors = userNames(
    conn,
    [...records.values()].filter((r) => r.recipientId === null).map((r) => r.authorId),
  );
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
    const plain = statement(conn, `SELECT "id", "bodyText" FROM "Comment" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(
      JSON.stringify(unreadable.map((r) => r.commentId)),
    ) as { id: string; bodyText: string }[];
    const byId = new Map(plain.map((p) => [p.id, p.bodyText]));
    for (const r of unreadable) r.text = byId.get(r.commentId) ?? "";
  }
  return rows;
}

const MODERATION_SQL = COUNTED_MODERATION.map((m) => `'${m}'`).join(", ");

/** Every recipient who may have written a comment (removed ones too: their comments stay). */
function recipientAuthors(conn: Sqlite, consultationId: string): Map<string, Author> {
  const rows = statement(
    conn,
    `SELECT r."id", u."name", r."title", r."organization" FROM "Recipient" r JOIN "User" u ON u."id" = r."userId" WHERE r."consultationId" = ?`,
  ).all(consultationId) as ({ id: string } & Author)[];
  return new Map(rows.map((r) => [r.id, { name: r.name, title: r.title, organization: r.organization }]));
}

function userNames(conn: Sqlite, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = statement(conn, `SELECT "id", "name" FROM "User" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** The general comments' place, then every section that has a comment, in document order. */
function commentedSections(conn: Sqlite, consultationId: string): SectionKey[] {
  const rows = statement(
    conn,
    `SELECT s."id", s."label", s."heading", s."anchor" FROM "Section" s
     WHERE s."id" IN (SELECT c."sectionId" FROM "Comment" c WHERE c."consultationId" = ? AND c."sectionId" IS NOT NULL)
     ORDER BY s."position", s."id"`,
  ).all(consultationId) as { id: string; label: string; heading: string; anchor: string }[];
  const tree = new Map(
    (
      statement(
        conn,
        `SELECT "id", "parentId", "label" FROM "Section" WHERE "versionId" = (SELECT "documentVersionId" FROM "Consultation" WHERE "id" = ?)`,
      ).all(consultationId) as {
        id: string;
        parentId: string | null;
        label: string;
      }[]
    ).map((s) => [s.id, s]),
  );
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

const ORDER = `COALESCE(c."anchorStart", -1), c."createdAt", c."id"`;

function pageKeys(conn: Sqlite, consultationId: string, sectionId: string | null, after: Cursor | null, limit: number): Cursor[] {
  const inSection = sectionId === null ? `c."sectionId" IS NULL` : `c."sectionId" = ?`;
  // Row values compare (a, b, c) > (x, y, z) in order (SQLite 3.15+, PostgreSQL alike). createdAt
  // is compared as stored: Prisma's adapter and the direct writes both store "…T…+00:00" text.
  const page = after ? `AND (${ORDER}) > (?, ?, ?)` : "";
  const sql = `SELECT c."rowid" AS "rowid", c."id", COALESCE(c."anchorStart", -1) AS "start", c."createdAt" FROM "Comment" c
    WHERE c."consultationId" = ? AND ${inSection} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${MODERATION_SQL}) ${page}
    ORDER BY ${ORDER} LIMIT ?`;
  const params = [consultationId, ...(sectionId === null ? [] : [sectionId]), ...(after ? [after.start, after.createdAt, after.id] : []), limit];
  // As arrays (raw mode), like the comments below: 100,000 keys are a tenth of the export's time.
  return (
    statement(conn, sql)
      .raw(true)
      .all(...params) as [number, string, number, string][]
  ).map(([rowid, id, start, createdAt]) => ({ rowid, id, start, createdAt }));
}

const COMMENT_COLUMNS = `c."id", c."scope", c."recipientId", c."authorId", c."anchorExact", c."body", c."isLate", c."createdAt", c."updatedAt", c."revision",
  d."kind", d."explanation", d."decidedAt", d."commentRevision"`;

/**
 * The comments of a page of keys, by id, with the Office's decision. Read by rowid (SQLite's own
 * row number, which the keys query found) to skip the primary-key index; should a rowid no longer
 * hold its comment (a VACUUM in between renumbers rows), the page is read again by id.
 */
function comments(conn: Sqlite, keys: Cursor[]): Map<string, CommentRecord> {
  // Rows as arrays (better-sqlite3's raw mode): building an object per row was a fifth of the read.
  const read = (by: "rowid" | "id", values: (string | number)[]) =>
    (
      statement(
        conn,
        `SELECT ${COMMENT_COLUMNS} FROM "Comment" c LEFT JOIN "Disposition" d ON d."commentId" = c."id" WHERE c."${by}" IN (SELECT "value" FROM json_each(?))`,
      )
        .raw(true)
        .all(JSON.stringify(values)) as CommentTuple[]
    ).map(commentRecord);
  const wanted = new Set(keys.map((k) => k.id));
  let rows = read(
    "rowid",
    keys.map((k) => k.rowid),
  ).filter((r) => wanted.has(r.id));
  if (rows.length < keys.length) rows = read("id", [...wanted]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** A row of COMMENT_COLUMNS, in that order. */
type CommentTuple = [
  string,
  string,
  string | null,
  string,
  string | null,
  string,
  number,
  string,
  string,
  number,
  string | null,
  string | null,
  string | null,
  number | null,
];

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

/** Instants as the adapter stores them ("…+00:00"), back to the ISO form the report carries. */
const isoInstant = (stored: string | number) =>
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
    isLate: r.isLate === 1,
    disposition,
    explanation: disposition ? (r.explanation ?? "") : "",
    decidedAt: disposition && r.decidedAt ? isoInstant(r.decidedAt) : null,
    dispositionNeedsReview: needsReview,
  };
}
