// Reading comments: who sees whose follows the consultation's setting — each recipient their own
// (default), all recipients each other's, or everyone — and the Office sees all.

import { readAll, readOne, sql } from "~/db/direct";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";

export interface CommentView {
  id: string;
  scope: string;
  sectionId: string | null;
  anchor: { start: number; end: number; exact: string } | null;
  text: string;
  isOwn: boolean;
  isLate: boolean;
  edited: boolean;
  withdrawn: boolean;
  createdAt: Date;
  author: { name: string; title: string | null; organization: string | null };
}

export interface CommentPage {
  items: CommentView[];
  total: number;
  page: number;
  pages: number;
}

/** A visible passage comment, for the passage readers' highlights. */
export interface PassageMark {
  id: string;
  sectionId: string;
  start: number;
  end: number;
}

export const COMMENTS_PER_PAGE = 50;

/** The comments a viewer may see, a page at a time, in the order of the draft (general ones first). */
export async function commentsForViewer(db: Db, consultationId: string, visibility: string, viewer: Viewer | null, page = 1): Promise<CommentPage> {
  const who = await visibleAuthors(db, consultationId, visibility, viewer);
  if (!who) return { items: [], total: 0, page: 1, pages: 1 };
  // Read outside Prisma (app/db/direct.ts): through Prisma, this page of 50 with its authors and
  // revision counts was a third of the page's time.
  const visible = visibleWhere("c.", consultationId, who.authorId);
  // Withdrawn comments stay visible to their author, marked; to no one else.
  const where = `${visible.sql} AND (c."withdrawnAt" IS NULL${viewer ? ` OR c."authorId" = ?` : ""})`;
  const params = [...visible.params, ...(viewer ? [viewer.userId] : [])];
  const total = (await readOne(db, sql<{ n: number }>(`SELECT COUNT(*) AS n FROM "Comment" c WHERE ${where}`), params))!.n;
  // An official who has not commented yet, the usual reader before the deadline: the page's query
  // below, with its joins and sort, took 0.14 ms of a 3 ms page under load only to find nothing.
  if (total === 0) return { items: [], total, page: 1, pages: 1 };
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  // The general comments (no section, position NULL) first.
  const rows = await readAll(
    db,
    sql<CommentRow>(
      `SELECT c."id", c."scope", c."sectionId", c."anchorStart", c."anchorEnd", c."anchorExact", c."bodyText", c."authorId", c."isLate", c."createdAt", c."withdrawnAt",
            u."name" AS "authorName", r."title" AS "authorTitle", r."organization" AS "authorOrganization",
            EXISTS (SELECT 1 FROM "CommentRevision" v WHERE v."commentId" = c."id") AS "edited"
     FROM "Comment" c
     JOIN "User" u ON u."id" = c."authorId"
     LEFT JOIN "Recipient" r ON r."id" = c."recipientId"
     LEFT JOIN "Section" s ON s."id" = c."sectionId"
     WHERE ${where}
     ORDER BY s."position" NULLS FIRST, c."createdAt", c."id"
     LIMIT ? OFFSET ?`,
      { booleans: ["isLate", "edited"], instants: ["createdAt", "withdrawnAt"] },
    ),
    [...params, COMMENTS_PER_PAGE, (current - 1) * COMMENTS_PER_PAGE],
  );
  const items = rows.map((c) => ({
    id: c.id,
    scope: c.scope,
    sectionId: c.sectionId,
    anchor: c.anchorStart !== null && c.anchorEnd !== null ? { start: c.anchorStart, end: c.anchorEnd, exact: c.anchorExact ?? "" } : null,
    text: c.bodyText,
    isOwn: c.authorId === viewer?.userId,
    isLate: c.isLate,
    edited: c.edited,
    withdrawn: c.withdrawnAt !== null,
    createdAt: c.createdAt,
    author: { name: c.authorName, title: c.authorTitle, organization: c.authorOrganization },
  }));
  return {
    items,
    total,
    page: current,
    pages,
  };
}

interface CommentRow {
  id: string;
  scope: string;
  sectionId: string | null;
  anchorStart: number | null;
  anchorEnd: number | null;
  anchorExact: string | null;
  bodyText: string;
  authorId: string;
  isLate: boolean;
  createdAt: Date;
  withdrawnAt: Date | null;
  authorName: string;
  authorTitle: string | null;
  authorOrganization: string | null;
  edited: boolean;
}

/** Comments shown at all (public ones once approved), of one author when `authorId` is set. */
export function visibleWhere(alias: "c." | "", consultationId: string, authorId: string | null) {
  return {
    sql: `${alias}"consultationId" = ? AND ${alias}"moderation" IN ('none', 'approved')${authorId ? ` AND ${alias}"authorId" = ?` : ""}`,
    params: authorId ? [consultationId, authorId] : [consultationId],
  };
}

/**
 * Every passage comment the viewer may see, for highlights: a page of the list must not hide the
 * others' marks. Fetched by the passage readers apart from the page (2,000 of them made the page's
 * data 200 KB heavier for readers without JavaScript, who have no use for them).
 */
export async function marksForViewer(db: Db, consultationId: string, visibility: string, viewer: Viewer | null): Promise<PassageMark[]> {
  const who = await visibleAuthors(db, consultationId, visibility, viewer);
  if (!who) return [];
  const visible = visibleWhere("", consultationId, who.authorId);
  return readAll(
    db,
    sql<PassageMark>(
      `SELECT "id", "sectionId", "anchorStart" AS "start", "anchorEnd" AS "end" FROM "Comment" WHERE ${visible.sql} AND "withdrawnAt" IS NULL AND "scope" = 'passage'`,
    ),
    visible.params,
  );
}

/** Whose comments a viewer may see here: everyone's (authorId null), their own, or none at all (null). */
export async function visibleAuthors(db: Db, consultationId: string, visibility: string, viewer: Viewer | null): Promise<{ authorId: string | null } | null> {
  const office = viewer?.role === "office";
  const others = office || visibility === "public" || (visibility === "recipients" && viewer !== null && (await isRecipient(db, consultationId, viewer)));
  if (others) return { authorId: null };
  return viewer ? { authorId: viewer.userId } : null;
}

async function isRecipient(db: Db, consultationId: string, viewer: Viewer): Promise<boolean> {
  return (await db.recipient.count({ where: { consultationId, userId: viewer.userId, removedAt: null } })) > 0;
}

export interface RecipientSelf {
  id: string;
  title: string;
  organization: string;
  agreedAt: Date | null;
  agreeNote: string | null;
  extensionUntil: Date | null;
  firstOpenedAt: Date | null;
  /** The latest extension request, if any. */
  extensions: { status: string; requestedUntil: Date; grantedUntil: Date | null; decisionNote: string | null }[];
  _count: { comments: number };
}

/**
 * The viewer's own standing in a consultation, or null when they are not invited to it. Read on
 * every view of the consultation page by an official, so one prepared statement (decision 0005):
 * through Prisma it was a fifth of the page's time.
 */
export async function recipientSelf(db: Db, consultationId: string, viewer: Viewer | null): Promise<RecipientSelf | null> {
  if (!viewer) return null;
  const row = await readOne(db, RECIPIENT_SELF, [consultationId, viewer.userId]);
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    organization: row.organization,
    agreedAt: row.agreedAt,
    agreeNote: row.agreeNote,
    extensionUntil: row.extensionUntil,
    firstOpenedAt: row.firstOpenedAt,
    extensions:
      row.extStatus === null
        ? []
        : [{ status: row.extStatus, requestedUntil: row.extRequestedUntil!, grantedUntil: row.extGrantedUntil, decisionNote: row.extDecisionNote }],
    _count: { comments: row.comments },
  };
}

const RECIPIENT_SELF = sql<{
  id: string;
  title: string;
  organization: string;
  agreedAt: Date | null;
  agreeNote: string | null;
  extensionUntil: Date | null;
  firstOpenedAt: Date | null;
  comments: number;
  extStatus: string | null;
  extRequestedUntil: Date | null;
  extGrantedUntil: Date | null;
  extDecisionNote: string | null;
}>(
  `SELECT r."id", r."title", r."organization", r."agreedAt", r."agreeNote", r."extensionUntil", r."firstOpenedAt",
         (SELECT COUNT(*) FROM "Comment" c WHERE c."recipientId" = r."id" AND c."withdrawnAt" IS NULL) AS "comments",
         e."status" AS "extStatus", e."requestedUntil" AS "extRequestedUntil", e."grantedUntil" AS "extGrantedUntil", e."decisionNote" AS "extDecisionNote"
  FROM "Recipient" r
  LEFT JOIN "ExtensionRequest" e ON e."id" = (
    SELECT x."id" FROM "ExtensionRequest" x WHERE x."recipientId" = r."id" ORDER BY x."createdAt" DESC LIMIT 1
  )
  WHERE r."consultationId" = ? AND r."userId" = ? AND r."removedAt" IS NULL
  LIMIT 1`,
  { instants: ["agreedAt", "extensionUntil", "firstOpenedAt", "extRequestedUntil", "extGrantedUntil"] },
);

/** Whether the viewer wrote this comment in this consultation: a `?da-gui=` flag says "sent" only then. */
export async function isOwnComment(db: Db, consultationId: string, viewer: Viewer | null, commentId: string): Promise<boolean> {
  if (!viewer) return false;
  return (await db.comment.count({ where: { id: commentId, consultationId, authorId: viewer.userId } })) > 0;
}
