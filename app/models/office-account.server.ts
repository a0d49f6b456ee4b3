// The Office's own accounts. Removing one disables it (the record keeps their name on what they
// did) and ends its sessions at once; the Office can never be left with nobody able to sign in.
import { type Actor, actorId, authorize } from "~/domain/actor";
import { normalizeEmailAddress } from "~/domain/recipient-rows";
import { fail, notFound, type Result } from "~/domain/result";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export async function listOfficeAccounts(db: Db) {
  return db.user.findMany({
    where: { role: "office", disabledAt: null },
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, createdAt: true },
  });
}

/**
 * Gives an address the Office's role: a new account, a removed one enabled again, or someone known
 * as a recipient made Office staff. They sign in by email at once.
 */
export async function addOfficeAccount(
  db: Db,
  actor: Actor,
  input: { email: string; name: string },
  now: Date,
): Promise<Result<{ userId: string; email: string }>> {
  const refused = authorize(actor, "office.accounts");
  if (refused) return refused;
  const email = normalizeEmailAddress(input.email);
  const name = input.name.normalize("NFC").replace(/\s+/g, " ").trim() || email;
  return db.$transaction(async (tx) => {
    const known = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, disabledAt: true } });
    if (known?.role === "office" && !known.disabledAt)
      return fail(409, `${email} đã là tài khoản của Văn phòng.`, { fields: { email: "Địa chỉ này đã là tài khoản của Văn phòng." } });
    const user = known
      ? await tx.user.update({ where: { id: known.id }, data: { role: "office", disabledAt: null, name }, select: { id: true } })
      : await tx.user.create({ data: { email, name, role: "office", createdAt: now }, select: { id: true } });
    await recordAudit(
      tx,
      {
        event: "office.account_added",
        actorId: actorId(actor),
        entityType: "User",
        entityId: user.id,
        payload: { email, reenabled: Boolean(known?.disabledAt) },
      },
      now,
    );
    return { ok: true, userId: user.id, email };
  });
}

/** Disables an Office account and ends its sessions; not one's own, not the last. */
export async function removeOfficeAccount(db: Db, actor: Actor, input: { userId: string }, now: Date): Promise<Result<{ email: string }>> {
  const refused = authorize(actor, "office.accounts");
  if (refused) return refused;
  if (actor.userId === input.userId) return fail(409, "Bạn không thể tự gỡ tài khoản của chính mình.");
  // Counted inside the transaction, which holds the write lock from its start: two clerks removing
  // the last two accounts at once cannot both see one left.
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, role: "office", disabledAt: null }, select: { id: true, email: true } });
    if (!user) return notFound("tài khoản này của Văn phòng");
    const active = await tx.user.count({ where: { role: "office", disabledAt: null } });
    if (active <= 1) return fail(409, "Không thể gỡ tài khoản cuối cùng của Văn phòng.");
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: now } });
    const ended = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(
      tx,
      {
        event: "office.account_removed",
        actorId: actorId(actor),
        entityType: "User",
        entityId: user.id,
        payload: { email: user.email, sessionsRevoked: ended.count },
      },
      now,
    );
    return { ok: true, email: user.email };
  });
}
