// The report's rows read for export (app/models/report.server.ts): 100,000 comments in seconds with
// flat memory, and on PostgreSQL ten million. Each database reads its own way:
//   - SQLite: prepared statements on the direct connection, rows as arrays (building an object per
//     row was a fifth of the read), a page's comments fetched by rowid, which skips the primary-key
//     index, lists passed as one JSON parameter that json_each expands;
//   - PostgreSQL: the pool, rows as arrays, lists as one text[] parameter (= ANY).
// Both page a section by a keyset on (passage start, createdAt, id), never OFFSET, in the order of
// the comment index (pageInParts).
import type { Pool } from "pg";
import { type Db, dialectOf, directConnection, poolOf, type Sqlite, statement } from "~/utils/db.server";
import { sql } from "./direct";

/** A comment's place in the order (passage start, createdAt, id) within a section. */
export interface ReportCursor {
  start: number;
  /** As the database gave it (SQLite's stored text, PostgreSQL's Date), so that it compares exactly. */
  createdAt: string | Date;
  id: string;
  /** Where SQLite keeps the row; 0 on PostgreSQL. */
  rowid: number;
}

/** id, scope, recipientId, authorId, anchorExact, body, isLate, createdAt, updatedAt, revision, kind, explanation, decidedAt, decidedRevision. */
export type CommentTuple = [
  string,
  string,
  string | null,
  string,
  string | null,
  string,
  number | boolean,
  string | Date,
  string | Date,
  number,
  string | null,
  string | null,
  string | Date | null,
  number | null,
];

export interface ReportReads {
  /** Every recipient who may have written a comment (removed ones too: their comments stay). */
  recipientAuthors(consultationId: string): Promise<{ id: string; name: string; title: string; organization: string }[]>;
  userNames(ids: string[]): Promise<{ id: string; name: string }[]>;
  /** Sections with a comment, in document order. */
  commentedSections(consultationId: string): Promise<{ id: string; label: string; heading: string; anchor: string }[]>;
  /** The version's section tree. */
  sectionTree(consultationId: string): Promise<{ id: string; parentId: string | null; label: string }[]>;
  pageKeys(consultationId: string, sectionId: string | null, after: ReportCursor | null, limit: number): Promise<ReportCursor[]>;
  /** The comments of a page of keys, with the Office's decision, in no particular order. */
  comments(keys: ReportCursor[]): Promise<CommentTuple[]>;
  plainTexts(ids: string[]): Promise<{ id: string; bodyText: string }[]>;
}

/** Public comments waiting for (or refused by) moderation are not part of the record. */
const MODERATION_SQL = `'none', 'approved'`;
const COMMENT_COLUMNS = `c."id", c."scope", c."recipientId", c."authorId", c."anchorExact", c."body", c."isLate", c."createdAt", c."updatedAt", c."revision",
  d."kind", d."explanation", d."decidedAt", d."commentRevision"`;
const AUTHORS = `SELECT r."id", u."name", r."title", r."organization" FROM "Recipient" r JOIN "User" u ON u."id" = r."userId" WHERE r."consultationId" = ?`;
const SECTIONS = `SELECT s."id", s."label", s."heading", s."anchor" FROM "Section" s
     WHERE s."id" IN (SELECT c."sectionId" FROM "Comment" c WHERE c."consultationId" = ? AND c."sectionId" IS NOT NULL)
     ORDER BY s."position", s."id"`;
const TREE = `SELECT "id", "parentId", "label" FROM "Section" WHERE "versionId" = (SELECT "documentVersionId" FROM "Consultation" WHERE "id" = ?)`;

/**
 * A section's comments without a passage come first (start -1), by time, then those on passages by
 * start: each kind read apart, in the comment index's own order (its constant columns named too,
 * see decisionScreen), so that a page of keys is a range of the index, never a sort of the section.
 */
type Part = "unanchored" | "anchored";
const INDEX_ORDER = `c."sectionId", c."anchorStart", c."createdAt", c."id"`;

function keysSql(part: Part, sectionId: string | null, after: boolean, placeholder: (n: number) => string, instantCast = "") {
  let n = 0;
  const p = () => placeholder(++n);
  const consultation = p();
  const inSection = sectionId === null ? `c."sectionId" IS NULL` : `c."sectionId" = ${p()}`;
  // Row values compare (a, b) > (x, y) in order, on both databases.
  const page =
    part === "unanchored"
      ? `AND c."anchorStart" IS NULL ${after ? `AND (c."createdAt", c."id") > (${p()}${instantCast}, ${p()})` : ""}`
      : `AND c."anchorStart" IS NOT NULL ${after ? `AND (c."anchorStart", c."createdAt", c."id") > (${p()}, ${p()}${instantCast}, ${p()})` : ""}`;
  return { consultation, inSection, page, limit: p() };
}

/** The cursor's values a part's keyset takes: the start only for passages. */
function cursorValues(part: Part, after: ReportCursor | null, instant: (v: string | Date) => unknown): unknown[] {
  if (!after) return [];
  return part === "unanchored" ? [instant(after.createdAt), after.id] : [after.start, instant(after.createdAt), after.id];
}

/** A page of keys from `after`: the rest of the comments without a passage, then passages. */
async function pageInParts(
  after: ReportCursor | null,
  limit: number,
  read: (part: Part, after: ReportCursor | null, limit: number) => Promise<ReportCursor[]>,
): Promise<ReportCursor[]> {
  const first = after === null || after.start < 0 ? await read("unanchored", after, limit) : [];
  if (first.length === limit) return first;
  return [...first, ...(await read("anchored", after !== null && after.start >= 0 ? after : null, limit - first.length))];
}

export function reportReads(db: Db): ReportReads {
  return dialectOf(db) === "postgresql" ? postgresReads(poolOf(db)) : sqliteReads(directConnection(db));
}

function sqliteReads(conn: Sqlite): ReportReads {
  return {
    async recipientAuthors(consultationId) {
      return statement(conn, AUTHORS).all(consultationId) as { id: string; name: string; title: string; organization: string }[];
    },
    async userNames(ids) {
      return statement(conn, `SELECT "id", "name" FROM "User" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(JSON.stringify(ids)) as {
        id: string;
        name: string;
      }[];
    },
    async commentedSections(consultationId) {
      return statement(conn, SECTIONS).all(consultationId) as { id: string; label: string; heading: string; anchor: string }[];
    },
    async sectionTree(consultationId) {
      return statement(conn, TREE).all(consultationId) as { id: string; parentId: string | null; label: string }[];
    },
    pageKeys(consultationId, sectionId, after, limit) {
      return pageInParts(after, limit, async (part, after, limit) => {
        const q = keysSql(part, sectionId, after !== null, () => "?");
        // createdAt is compared as stored: Prisma's adapter and the direct writes both store "…T…+00:00" text.
        const text = `SELECT c."rowid" AS "rowid", c."id", COALESCE(c."anchorStart", -1) AS "start", c."createdAt" FROM "Comment" c
          WHERE c."consultationId" = ? AND ${q.inSection} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${MODERATION_SQL}) ${q.page}
          ORDER BY ${INDEX_ORDER} LIMIT ?`;
        const params = [consultationId, ...(sectionId === null ? [] : [sectionId]), ...cursorValues(part, after, (v) => v), limit];
        return (
          statement(conn, text)
            .raw(true)
            .all(...params) as [number, string, number, string][]
        ).map(([rowid, id, start, createdAt]) => ({ rowid, id, start, createdAt }));
      });
    },
    async comments(keys) {
      // By rowid, the keys query's find; should a rowid no longer hold its comment (a VACUUM in
      // between renumbers rows), the page is read again by id.
      const read = (by: "rowid" | "id", values: (string | number)[]) =>
        statement(
          conn,
          `SELECT ${COMMENT_COLUMNS} FROM "Comment" c LEFT JOIN "Disposition" d ON d."commentId" = c."id" WHERE c."${by}" IN (SELECT "value" FROM json_each(?))`,
        )
          .raw(true)
          .all(JSON.stringify(values)) as CommentTuple[];
      const wanted = new Set(keys.map((k) => k.id));
      const rows = read(
        "rowid",
        keys.map((k) => k.rowid),
      ).filter((r) => wanted.has(r[0]));
      return rows.length < keys.length ? read("id", [...wanted]) : rows;
    },
    async plainTexts(ids) {
      return statement(conn, `SELECT "id", "bodyText" FROM "Comment" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(JSON.stringify(ids)) as {
        id: string;
        bodyText: string;
      }[];
    },
  };
}

function postgresReads(pool: Pool): ReportReads {
  const numbered = (text: string) => sql(text).postgresql;
  const rows = async <T>(text: string, values: unknown[]) => (await pool.query({ text, values })).rows as T[];
  const arrays = async <T>(text: string, values: unknown[]) => (await pool.query({ text, values, rowMode: "array" })).rows as T[];
  return {
    recipientAuthors: (consultationId) => rows(numbered(AUTHORS), [consultationId]),
    userNames: (ids) => rows(`SELECT "id", "name" FROM "User" WHERE "id" = ANY($1::text[])`, [ids]),
    commentedSections: (consultationId) => rows(numbered(SECTIONS), [consultationId]),
    sectionTree: (consultationId) => rows(numbered(TREE), [consultationId]),
    pageKeys(consultationId, sectionId, after, limit) {
      return pageInParts(after, limit, async (part, after, limit) => {
        const q = keysSql(part, sectionId, after !== null, (n) => `$${n}`, "::timestamp(3)");
        const text = `SELECT c."id", COALESCE(c."anchorStart", -1) AS "start", c."createdAt" FROM "Comment" c
          WHERE c."consultationId" = ${q.consultation} AND ${q.inSection} AND c."withdrawnAt" IS NULL AND c."moderation" IN (${MODERATION_SQL}) ${q.page}
          ORDER BY ${INDEX_ORDER} LIMIT ${q.limit}`;
        const params = [consultationId, ...(sectionId === null ? [] : [sectionId]), ...cursorValues(part, after, (v) => (v as Date).toISOString()), limit];
        return (await arrays<[string, number, Date]>(text, params)).map(([id, start, createdAt]) => ({ rowid: 0, id, start, createdAt }));
      });
    },
    comments: (keys) =>
      arrays<CommentTuple>(`SELECT ${COMMENT_COLUMNS} FROM "Comment" c LEFT JOIN "Disposition" d ON d."commentId" = c."id" WHERE c."id" = ANY($1::text[])`, [
        keys.map((k) => k.id),
      ]),
    plainTexts: (ids) => rows(`SELECT "id", "bodyText" FROM "Comment" WHERE "id" = ANY($1::text[])`, [ids]),
  };
}
