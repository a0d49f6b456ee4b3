// Who is asking, from the session cookie. The cookie holds only a database session id, so a
// session can be revoked; an unknown, expired or revoked id is simply nobody.
import { createCookie } from "@remix-run/node";
import type { Role, Viewer } from "~/domain/viewer";
import { getDb } from "./db.server";

export const sessionCookie = createCookie("__session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.NODE_ENV === "production" && process.env.APP_URL?.startsWith("https://") === true,
  maxAge: 30 * 24 * 60 * 60,
});

export async function getViewer(request: Request, now = new Date()): Promise<Viewer | null> {
  const sessionId = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof sessionId !== "string" || sessionId.length < 20) return null;
  const session = await getDb().session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, revokedAt: true, user: { select: { id: true, role: true, email: true, name: true, disabledAt: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabledAt) return null;
  return { userId: session.user.id, role: session.user.role as Role, email: session.user.email, name: session.user.name };
}
