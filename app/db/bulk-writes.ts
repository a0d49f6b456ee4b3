// The portal's bulk inserts, which run inside Prisma's transactions and so on its connection: the
// reminders of a sweep, the invitations of a list, their one-time links. Each sends its rows as one
// JSON parameter of arrays that the database expands, one statement per 2,000 rows: Prisma's
// createMany compiled about ten parameters a row, which cost more than the insert itself (a sweep
// of 10,000 reminders spent most of its time there). The SQL differs by database; the callers
// (app/models/outbox.server.ts, auth.server.ts) do not.
import { dialectOf, instantParam, type Tx } from "~/utils/db.server";

/** An outbox row: id, key, kind, toEmail, subject, template, props, consultationId, recipientId. */
export type OutboxRow = [string, string, string, string, string, string, string, string | null, string | null];
/** A one-time link row: id, userId, tokenHash, codeHash, purpose, redirectTo. */
export type TokenRow = [string, string, string, string, string, string | null];

const CHUNK = 2000;

const OUTBOX_COLUMNS = `"id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt"`;
const TOKEN_COLUMNS = `"id", "userId", "tokenHash", "codeHash", "purpose", "redirectTo", "createdAt", "expiresAt", "codeAttempts"`;

const SQL = {
  // jsonb() parses the list once, where json_extract on each row's text parsed the row again for
  // every column. "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not a
  // join. Instants are text in Prisma's SQLite format (sqlInstant).
  sqlite: {
    enqueue: `INSERT INTO "OutboxMessage" (${OUTBOX_COLUMNS})
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, 'pending', 0, ?, ?
      FROM json_each(jsonb(?)) WHERE true
      ON CONFLICT ("key") DO NOTHING
      RETURNING "key"`,
    tokens: `INSERT INTO "LoginToken" (${TOKEN_COLUMNS})
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, ?, ?, 0
      FROM json_each(jsonb(?))`,
  },
  // ON CONFLICT DO NOTHING also skips a key repeated within the one statement, and a key another
  // transaction is inserting (this one waits for it, then skips). Instants go as a Date, which
  // the adapter sends as UTC text for the timestamp(3) columns.
  postgresql: {
    enqueue: `INSERT INTO "OutboxMessage" (${OUTBOX_COLUMNS})
      SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, r ->> 8, 'pending', 0, $1::timestamp(3), $2::timestamp(3)
      FROM jsonb_array_elements($3::jsonb) AS r
      ON CONFLICT ("key") DO NOTHING
      RETURNING "key"`,
    tokens: `INSERT INTO "LoginToken" (${TOKEN_COLUMNS})
      SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, $1::timestamp(3), $2::timestamp(3), 0
      FROM jsonb_array_elements($3::jsonb) AS r`,
  },
} as const;

function* chunks<T>(rows: readonly T[]): Generator<string> {
  for (let i = 0; i < rows.length; i += CHUNK) yield JSON.stringify(rows.slice(i, i + CHUNK));
}

/** Inserts the outbox rows whose key is not queued yet, due at `now`; returns the keys inserted. */
export async function insertOutboxRows(tx: Tx, rows: readonly OutboxRow[], now: Date): Promise<string[]> {
  const sql = SQL[dialectOf(tx)].enqueue;
  const at = instantParam(tx, now);
  const queued: string[] = [];
  for (const json of chunks(rows)) {
    const inserted = await tx.$queryRawUnsafe<{ key: string }[]>(sql, at, at, json);
    for (const r of inserted) queued.push(r.key);
  }
  return queued;
}

/** Inserts one-time link rows made at `createdAt`, valid until `expiresAt`. */
export async function insertTokenRows(tx: Tx, rows: readonly TokenRow[], createdAt: Date, expiresAt: Date): Promise<void> {
  const sql = SQL[dialectOf(tx)].tokens;
  for (const json of chunks(rows)) await tx.$executeRawUnsafe(sql, instantParam(tx, createdAt), instantParam(tx, expiresAt), json);
}
