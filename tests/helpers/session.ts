// A session written straight into a server's database, for tests and benchmarks that drive the
// production build from outside: the cookie a browser would hold after signing in.
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type { TestDb } from "./test-db";

type Who = { email: string } | { role: "office" };

const USER_BY_EMAIL = `SELECT id FROM "User" WHERE email = ?`;
const FIRST_OFFICE = `SELECT id FROM "User" WHERE role = 'office' ORDER BY "createdAt" LIMIT 1`;
const INSERT_SESSION = `INSERT INTO "Session" (id, "userId", "createdAt", "expiresAt") VALUES (?, ?, ?, ?)`;

function newSession() {
  const raw = randomBytes(32).toString("base64url");
  return {
    id: createHash("sha256").update(raw).digest("hex"),
    // The cookie as Remix's createCookie writes an unsigned string value.
    cookie: `__session=${encodeURIComponent(Buffer.from(JSON.stringify(raw)).toString("base64"))}`,
  };
}

function missing(who: Who): Error {
  return new Error(`sessionCookieFor: no user ${"email" in who ? who.email : "with role office"}`);
}

/**
 * Signs in the user with this email, or the first Office account with `{ role: "office" }`: on a
 * SQLite file by its path (synchronously), or on a server's database of either kind (a TestDb, or
 * anything holding one as `db`, such as a RunningServer).
 */
export function sessionCookieFor(databasePath: string, who: Who): string;
export function sessionCookieFor(database: TestDb | { db: TestDb }, who: Who): Promise<string>;
export function sessionCookieFor(database: string | TestDb | { db: TestDb }, who: Who): string | Promise<string> {
  if (typeof database !== "string") return sessionCookieOn("db" in database ? database.db : database, who);
  const db = new Database(database);
  try {
    const user = ("email" in who ? db.prepare(USER_BY_EMAIL).get(who.email) : db.prepare(FIRST_OFFICE).get()) as { id: string } | undefined;
    if (!user) throw missing(who);
    const session = newSession();
    const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
    db.prepare(INSERT_SESSION).run(session.id, user.id, iso(new Date()), iso(new Date(Date.now() + 86_400_000)));
    return session.cookie;
  } finally {
    db.close();
  }
}

async function sessionCookieOn(db: TestDb, who: Who): Promise<string> {
  const user = "email" in who ? await db.get<{ id: string }>(USER_BY_EMAIL, who.email) : await db.get<{ id: string }>(FIRST_OFFICE);
  if (!user) throw missing(who);
  const session = newSession();
  await db.run(INSERT_SESSION, session.id, user.id, new Date(), new Date(Date.now() + 86_400_000));
  return session.cookie;
}
