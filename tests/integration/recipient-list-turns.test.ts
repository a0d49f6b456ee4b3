// The Office changing one consultation's list while the officials on it comment: on SQLite and (in
// the `postgresql` Vitest project) on PostgreSQL, from two clients as two processes would. Every
// change succeeds, overlapping lists add each person once, in distinct positions, invited once;
// resends are numbered one after another; no comment is lost.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";

const { db, newClient } = await useFreshDatabase();
const other = await newClient();
const { CONSOLE_ACTOR } = await import("~/domain/actor");
const { addRecipients, removeRecipient, resendInvitation } = await import("~/models/recipient-list.server");
const { createComment } = await import("~/models/response.server");

const now = new Date();
const officials = Array.from({ length: 12 }, (_, i) => ({ name: `Cán bộ ${i}`, email: `can.bo.${i}@example.gov.vn` }));
const { consultationId } = await createTestConsultation(db, { now, deadline: new Date(now.getTime() + 7 * 86_400_000), recipients: officials });
const person = (i: number) => ({ name: `Người mới ${i}`, title: "Chuyên viên", organization: `Sở số ${i}`, email: `nguoi.moi.${i}@example.gov.vn` });

describe("one consultation's list, changed from two clients while its officials comment", () => {
  it("adds overlapping lists once each, numbers resends in turn, and loses no comment", async () => {
    const recipients = await db.recipient.findMany({
      where: { consultationId },
      select: { id: true, user: { select: { id: true, email: true, name: true } } },
    });
    const [resent, removed] = recipients;
    const lists = Array.from({ length: 10 }, (_, k) => Array.from({ length: 30 }, (_, i) => person(k * 10 + i))); // each overlaps the next by 20
    const writes = [
      ...lists.map((people, k) => () => addRecipients(k % 2 ? other : db, CONSOLE_ACTOR, { consultationId, people }, now)),
      ...Array.from({ length: 4 }, (_, k) => () => resendInvitation(k % 2 ? other : db, CONSOLE_ACTOR, { consultationId, recipientId: resent!.id }, now)),
      () => removeRecipient(other, CONSOLE_ACTOR, { consultationId, recipientId: removed!.id }, now),
      ...recipients.slice(2).flatMap((r, k) =>
        Array.from({ length: 20 }, (_, i) => () => {
          const viewer = { userId: r.user.id, role: "recipient" as const, email: r.user.email, name: r.user.name };
          return createComment(k % 2 ? other : db, viewer, { consultationId, scope: "general", text: `Ý kiến ${i} của ${r.user.name}.` }, now);
        }),
      ),
    ];
    const results = await Promise.all(writes.map((write) => write()));
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const people = new Set(lists.flat().map((p) => p.email));
    const added = await db.recipient.findMany({ where: { consultationId, user: { email: { in: [...people] } } }, select: { position: true } });
    expect(added).toHaveLength(people.size); // 120 people, once each
    const positions = (await db.recipient.findMany({ where: { consultationId }, select: { position: true } })).map((r) => r.position);
    expect(new Set(positions).size).toBe(positions.length);
    const invitations = await db.outboxMessage.findMany({ where: { kind: "invitation", toEmail: { in: [...people] } }, select: { toEmail: true } });
    expect(invitations).toHaveLength(people.size);

    const resends = await db.outboxMessage.findMany({ where: { key: { startsWith: `invitation:${resent!.id}:resend:` } }, select: { key: true } });
    expect(resends.map((m) => m.key).sort()).toEqual([1, 2, 3, 4].map((n) => `invitation:${resent!.id}:resend:${n}`));
    expect(await db.recipient.findUniqueOrThrow({ where: { id: removed!.id }, select: { removedAt: true } })).toMatchObject({ removedAt: expect.any(Date) });
    expect(await db.comment.count({ where: { consultationId } })).toBe((recipients.length - 2) * 20);
  });
});
