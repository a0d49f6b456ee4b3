// The address book: people the Office asks again and again, kept across consultations. A
// consultation's recipients are copies; changing or removing a contact never touches them.
import { type Actor, actorId, authorize } from "~/domain/actor";
import { normalizeEmailAddress, parseRecipientRows } from "~/domain/recipient-rows";
import { fail, invalid, notFound, type Result } from "~/domain/result";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export interface ContactInput {
  name: string;
  title: string;
  organization: string;
  email: string;
  group?: string | null;
}

const NO_GROUP = "Chưa xếp nhóm";

export async function listContacts(db: Db) {
  const contacts = await db.contact.findMany({
    orderBy: [{ group: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, name: true, title: true, organization: true, email: true, group: true },
  });
  const groups = new Map<string, typeof contacts>();
  for (const c of contacts) {
    const key = c.group ?? NO_GROUP;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  // People with no group come last: the named groups are what the clerk picks from.
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b, "vi")))
    .map(([name, members]) => ({ name, named: name !== NO_GROUP, members }));
}

function tidy(input: ContactInput) {
  const text = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
  return {
    name: text(input.name),
    title: text(input.title),
    organization: text(input.organization),
    email: normalizeEmailAddress(input.email),
    group: input.group ? text(input.group) || null : null,
  };
}

/** Adds a contact, or changes one (`contactId`); an address already in the book is refused. */
export async function saveContact(db: Db, actor: Actor, input: ContactInput & { contactId?: string }, now: Date): Promise<Result<{ contactId: string }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const data = tidy(input);
  return db.$transaction(async (tx) => {
    const holder = await tx.contact.findUnique({ where: { email: data.email }, select: { id: true } });
    if (holder && holder.id !== input.contactId)
      return fail(409, `Địa chỉ ${data.email} đã có trong danh bạ.`, { fields: { email: "Địa chỉ này đã có trong danh bạ." } });
    let id = input.contactId;
    if (id) {
      const changed = await tx.contact.updateMany({ where: { id }, data: { ...data, updatedAt: now } });
      if (changed.count === 0) return notFound("người này trong danh bạ");
    } else id = (await tx.contact.create({ data: { ...data, createdAt: now, updatedAt: now }, select: { id: true } })).id;
    await recordAudit(
      tx,
      { event: "contact.saved", actorId: actorId(actor), entityType: "Contact", entityId: id, payload: { email: data.email, created: !input.contactId } },
      now,
    );
    return { ok: true, contactId: id };
  });
}

export async function removeContact(db: Db, actor: Actor, input: { contactId: string }, now: Date): Promise<Result<{ email: string }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true, email: true } });
    if (!contact) return notFound("người này trong danh bạ");
    await tx.contact.delete({ where: { id: contact.id } });
    await recordAudit(
      tx,
      { event: "contact.removed", actorId: actorId(actor), entityType: "Contact", entityId: contact.id, payload: { email: contact.email } },
      now,
    );
    return { ok: true, email: contact.email };
  });
}

/** Pasted rows into the book: new addresses added, known ones brought up to date; all or nothing. */
export async function importContacts(db: Db, actor: Actor, input: { text: string }, now: Date): Promise<Result<{ created: number; updated: number }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const parsed = parseRecipientRows(input.text);
  if (!parsed.ok) return invalid(parsed.problems, { rows: parsed.problems.join(" ") });
  return db.$transaction(async (tx) => {
    const counts = await upsertContacts(tx, parsed.rows, now);
    await recordAudit(tx, { event: "contacts.imported", actorId: actorId(actor), entityType: "Contact", entityId: "*", payload: counts }, now);
    return { ok: true, ...counts };
  });
}

const CHUNK = 500;

/** Writes people into the book inside the caller's transaction; a group left empty keeps the one on file. */
export async function upsertContacts(tx: Tx, people: ContactInput[], now: Date): Promise<{ created: number; updated: number }> {
  const rows = people.map(tidy);
  const known = new Map<string, ReturnType<typeof tidy> & { id: string }>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const found = await tx.contact.findMany({
      where: { email: { in: rows.slice(i, i + CHUNK).map((r) => r.email) } },
      select: { id: true, email: true, name: true, title: true, organization: true, group: true },
    });
    for (const c of found) known.set(c.email, c);
  }
  const fresh = rows.filter((r) => !known.has(r.email));
  if (fresh.length) await tx.contact.createMany({ data: fresh.map((r) => ({ ...r, createdAt: now, updatedAt: now })) });
  for (const r of rows) {
    const c = known.get(r.email);
    // The same people pasted again are the usual case: only a real change is written.
    const same = c && c.name === r.name && c.title === r.title && c.organization === r.organization && (!r.group || r.group === c.group);
    if (c && !same)
      await tx.contact.update({
        where: { id: c.id },
        data: { name: r.name, title: r.title, organization: r.organization, ...(r.group ? { group: r.group } : {}), updatedAt: now },
      });
  }
  return { created: fresh.length, updated: rows.length - fresh.length };
}

/** The contacts picked by id or by whole group, for adding to a consultation. */
export async function contactsPicked(db: Db, pick: { contactIds: string[]; groups: string[] }) {
  if (!pick.contactIds.length && !pick.groups.length) return [];
  return db.contact.findMany({
    where: { OR: [{ id: { in: pick.contactIds } }, { group: { in: pick.groups } }] },
    orderBy: [{ group: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { name: true, title: true, organization: true, email: true, group: true },
  });
}
