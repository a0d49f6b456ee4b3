// Who is asking, from the session cookie. The cookie holds only a database session id, so a
// session can be revoked; an unknown, expired or revoked id is simply nobody.
import { createCookie, redirect } from "@remix-run/node";
import { execute, readOne, sql } from "~/db/direct";
import { sameOriginPath } from "~/domain/redirect";
import type { Role, Viewer } from "~/domain/viewer";
import { sha256 } from "./crypto.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";

export const sessionCookie = createCookie("__session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.NODE_ENV === "production" && process.env.APP_URL?.startsWith("https://") === true,
  maxAge: 30 * 24 * 60 * 60,
});

export async function getSessionToken(request: Request): Promise<string | null> {
  return sessionTokenFrom(request.headers.get("Cookie"));
}

async function sessionTokenFrom(cookieHeader: string | null): Promise<string | null> {
  const value = await sessionCookie.parse(cookieHeader);
  return typeof value === "string" && value.length >= 20 ? value : null;
}

/** The database id of the session this request carries (the hash of the cookie's value), if any. */
export function currentSessionId(request: Request): Promise<string | null> {
  return sessionIdFromCookieHeader(request.headers.get("Cookie"));
}

// The root loader and the page's loader both ask who is there: one database lookup per request.
const viewers = new WeakMap<Request, Promise<Viewer | null>>();

export function getViewer(request: Request, now = new Date()): Promise<Viewer | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = lookUpViewer(request, now);
    viewers.set(request, viewer);
  }
  return viewer;
}

/** A session and its account, as a statement joining "Session" and "User" reads them (aliases `ss`, `u`). */
export interface SessionRow {
  sessionExpiresAt: Date;
  sessionRevokedAt: Date | null;
  sessionLastSeenAt: Date | null;
  userId: string;
  role: string;
  email: string;
  name: string;
  disabledAt: Date | null;
}

/** SessionRow's columns, for a statement that reads the session with what it needs (the comment's write). */
export const SESSION_COLUMNS = `ss."expiresAt" AS "sessionExpiresAt", ss."revokedAt" AS "sessionRevokedAt", ss."lastSeenAt" AS "sessionLastSeenAt",
  u."id" AS "userId", u."role", u."email", u."name", u."disabledAt"`;
export const SESSION_INSTANTS = ["sessionExpiresAt", "sessionRevokedAt", "sessionLastSeenAt", "disabledAt"] as const;

// Every signed-in request asks this, so it is a prepared statement on the direct connection.
const SESSION_SQL = sql<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM "Session" ss JOIN "User" u ON u."id" = ss."userId" WHERE ss."id" = ?`, {
  instants: SESSION_INSTANTS,
});

/** Who a session is, or nobody: unknown, expired, revoked, or its account disabled. */
export function viewerOfSession(row: SessionRow | undefined, now: Date): Viewer | null {
  if (!row || row.sessionRevokedAt || row.sessionExpiresAt <= now || row.disabledAt) return null;
  return { userId: row.userId, role: row.role as Role, email: row.email, name: row.name };
}

// "Last seen" is for the person reading their list of sessions, to the nearest few minutes: a write
// on every request would cost the comment fast path its throughput and contend for SQLite's lock.
const LAST_SEEN_EVERY_MS = 5 * 60_000;
const LAST_SEEN_SQL = sql(`UPDATE "Session" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`);

/** Notes that a session was used now, at most every few minutes; never waited for. */
export function noteLastSeen(sessionId: string, lastSeenAt: Date | null, now: Date): void {
  const due = new Date(now.getTime() - LAST_SEEN_EVERY_MS);
  if (lastSeenAt && lastSeenAt >= due) return;
  // Not awaited: the request does not wait for a bookkeeping write, and a failed one is retried next time.
  execute(getDb(), LAST_SEEN_SQL, [now, sessionId, due]).catch(() => undefined);
}

function lookUpViewer(request: Request, now: Date): Promise<Viewer | null> {
  return viewerFromCookieHeader(request.headers.get("Cookie"), now);
}

/** Who is asking, from a Cookie header. (The comment's direct handler reads the session with its own statement.) */
export async function viewerFromCookieHeader(cookieHeader: string | null, now: Date): Promise<Viewer | null> {
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);
  if (!sessionId) return null;
  const row = await readOne(getDb(), SESSION_SQL, [sessionId]);
  const viewer = viewerOfSession(row, now);
  if (viewer) noteLastSeen(sessionId, row!.sessionLastSeenAt, now);
  return viewer;
}

/**
 * The database id of the session a Cookie header carries (the hash of the cookie's value), not yet
 * looked up: for a handler whose own statement reads the session (app/server/comment-post.server.ts).
 */
export async function sessionIdFromCookieHeader(cookieHeader: string | null): Promise<string | null> {
  const token = await sessionTokenFrom(cookieHeader);
  return token ? sha256(token) : null;
}

/** Where to go after signing in: only a path on this site's origin (app/domain/redirect.ts), else the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return sameOriginPath(to, getEnv().APP_URL) ?? fallback;
}

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(`/dang-nhap?tiep=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return viewer;
}

/** Office pages: the signed-out are sent to sign in, everyone else is refused. */
export async function requireOffice(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (viewer.role !== "office") throw new Response("Không có quyền truy cập", { status: 403 });
  return viewer;
}

/** What a new session records about the browser it is for: shown to its owner, never trusted for access. */
export function sessionClient(request: Request, context: unknown): { ip: string; userAgent?: string } {
  return { ip: clientIp(context), userAgent: request.headers.get("user-agent") ?? undefined };
}

/** The caller's address as the server saw it (scripts/serve.mjs puts it in the load context). */
export function clientIp(context: unknown): string {
  const ip = (context as { ip?: unknown } | undefined)?.ip;
  return typeof ip === "string" && ip ? ip : "không rõ";
}
