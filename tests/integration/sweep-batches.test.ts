// The sweep reads, renders and queues its reminders a batch at a time (issue 12: a million
// recipients held every rendered email in memory at once). Cut into batches of two and three, it
// must queue exactly what one batch would: each silent recipient once, nobody who answered, the
// audit rows adding up, and nothing on a second pass.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";

const { db } = await useFreshDatabase();
const { sweep } = await import("~/models/sweep.server");
const { endOfVnDay, vnInstant } = await import("~/domain/time");

const published = vnInstant(2026, 12, 10, 8, 0);
const deadline = endOfVnDay(2026, 12, 20);
// After the 3-days-before slot (08:00 on 17/12).
const now = vnInstant(2026, 12, 17, 9, 0);

describe("the sweep in batches", () => {
  it("queues the same reminders, each once, whatever the batch size", async () => {
    const people = Array.from({ length: 7 }, (_, n) => ({ name: `Người ${n + 1}`, email: `nguoi.${n + 1}@example.gov.vn` }));
    const first = await createTestConsultation(db, { now: published, deadline, recipients: people, title: "Dự thảo thứ nhất" });
    const second = await createTestConsultation(db, { now: published, deadline, recipients: people.slice(0, 4), title: "Dự thảo thứ hai" });
    const recipients = await db.recipient.findMany({
      where: { consultationId: { in: [first.consultationId, second.consultationId] } },
      include: { user: true },
    });
    expect(recipients).toHaveLength(11);
    // Two of the first consultation's answer: one comments, one agrees; they are not reminded.
    const [commenter, agreer] = recipients.filter((r) => r.consultationId === first.consultationId);
    const { documentVersionId } = await db.consultation.findUniqueOrThrow({ where: { id: first.consultationId } });
    await db.comment.create({
      data: {
        consultationId: first.consultationId,
        recipientId: commenter!.id,
        authorId: commenter!.userId,
        versionId: documentVersionId,
        scope: "general",
        body: "{}",
        bodyText: "Đề nghị bổ sung.",
        createdAt: vnInstant(2026, 12, 11, 9),
      },
    });
    await db.recipient.update({ where: { id: agreer!.id }, data: { agreedAt: vnInstant(2026, 12, 11, 10) } });
    const silent = recipients.filter((r) => r.id !== commenter!.id && r.id !== agreer!.id);

    // What a single batch would queue, without queueing it.
    const whole = await sweep(db, now, { dryRun: true });
    expect(whole.reminders.map((r) => r.recipientId).sort()).toEqual(silent.map((r) => r.id).sort());

    expect(whole.remindersQueued).toBe(silent.length);

    // In batches of 2, the report listing only the first 3 and counting them all.
    const cut = await sweep(db, now, { batchSize: 2, listLimit: 3 });
    expect(cut.remindersQueued).toBe(silent.length);
    expect(cut.reminders).toHaveLength(3);
    expect(whole.reminders.map((r) => r.key)).toEqual(expect.arrayContaining(cut.reminders.map((r) => r.key)));
    const queued = await db.outboxMessage.findMany({ where: { kind: "reminder" } });
    expect(queued.map((m) => m.key).sort()).toEqual(whole.reminders.map((r) => r.key).sort());
    expect(await db.loginToken.count({ where: { purpose: "reminder" } })).toBe(silent.length);
    const audits = await db.auditEvent.findMany({ where: { event: "reminders.queued" } });
    expect(audits.reduce((n, a) => n + JSON.parse(a.payload).recipients, 0)).toBe(silent.length);

    // Again at the same instant, in other batches: nothing more.
    const again = await sweep(db, now, { batchSize: 3 });
    expect(again.reminders).toEqual([]);
    expect(again.remindersQueued).toBe(0);
    expect(await db.outboxMessage.count({ where: { kind: "reminder" } })).toBe(silent.length);
  });
});
