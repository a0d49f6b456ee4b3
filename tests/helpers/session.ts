// A session written straight into a server's database file, for tests and benchmarks that drive
// the production build from outside: the cookie a browser would hold after signing in.
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";

/** Signs in the user with this email, or the first Office account with `{ role: "office" }`. */
export function sessionCookieFor(databasePath: string, who: { email: string } | { role: "office" }): string {
  const db = new Database(databasePath);
  try {
    const user = (
      "email" in who
        ? db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(who.email)
        : db.prepare(`SELECT id FROM "User" WHERE role = 'office' ORDER BY createdAt LIMIT 1`).get()
    ) as { id: string };
    const raw = randomBytes(32).toString("base64url");
    const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
    db.prepare(`INSERT INTO "Session" (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`).run(
      createHash("sha256").update(raw).digest("hex"),
      user.id,
      iso(new Date()),
      iso(new Date(Date.now() + 86_400_000)),
    );
    // The cookie as Remix's createCookie writes an unsigned string value.
    return `__session=${encodeURIComponent(Buffer.from(JSON.stringify(raw)).toString("base64"))}`;
  } finally {
    db.close();
  }
}
