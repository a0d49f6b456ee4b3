// The email outbox: every message is a row first, queued in the transaction that causes it,
// under a key naming the logical message so it is queued at most once.
import { randomUUID } from "node:crypto";
import { clampPage } from "~/domain/paging";
import { type Sqlite, sqlInstant, statement, type Tx } from "~/utils/db.server";
import { type EmailContent, emailSubject } from "../../emails";

export type OutboxKind = "invitation" | "reminder" | "login" | "summary" | "receipt" | "extension_decision" | "deadline_extended" | "result_published";

export interface NewMessage {
  key: string;
  kind: OutboxKind;
  toEmail: string;
  content: EmailContent;
  consultationId?: string | null;
  recipientId?: string | null;
}

// Each row an array in the column order of both insert statements; jsonb() parses the list once,
// where json_extract on each row's text parsed the row again for every column. "WHERE true" tells
// SQLite's parser that ON CONFLICT belongs to the INSERT, not a join.
const ENQUEUE_SQL = `
  INSERT INTO "OutboxMessage" ("id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt")
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, 'pending', 0, ?, ?
  FROM json_each(jsonb(?)) WHERE true
  ON CONFLICT ("key") DO NOTHING
  RETURNING "key"`;

const CHUNK = 2000;

/** A message as the row's values, in the column order of both insert statements. */
function outboxRow(m: NewMessage) {
  return [
    randomUUID(),
    m.key,
    m.kind,
    m.toEmail,
    emailSubject(m.content.template, m.content.props),
    m.content.template,
    JSON.stringify(m.content.props),
    m.consultationId ?? null,
    m.recipientId ?? null,
  ];
}

/** The messages as the one JSON parameter ENQUEUE_SQL expands, in chunks SQLite takes comfortably. */
function enqueueChunks(messages: NewMessage[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < messages.length; i += CHUNK) chunks.push(JSON.stringify(messages.slice(i, i + CHUNK).map(outboxRow)));
  return chunks;
}

/**
 * Queues messages whose key is not queued yet; returns the keys actually queued.
 *
 * The rows travel as one JSON parameter that SQLite's json_each expands: a sweep queueing
 * 10,000 reminders spent most of its time in Prisma's query compiler when each value was a
 * parameter of its own (~11 per row). PostgreSQL would read the same parameter with
 * json_to_recordset; this statement is the one to adapt when the PostgreSQL client is generated.
 */
export async function enqueue(tx: Tx, messages: NewMessage[], now: Date): Promise<string[]> {
  const queued: string[] = [];
  for (const rows of enqueueChunks(messages)) {
    const inserted = await tx.$queryRawUnsafe<{ key: string }[]>(ENQUEUE_SQL, sqlInstant(now), sqlInstant(now), rows);
    queued.push(...inserted.map((r) => r.key));
  }
  return queued;
}

// One message, as plain parameters: for a single row SQLite's JSON functions cost more than they save.
const ENQUEUE_ONE_SQL = `
  INSERT INTO "OutboxMessage" ("id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
  ON CONFLICT ("key") DO NOTHING`;

/** Queues one message on the direct connection, inside a writeDirect transaction; false if its key was queued already. */
export function enqueueOneDirect(conn: Sqlite, m: NewMessage, now: Date, dueAt: Date = now): boolean {
  const { changes } = statement(conn, ENQUEUE_ONE_SQL).run(...outboxRow(m), sqlInstant(dueAt), sqlInstant(now));
  return changes > 0;
}

const PAGE_SIZE = 50;

/** What the local mailbox holds: messages delivered to data/ instead of an SMTP server. */
export async function listLocalMailbox(db: Tx, page: number) {
  const where = { deliveredVia: "local" };
  const total = await db.outboxMessage.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = clampPage(page, pages);
  const messages = await db.outboxMessage.findMany({
    where,
    orderBy: [{ sentAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: { id: true, kind: true, toEmail: true, subject: true, sentAt: true },
  });
  return { total, page: current, pages, messages };
}

export async function outboxProblems(db: Tx) {
  return db.outboxMessage.findMany({
    where: { OR: [{ status: "failed" }, { status: "pending", attempts: { gt: 0 } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, kind: true, toEmail: true, subject: true, status: true, attempts: true, lastError: true, nextAttemptAt: true },
  });
}
