import type { AuditEntry, AuditEventName } from "~/domain/audit";
import type { Tx } from "~/utils/db.server";

export async function recordAudit<E extends AuditEventName>(tx: Tx, entry: AuditEntry<E>, at: Date): Promise<void> {
  await tx.auditEvent.create({
    data: {
      at,
      event: entry.event,
      actorId: entry.actorId ?? null,
      consultationId: entry.consultationId ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId,
      payload: JSON.stringify(entry.payload),
    },
  });
}
