// The email outbox: every message is a row first, queued in the transaction that causes it,
// under a key naming the logical message so it is queued at most once.
import { randomUUID } from "node:crypto";
import { emailSubject, renderEmail, type EmailContent } from "../../emails";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

export type OutboxKind = "invitation" | "reminder" | "login" | "summary" | "receipt" | "extension_decision";

export interface NewMessage {
  key: string;
  kind: OutboxKind;
  toEmail: string;
  content: EmailContent;
  consultationId?: string | null;
  recipientId?: string | null;
}

/**
 * Queues messages whose key is not queued yet; returns the keys actually queued. One multi-row
 * INSERT … ON CONFLICT DO NOTHING per chunk (SQLite and PostgreSQL alike): a sweep over
 * thousands of recipients stays one statement per few hundred rows.
 */
export async function enqueue(tx: Tx, messages: NewMessage[], now: Date): Promise<string[]> {
  const queued: string[] = [];
  // Rows per statement: most of a large sweep's time is Prisma compiling each statement, so fewer,
  // larger statements are faster; 1,000 rows × 13 values stays under SQLite's 32,766 and
  // PostgreSQL's 65,535 parameters.
  const CHUNK = 1000;
  for (let i = 0; i < messages.length; i += CHUNK) {
    const rows = messages.slice(i, i + CHUNK).map(
      (m) =>
        Prisma.sql`(${randomUUID()}, ${m.key}, ${m.kind}, ${m.toEmail}, ${emailSubject(m.content.template, m.content.props)}, ${m.content.template}, ${JSON.stringify(m.content.props)}, ${m.consultationId ?? null}, ${m.recipientId ?? null}, 'pending', 0, ${now}, ${now})`,
    );
    const inserted = await tx.$queryRaw<{ key: string }[]>`
      INSERT INTO "OutboxMessage" ("id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("key") DO NOTHING
      RETURNING "key"`;
    queued.push(...inserted.map((r) => r.key));
  }
  return queued;
}

const PAGE_SIZE = 50;

/** What the local mailbox holds: messages delivered to data/ instead of an SMTP server. */
export async function listLocalMailbox(db: Tx, page: number) {
  const where = { deliveredVia: "local" };
  const [total, messages] = await Promise.all([
    db.outboxMessage.count({ where }),
    db.outboxMessage.findMany({
      where,
      orderBy: [{ sentAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, kind: true, toEmail: true, subject: true, sentAt: true },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), messages };
}

export async function getLocalMessage(db: Tx, id: string) {
  const m = await db.outboxMessage.findFirst({ where: { id, deliveredVia: "local" }, select: { id: true, toEmail: true, template: true, props: true, sentAt: true } });
  return m && { id: m.id, toEmail: m.toEmail, sentAt: m.sentAt, ...renderEmail(m.template, JSON.parse(m.props)) };
}

export async function outboxProblems(db: Tx) {
  return db.outboxMessage.findMany({
    where: { OR: [{ status: "failed" }, { status: "pending", attempts: { gt: 0 } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, kind: true, toEmail: true, subject: true, status: true, attempts: true, lastError: true, nextAttemptAt: true },
  });
}
