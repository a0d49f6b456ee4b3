// The email outbox: every message is a row first, queued in the transaction that causes it,
// under a key naming the logical message so it is queued at most once.
import { randomUUID } from "node:crypto";
import { insertOutboxRows, type OutboxRow } from "~/db/bulk-writes";
import { sql } from "~/db/direct";
import { later, type Unit } from "~/db/unit";
import { clampPage } from "~/domain/paging";
import type { Tx } from "~/utils/db.server";
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

/** A message as the row's values, in the column order of the insert statements (and of OPEN_RECEIPT). */
export function outboxRow(m: NewMessage): OutboxRow {
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

/** Queues messages whose key is not queued yet (app/db/bulk-writes.ts); returns the keys actually queued. */
export function enqueue(tx: Tx, messages: NewMessage[], now: Date): Promise<string[]> {
  return insertOutboxRows(tx, messages.map(outboxRow), now);
}

// One message, as plain parameters: for a single row SQLite's JSON functions cost more than they save.
const ENQUEUE_ONE = sql(`
  INSERT INTO "OutboxMessage" ("id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
  ON CONFLICT ("key") DO NOTHING`);

/**
 * Queues one message inside a unit of work (app/db/unit.ts), unless its key is queued already,
 * without waiting to learn which (on PostgreSQL it goes out with the unit's other writes); the id
 * the row has if it was queued.
 */
export function* enqueueLater(m: NewMessage, now: Date, dueAt: Date = now): Unit<string> {
  const row = outboxRow(m);
  yield* later(ENQUEUE_ONE, [...row, dueAt, now]);
  return row[0];
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
