import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditEventName } from "~/domain/audit";
import { type Sqlite, sqlInstant, statement, type Tx } from "~/utils/db.server";

const AUDIT_SQL = `INSERT INTO "AuditEvent" ("id", "at", "event", "actorId", "consultationId", "entityType", "entityId", "payload") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

function auditParams<E extends AuditEventName>(entry: AuditEntry<E>, at: Date) {
  return [
    randomUUID(),
    sqlInstant(at),
    entry.event,
    entry.actorId ?? null,
    entry.consultationId ?? null,
    entry.entityType,
    entry.entityId,
    JSON.stringify(entry.payload),
  ];
}

export async function recordAudit<E extends AuditEventName>(tx: Tx, entry: AuditEntry<E>, at: Date): Promise<void> {
  await tx.$executeRawUnsafe(AUDIT_SQL, ...auditParams(entry, at));
}

/** recordAudit on the direct connection, inside a writeDirect transaction. */
export function recordAuditDirect<E extends AuditEventName>(conn: Sqlite, entry: AuditEntry<E>, at: Date): void {
  statement(conn, AUDIT_SQL).run(...auditParams(entry, at));
}

const AUDIT_ROWS_PER_STATEMENT = 200; // 8 parameters a row, well under SQLite's 32,766

/** Many entries in a few statements: one per person when a list of hundreds is added at once. */
export async function recordAudits<E extends AuditEventName>(tx: Tx, entries: AuditEntry<E>[], at: Date): Promise<void> {
  for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_STATEMENT) {
    const chunk = entries.slice(i, i + AUDIT_ROWS_PER_STATEMENT);
    const values = chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    const sql = `INSERT INTO "AuditEvent" ("id", "at", "event", "actorId", "consultationId", "entityType", "entityId", "payload") VALUES ${values}`;
    await tx.$executeRawUnsafe(sql, ...chunk.flatMap((e) => auditParams(e, at)));
  }
}
