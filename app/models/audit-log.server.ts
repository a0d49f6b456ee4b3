// The audit log of one consultation for the Office, newest first, a page at a time, with what each
// entry needs to read as a sentence: the actor's name and role, and the organisation an entry is
// about (a recipient, an extension request or a comment), found with one query per kind of entity.
import type { AuditLine } from "~/domain/audit-text";
import { clampPage } from "~/domain/paging";
import type { Db } from "~/utils/db.server";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogEntry extends AuditLine {
  id: string;
  at: Date;
}

export interface AuditLog {
  consultation: { id: string; title: string };
  entries: AuditLogEntry[];
  total: number;
  page: number;
  pages: number;
}

/** The page of the log, or null for an unknown consultation. */
export async function auditLog(db: Db, consultationId: string, page: number): Promise<AuditLog | null> {
  const consultation = await db.consultation.findUnique({ where: { id: consultationId }, select: { id: true, title: true } });
  if (!consultation) return null;
  const total = await db.auditEvent.count({ where: { consultationId } });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = clampPage(page, pages);
  const rows = await db.auditEvent.findMany({
    where: { consultationId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (current - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: { id: true, at: true, event: true, payload: true, entityType: true, entityId: true, actor: { select: { name: true, role: true } } },
  });
  const subjects = await entitySubjects(db, consultationId, rows);
  return {
    consultation,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      event: r.event,
      payload: parse(r.payload),
      actor: r.actor,
      subject: subjects.get(`${r.entityType}:${r.entityId}`) ?? null,
    })),
    total,
    page: current,
    pages,
  };
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** "Recipient:<id>" → "Sở Y tế", for the entities of a page that belong to someone asked. */
async function entitySubjects(db: Db, consultationId: string, rows: { entityType: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const [recipients, requests, comments] = await Promise.all([
    db.recipient.findMany({ where: { id: { in: ids("Recipient") }, consultationId }, select: { id: true, organization: true } }),
    db.extensionRequest.findMany({
      where: { id: { in: ids("ExtensionRequest") }, recipient: { consultationId } },
      select: { id: true, recipient: { select: { organization: true } } },
    }),
    db.comment.findMany({
      where: { id: { in: ids("Comment") }, consultationId },
      select: { id: true, recipient: { select: { organization: true } }, author: { select: { name: true } } },
    }),
  ]);
  const subjects = new Map<string, string>();
  for (const r of recipients) subjects.set(`Recipient:${r.id}`, r.organization);
  for (const e of requests) subjects.set(`ExtensionRequest:${e.id}`, e.recipient.organization);
  for (const c of comments) subjects.set(`Comment:${c.id}`, c.recipient?.organization ?? c.author.name);
  return subjects;
}
