// A consultation's life on an injected clock (no sleeping): hourly sweeps from publication to
// after the deadline, a server that is down across one reminder slot and comes back as a new
// process, and recipients in every state. The exact set of reminders is checked, as keys in the
// outbox and as messages that reach a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const { db, newClient } = await useFreshDatabase();
const { createMailer } = await import("~/utils/mailer.server");
const { deliverAllDue } = await import("~/server/outbox-worker.server");
const { sweep } = await import("~/models/sweep.server");
const { addRecipients } = await import("~/models/recipient-list.server");
const { endOfVnDay, vnInstant } = await import("~/domain/time");

const HOUR = 3_600_000;
const published = vnInstant(2026, 12, 10, 8, 0);
const deadline = endOfVnDay(2026, 12, 20);
const slots = { d7: vnInstant(2026, 12, 13, 8), d3: vnInstant(2026, 12, 17, 8), d1: vnInstant(2026, 12, 19, 8) };
const down = { from: vnInstant(2026, 12, 16, 0), to: vnInstant(2026, 12, 18, 12) };

let smtp: TestSmtp;
const ids: Record<string, string> = {};
let consultationId = "";

beforeAll(async () => {
  smtp = await startSmtp();
  const people = ["silent", "commented", "agreed", "longExtension", "shortExtension", "removed", "agreesLater"];
  ({ consultationId } = await createTestConsultation(db, {
    now: published,
    deadline,
    officeEmail: "vanphong@cantho.example.gov.vn",
    recipients: people.map((p) => ({ name: `Người ${p}`, email: `${p.toLowerCase()}@example.gov.vn` })),
  }));
  for (const r of await db.recipient.findMany({ where: { consultationId }, include: { user: true } })) {
    ids[r.user.email.split("@")[0]!] = r.id;
  }
  const office = await db.user.create({ data: { email: "chuyenvien@cantho.example.gov.vn", name: "Chuyên viên", role: "office" } });
  const version = (await db.consultation.findUniqueOrThrow({ where: { id: consultationId } })).documentVersionId;
  const commenter = await db.recipient.findUniqueOrThrow({ where: { id: ids.commented! } });
  await db.comment.create({
    data: {
      consultationId,
      recipientId: commenter.id,
      authorId: commenter.userId,
      versionId: version,
      scope: "general",
      body: "{}",
      bodyText: "Đề nghị bổ sung.",
      createdAt: vnInstant(2026, 12, 11, 9),
    },
  });
  await db.recipient.update({ where: { id: ids.agreed! }, data: { agreedAt: vnInstant(2026, 12, 11, 10) } });
  await db.recipient.update({ where: { id: ids.longextension! }, data: { extensionUntil: endOfVnDay(2026, 12, 25) } });
  await db.recipient.update({ where: { id: ids.shortextension! }, data: { extensionUntil: endOfVnDay(2026, 12, 18) } });
  await db.recipient.update({ where: { id: ids.removed! }, data: { removedAt: vnInstant(2026, 12, 11, 8) } });
  // Added after the 7-day slot: invited then, reminded only at the later slots.
  const late = await addRecipients(
    db,
    { userId: office.id, role: "office", email: office.email, name: office.name },
    {
      consultationId,
      people: [{ name: "Người mời muộn", title: "Chánh Thanh tra", organization: "Thanh tra thành phố", email: "late@example.gov.vn", group: null }],
    },
    vnInstant(2026, 12, 14, 9),
  );
  if (!late.ok) throw new Error(late.error);
  ids.late = (await db.recipient.findFirstOrThrow({ where: { consultationId, user: { email: "late@example.gov.vn" } } })).id;
});

afterAll(async () => {
  await smtp.close();
});

describe("reminders on a simulated timeline", () => {
  it("go out exactly as the schedule and each recipient's state say, across a restart", async () => {
    const mailer = createMailer({
      SMTP_URL: smtp.url,
      MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>",
      mailboxPath: "/nonexistent",
      APP_URL: "http://portal.test",
    });
    let client = db;
    for (let t = published.getTime(); t <= endOfVnDay(2026, 12, 27).getTime(); t += HOUR) {
      const now = new Date(t);
      if (now >= down.from && now < down.to) continue; // the server is down
      if (t === down.to.getTime()) client = await newClient(); // a new process: no state but the database
      if (now.getTime() === vnInstant(2026, 12, 15, 10).getTime()) {
        await client.recipient.update({ where: { id: ids.agreeslater! }, data: { agreedAt: now } });
      }
      await sweep(client, now);
      await deliverAllDue(client, mailer, { now, workerId: "timeline" });
    }
    mailer.close();

    const reminders = await db.outboxMessage.findMany({ where: { kind: "reminder" }, select: { key: true, sentAt: true, status: true } });
    const k = (who: string, slot: Date) => `reminder:${ids[who]}:${slot.toISOString()}`;
    expect(reminders.map((r) => r.key).sort()).toEqual(
      [
        k("silent", slots.d7),
        k("silent", slots.d3),
        k("silent", slots.d1),
        k("shortextension", slots.d7),
        k("shortextension", slots.d3),
        k("shortextension", slots.d1),
        k("agreeslater", slots.d7),
        k("late", slots.d3),
        k("late", slots.d1),
        `reminder:${ids.longextension}:gia-han:${endOfVnDay(2026, 12, 25).toISOString()}`,
      ].sort(),
    );
    expect(reminders.every((r) => r.status === "sent")).toBe(true);
    // The 3-day slot fell while the server was down: sent once, when it came back.
    expect(reminders.find((r) => r.key === k("silent", slots.d3))!.sentAt).toBeTruthy();
    // Nothing is sent after the deadline but the one reminder before an extension ends.
    const summary = await db.outboxMessage.findMany({ where: { kind: "summary" } });
    expect(summary).toHaveLength(1);

    const arrived = smtp.messages;
    expect(arrived.filter((m) => m.subject!.startsWith("Nhắc góp ý"))).toHaveLength(10);
    const toSilent = arrived.filter((m) => JSON.stringify(m.to).includes("silent@example.gov.vn") && m.subject!.startsWith("Nhắc"));
    expect(toSilent.map((m) => m.subject!.replace(/\d\d\/\d\d\/\d{4}/, "…"))).toEqual([
      "Nhắc góp ý dự thảo Kế hoạch thử nghiệm (hạn 23:59 ngày …, còn 7 ngày 15 giờ)",
      "Nhắc góp ý dự thảo Kế hoạch thử nghiệm (hạn 23:59 ngày …, còn 2 ngày 11 giờ)",
      "Nhắc góp ý dự thảo Kế hoạch thử nghiệm (hạn 23:59 ngày …, còn 1 ngày 15 giờ)",
    ]);
    const extension = arrived.find((m) => JSON.stringify(m.to).includes("longextension@example.gov.vn") && m.subject!.startsWith("Nhắc"))!;
    expect(extension.text).toContain("Hạn góp ý đã được gia hạn cho đồng chí: hết ngày 25/12/2026 (23 giờ 59, giờ Việt Nam)");

    const office = arrived.find((m) => m.subject!.startsWith("Kết quả lấy ý kiến"))!;
    expect(JSON.stringify(office.to)).toContain("vanphong@cantho.example.gov.vn");
    expect(office.text).toContain("- Số cơ quan, cá nhân được xin ý kiến: 7");
    expect(office.text).toContain("- Có ý kiến góp ý: 1");
    expect(office.text).toContain("- Thống nhất với dự thảo: 2");
    expect(office.text).toContain("- Không có ý kiến phản hồi, được xem như thống nhất: 3");
    expect(office.text).toContain("- Đang trong thời gian gia hạn: 1");
    expect(office.text).toContain("Người longExtension (Sở của Người longExtension): hết ngày 25/12/2026");
    if (client !== db) await client.$disconnect();
  }, 120_000);

  it("queues nothing more when swept again at any moment already seen", async () => {
    const before = await db.outboxMessage.count();
    for (const at of [slots.d7, slots.d3, slots.d1, new Date(deadline.getTime() + 1)]) await sweep(db, at);
    expect(await db.outboxMessage.count()).toBe(before);
  });
});
