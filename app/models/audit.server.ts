import { randomUUID } from "node:crypto";
import { sql } from "~/db/direct";
import { later, type Unit } from "~/db/unit";
import type { AuditEntry, AuditEventName } from "~/domain/audit";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

const AUDIT = sql(
  `INSERT INTO "AuditEvent" ("id", "at", "event", "actorId", "consultationId", "entityType", "entityId", "payload") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);

function auditParams<E extends AuditEventName>(entry: AuditEntry<E>, at: Date) {
  return [randomUUID(), at, entry.event, entry.actorId ?? null, entry.consultationId ?? null, entry.entityType, entry.entityId, JSON.stringify(entry.payload)];
}

/** One audit row, in the transaction that caused it. Written once for both databases: Prisma puts the placeholders. */
export async function recordAudit<E extends AuditEventName>(tx: Tx, entry: AuditEntry<E>, at: Date): Promise<void> {
  await tx.$executeRaw`INSERT INTO "AuditEvent" ("id", "at", "event", "actorId", "consultationId", "entityType", "entityId", "payload") VALUES ${auditValues(entry, at)}`;
}

/** recordAudit inside a unit of work (app/db/unit.ts): the comment's own transaction. */
export function* auditInUnit<E extends AuditEventName>(entry: AuditEntry<E>, at: Date): Unit<void> {
  yield* later(AUDIT, auditParams(entry, at));
}

const AUDIT_ROWS_PER_STATEMENT = 200; // 8 parameters a row, well under SQLite's 32,766 and PostgreSQL's 65,535

/** Many entries in a few statements: one per person when a list of hundreds is added at once. */
export async function recordAudits<E extends AuditEventName>(tx: Tx, entries: AuditEntry<E>[], at: Date): Promise<void> {
  for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_STATEMENT) {
    const values = entries.slice(i, i + AUDIT_ROWS_PER_STATEMENT).map((e) => auditValues(e, at));
    await tx.$executeRaw`INSERT INTO "AuditEvent" ("id", "at", "event", "actorId", "consultationId", "entityType", "entityId", "payload") VALUES ${Prisma.join(values)}`;
  }
}

/** A row's values; the instant as a Date, which each database's adapter writes in its own form. */
function auditValues<E extends AuditEventName>(entry: AuditEntry<E>, at: Date) {
  const [id, , event, actorId, consultationId, entityType, entityId, payload] = auditParams(entry, at);
  return Prisma.sql`(${id}, ${at}, ${event}, ${actorId}, ${consultationId}, ${entityType}, ${entityId}, ${payload})`;
}
