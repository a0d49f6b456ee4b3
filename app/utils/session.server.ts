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
export async function currentSessionId(request: Request): Promise<string | null> {
  const token = await getSessionToken(request);
  return token ? sha256(token) : null;
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

// Every signed-in request asks this, so it is a prepared statement on the direct connection.
const SESSION_SQL = sql<{
  expiresAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  id: string;
  role: string;
  email: string;
  name: string;
  disabledAt: Date | null;
}>(
  `SELECT s."expiresAt", s."revokedAt", s."lastSeenAt", u."id", u."role", u."email", u."name", u."disabledAt"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
  { instants: ["expiresAt", "revokedAt", "lastSeenAt", "disabledAt"] },
);

// "Last seen" is for the person reading their list of sessions, to the nearest few minutes: a write
// on every request would cost the comment fast path its throughput and contend for SQLite's lock.
const LAST_SEEN_EVERY_MS = 5 * 60_000;
const LAST_SEEN_SQL = sql(`UPDATE "Session" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`);

function noteLastSeen(sessionHash: string, lastSeenAt: Date | null, now: Date): void {
  const due = new Date(now.getTime() - LAST_SEEN_EVERY_MS);
  if (lastSeenAt && lastSeenAt >= due) return;
  // Not awaited: the request does not wait for a bookkeeping write, and a failed one is retried next time.
  execute(getDb(), LAST_SEEN_SQL, [now, sessionHash, due]).catch(() => undefined);
}

function lookUpViewer(request: Request, now: Date): Promise<Viewer | null> {
  return viewerFromCookieHeader(request.headers.get("Cookie"), now);
}

/** Who is asking, from a Cookie header: for the server's direct handlers, which have no Request. */
export async function viewerFromCookieHeader(cookieHeader: string | null, now: Date): Promise<Viewer | null> {
  const sessionId = await sessionTokenFrom(cookieHeader);
  if (!sessionId) return null;
  const sessionHash = sha256(sessionId);
  const row = await readOne(getDb(), SESSION_SQL, [sessionHash]);
  if (!row || row.revokedAt || row.expiresAt <= now || row.disabledAt) return null;
  noteLastSeen(sessionHash, row.lastSeenAt, now);
  return { userId: row.id, role: row.role as Role, email: row.email, name: row.name };
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
