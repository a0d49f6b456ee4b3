// The Office's accounts through the model functions the page and the CLI share: the last account
// is never removed, even by the console, and removing one ends its sessions.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";

const { db } = await useFreshDatabase();
const { CONSOLE_ACTOR } = await import("~/domain/actor");
const { addOfficeAccount, removeOfficeAccount } = await import("~/models/office-account.server");
const { createSession } = await import("~/models/auth.server");

describe("Office accounts", () => {
  it("refuses to remove the last account and one's own, and ends a removed account's sessions", async () => {
    const now = new Date();
    const first = await addOfficeAccount(db, CONSOLE_ACTOR, { email: "Mot@Example.gov.vn", name: "Một" }, now);
    if (!first.ok) throw new Error(first.error);
    expect(first.email).toBe("mot@example.gov.vn");
    const last = await removeOfficeAccount(db, CONSOLE_ACTOR, { userId: first.userId }, now);
    expect(last).toMatchObject({ ok: false, status: 409, error: "Không thể gỡ tài khoản cuối cùng của Văn phòng." });

    const second = await addOfficeAccount(db, CONSOLE_ACTOR, { email: "hai@example.gov.vn", name: "Hai" }, now);
    if (!second.ok) throw new Error(second.error);
    expect(await addOfficeAccount(db, CONSOLE_ACTOR, { email: "hai@example.gov.vn", name: "Hai" }, now)).toMatchObject({ ok: false, status: 409 });
    const viewer = { userId: second.userId, role: "office" as const, email: second.email, name: "Hai" };
    expect(await removeOfficeAccount(db, viewer, { userId: second.userId }, now)).toMatchObject({ ok: false, status: 409 });
    const recipient = { userId: "x", role: "recipient" as const, email: "x@example.gov.vn", name: "X" };
    expect(await removeOfficeAccount(db, recipient, { userId: first.userId }, now)).toMatchObject({ ok: false, status: 403 });

    await createSession(db, first.userId, now);
    expect(await removeOfficeAccount(db, viewer, { userId: first.userId }, now)).toMatchObject({ ok: true });
    expect(await db.session.count({ where: { userId: first.userId, revokedAt: null } })).toBe(0);
    expect(await removeOfficeAccount(db, CONSOLE_ACTOR, { userId: second.userId }, now)).toMatchObject({ ok: false, status: 409 });
  });
});
