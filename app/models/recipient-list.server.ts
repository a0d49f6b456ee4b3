// Changing a consultation's list of recipients: adding many at once (picked from the address book
// or pasted), taking one off, sending one invitation again. Before publishing nobody is invited;
// while it runs, whoever is added is invited in the same transaction.
import { queuedTransaction, recipientListTurn } from "~/db/locks";
import { type Actor, actorId, authorize } from "~/domain/actor";
import { normalizeEmailAddress } from "~/domain/recipient-rows";
import { fail, notFound, type Result } from "~/domain/result";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit, recordAudits } from "./audit.server";
import { type ContactInput, upsertContacts } from "./contact.server";
import { inviteRecipients, reinvite } from "./invitation.server";

export interface AddRecipientsInput {
  consultationId: string;
  people: ContactInput[];
  /** Also keep them in the address book. */
  saveToBook?: boolean;
}

export type AddRecipientsDone = { added: number; invited: number; alreadyThere: string[] };

const CHUNK = 500;

async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/** Accounts for these addresses, created as recipients where missing. */
async function usersFor(tx: Tx, people: ContactInput[], now: Date): Promise<Map<string, string>> {
  const emails = people.map((p) => p.email);
  const found = await inChunks(emails, (chunk) => tx.user.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true } }));
  const ids = new Map(found.map((u) => [u.email, u.id]));
  const missing = people.filter((p) => !ids.has(p.email));
  if (missing.length) {
    await tx.user.createMany({ data: missing.map((p) => ({ email: p.email, name: p.name, role: "recipient", createdAt: now })) });
    const created = await inChunks(
      missing.map((p) => p.email),
      (chunk) => tx.user.findMany({ where: { email: { in: chunk } }, select: { id: true, email: true } }),
    );
    for (const u of created) ids.set(u.email, u.id);
  }
  return ids;
}

/**
 * Adds people to a consultation in one transaction. Someone already on the list is reported, not
 * added twice; someone taken off earlier is put back. Two clerks adding overlapping lists at once
 * are safe: changes to one consultation's list take turns (queuedTransaction), and each reads the
 * list inside its own.
 */
export async function addRecipients(db: Db, actor: Actor, input: AddRecipientsInput, now: Date): Promise<Result<AddRecipientsDone>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const people = dedupe(input.people.map((p) => ({ ...p, email: normalizeEmailAddress(p.email), group: p.group || null })));
  if (!people.length) return fail(400, "Chưa chọn người nào để thêm.");
  return queuedTransaction(db, recipientListTurn(input.consultationId), async (tx) => {
    const c = await tx.consultation.findUnique({ where: { id: input.consultationId }, select: { id: true, publishedAt: true, deadlineAt: true } });
    if (!c) return notFound("đợt lấy ý kiến");
    if (c.deadlineAt <= now) return fail(409, "Đợt lấy ý kiến đã hết hạn; không thể thêm người nhận.");
    const users = await usersFor(tx, people, now);
    const existing = await inChunks([...users.values()], (chunk) =>
      tx.recipient.findMany({ where: { consultationId: c.id, userId: { in: chunk } }, select: { id: true, userId: true, removedAt: true, invitedAt: true } }),
    );
    const byUser = new Map(existing.map((r) => [r.userId, r]));
    const alreadyThere = people.filter((p) => byUser.get(users.get(p.email)!)?.removedAt === null).map((p) => p.email);
    const toAdd = people.filter((p) => !alreadyThere.includes(p.email));
    const last = await tx.recipient.aggregate({ where: { consultationId: c.id }, _max: { position: true } });
    let position = (last._max.position ?? -1) + 1;
    const fresh = [];
    let reinvited = 0;
    for (const p of toAdd) {
      const data = { title: p.title, organization: p.organization, group: p.group ?? null };
      const back = byUser.get(users.get(p.email)!);
      if (!back) fresh.push({ ...data, consultationId: c.id, userId: users.get(p.email)!, position: position++ });
      else {
        await tx.recipient.update({ where: { id: back.id }, data: { ...data, removedAt: null } });
        // Their first invitation's key is taken: someone put back gets a new message of their own.
        if (c.publishedAt && back.invitedAt) {
          await reinvite(tx, c.id, back.id, await nextResend(tx, back.id), now);
          reinvited++;
        }
      }
    }
    if (fresh.length) await tx.recipient.createMany({ data: fresh });
    if (input.saveToBook) await upsertContacts(tx, toAdd, now);
    const invited = (c.publishedAt ? await inviteRecipients(tx, c.id, now) : 0) + reinvited;
    await auditAdded(tx, actor, c.id, toAdd, users, Boolean(c.publishedAt), now);
    return { ok: true, added: toAdd.length, invited, alreadyThere };
  });
}

function dedupe(people: ContactInput[]): ContactInput[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.email) && seen.add(p.email));
}

async function auditAdded(tx: Tx, actor: Actor, consultationId: string, added: ContactInput[], users: Map<string, string>, invited: boolean, now: Date) {
  const ids = await inChunks(added, (chunk) =>
    tx.recipient.findMany({ where: { consultationId, userId: { in: chunk.map((p) => users.get(p.email)!) } }, select: { id: true, userId: true } }),
  );
  const recipientOf = new Map(ids.map((r) => [r.userId, r.id]));
  await recordAudits(
    tx,
    added.map((p) => ({
      event: "recipient.added" as const,
      actorId: actorId(actor),
      consultationId,
      entityType: "Recipient",
      entityId: recipientOf.get(users.get(p.email)!)!,
      payload: { email: p.email, title: p.title, organization: p.organization, invited },
    })),
    now,
  );
}

/** Takes one off the list: their comments stay in the record, they can no longer answer. */
export async function removeRecipient(
  db: Db,
  actor: Actor,
  input: { consultationId: string; recipientId: string },
  now: Date,
): Promise<Result<{ name: string }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  return queuedTransaction(db, recipientListTurn(input.consultationId), async (tx) => {
    const r = await tx.recipient.findFirst({
      where: { id: input.recipientId, consultationId: input.consultationId, removedAt: null },
      select: { id: true, user: { select: { name: true, email: true } }, _count: { select: { comments: true } } },
    });
    if (!r) return notFound("người nhận này trong đợt lấy ý kiến");
    await tx.recipient.update({ where: { id: r.id }, data: { removedAt: now } });
    await recordAudit(
      tx,
      {
        event: "recipient.removed",
        actorId: actorId(actor),
        consultationId: input.consultationId,
        entityType: "Recipient",
        entityId: r.id,
        payload: { email: r.user.email, comments: r._count.comments },
      },
      now,
    );
    return { ok: true, name: r.user.name };
  });
}

async function nextResend(tx: Tx, recipientId: string): Promise<number> {
  return (await tx.outboxMessage.count({ where: { recipientId, key: { startsWith: `invitation:${recipientId}:resend:` } } })) + 1;
}

/** A new invitation with a new one-time link, for someone who lost or never got the first. */
export async function resendInvitation(
  db: Db,
  actor: Actor,
  input: { consultationId: string; recipientId: string },
  now: Date,
): Promise<Result<{ email: string }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  // Its resend number is counted then used: two resends at once take turns.
  return queuedTransaction(db, recipientListTurn(input.consultationId), async (tx) => {
    const r = await tx.recipient.findFirst({
      where: { id: input.recipientId, consultationId: input.consultationId, removedAt: null },
      select: { id: true, invitedAt: true, user: { select: { email: true } }, consultation: { select: { publishedAt: true, deadlineAt: true } } },
    });
    if (!r) return notFound("người nhận này trong đợt lấy ý kiến");
    if (!r.consultation.publishedAt || !r.invitedAt) return fail(409, "Đợt lấy ý kiến chưa công bố: thư mời được gửi khi công bố.");
    if (r.consultation.deadlineAt <= now) return fail(409, "Đợt lấy ý kiến đã hết hạn; không gửi lại thư mời.");
    const resend = await nextResend(tx, r.id);
    await reinvite(tx, input.consultationId, r.id, resend, now);
    await recordAudit(
      tx,
      {
        event: "invitation.resent",
        actorId: actorId(actor),
        consultationId: input.consultationId,
        entityType: "Recipient",
        entityId: r.id,
        payload: { email: r.user.email, resend },
      },
      now,
    );
    return { ok: true, email: r.user.email };
  });
}
