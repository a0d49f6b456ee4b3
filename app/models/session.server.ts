// A person's own sessions: where they are signed in, and ending one they do not recognise. Only
// their own: the list and the revocation are both filtered by the signed-in person's id.

import type { Result } from "~/domain/result";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export interface OwnSession {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
}

export async function listOwnSessions(db: Db, viewer: Viewer, now: Date): Promise<OwnSession[]> {
  return db.session.findMany({
    where: { userId: viewer.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

/** Ends one of the viewer's sessions; another person's session is "not found", never ended. */
export async function revokeOwnSession(db: Db, viewer: Viewer, sessionId: string, now: Date): Promise<Result> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, userId: viewer.userId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return { ok: false as const, status: 404 as const, error: "Không tìm thấy phiên đăng nhập này, hoặc phiên đã kết thúc." };
    await recordAudit(tx, { event: "session.revoked", actorId: viewer.userId, entityType: "Session", entityId: sessionId, payload: { sessions: 1 } }, now);
    return { ok: true as const };
  });
}

/** Ends every session of the viewer but the one in use: "sign out everywhere else". */
export async function revokeOtherSessions(db: Db, viewer: Viewer, currentSessionId: string, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { userId: viewer.userId, revokedAt: null, id: { not: currentSessionId } },
      data: { revokedAt: now },
    });
    await recordAudit(tx, { event: "session.revoked", actorId: viewer.userId, entityType: "User", entityId: viewer.userId, payload: { sessions: count } }, now);
    return count;
  });
}
