// Reading comments: who sees whose follows the consultation's setting — each recipient their own
// (default), all recipients each other's, or everyone — and the Office sees all.
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

export async function commentsForViewer(db: Db, consultationId: string, visibility: string, viewer: Viewer | null): Promise<CommentView[]> {
  const office = viewer?.role === "office";
  const others = office || visibility === "public" || (visibility === "recipients" && viewer !== null && (await isRecipient(db, consultationId, viewer)));
  const who = others ? {} : viewer ? { authorId: viewer.userId } : null;
  if (!who) return [];
  const rows = await db.comment.findMany({
    where: {
      consultationId,
      ...who,
      // Withdrawn comments stay visible to their author, marked; to no one else.
      OR: [{ withdrawnAt: null }, ...(viewer ? [{ authorId: viewer.userId }] : [])],
      moderation: { in: ["none", "approved"] },
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      scope: true,
      sectionId: true,
      anchorStart: true,
      anchorEnd: true,
      anchorExact: true,
      bodyText: true,
      authorId: true,
      isLate: true,
      createdAt: true,
      updatedAt: true,
      withdrawnAt: true,
      author: { select: { name: true } },
      recipient: { select: { title: true, organization: true } },
      _count: { select: { revisions: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    scope: c.scope,
    sectionId: c.sectionId,
    anchor: c.anchorStart !== null && c.anchorEnd !== null ? { start: c.anchorStart, end: c.anchorEnd, exact: c.anchorExact ?? "" } : null,
    text: c.bodyText,
    isOwn: c.authorId === viewer?.userId,
    isLate: c.isLate,
    edited: c._count.revisions > 0,
    withdrawn: c.withdrawnAt !== null,
    createdAt: c.createdAt,
    author: { name: c.author.name, title: c.recipient?.title ?? null, organization: c.recipient?.organization ?? null },
  }));
}

async function isRecipient(db: Db, consultationId: string, viewer: Viewer): Promise<boolean> {
  return (await db.recipient.count({ where: { consultationId, userId: viewer.userId, removedAt: null } })) > 0;
}

/** The viewer's own standing in a consultation, or null when they are not invited to it. */
export async function recipientSelf(db: Db, consultationId: string, viewer: Viewer | null) {
  if (!viewer) return null;
  return db.recipient.findFirst({
    where: { consultationId, userId: viewer.userId, removedAt: null },
    select: {
      id: true,
      title: true,
      organization: true,
      agreedAt: true,
      agreeNote: true,
      extensionUntil: true,
      extensions: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, requestedUntil: true, grantedUntil: true, decisionNote: true } },
      _count: { select: { comments: { where: { withdrawnAt: null } } } },
    },
  });
}
