// An official who sends three comments in a few minutes gets one receipt listing the three, once
// the quiet period after the last one is over; a comment after the digest went out opens another.
// The comments are stored by the real model function, the worker delivers to a real SMTP server.
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";
import { startSmtp } from "../helpers/smtp";

const { db } = await useFreshDatabase();
const { createMailer } = await import("~/utils/mailer.server");
const { deliverAllDue } = await import("~/server/outbox-worker.server");
const { createComment } = await import("~/models/response.server");
const { RECEIPT_QUIET_MS, RECEIPT_MAX_WAIT_MS, RECEIPT_MAX_ITEMS } = await import("~/models/receipt.server");

const smtp = await startSmtp();
afterAll(() => smtp.close());
const mailer = createMailer({
  SMTP_URL: smtp.url,
  MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>",
  mailboxPath: "/nonexistent",
  APP_URL: "http://portal.test",
});
afterAll(() => mailer.close());

const t0 = new Date();
const people = [{ name: "Người An", email: "an@example.gov.vn", title: "Giám đốc Sở An" }];
const { consultationId } = await createTestConsultation(db, { now: t0, deadline: new Date(t0.getTime() + 7 * 86_400_000), recipients: people });
const user = await db.user.findUniqueOrThrow({ where: { email: "an@example.gov.vn" } });
const viewer = { userId: user.id, role: "recipient" as const, email: user.email, name: user.name };

const at = (ms: number) => new Date(t0.getTime() + ms);
const minute = 60_000;
const comment = async (text: string, when: Date) => {
  const r = await createComment(db, viewer, { consultationId, scope: "general", text }, when);
  expect(r.ok).toBe(true);
};
const deliver = (now: Date) => deliverAllDue(db, mailer, { now, workerId: "test" });
const receiptsArrived = (n: number) => expect.poll(() => receiptsTo().length, { timeout: 10_000 }).toBe(n);
// The invitation goes out first, so that what is delivered below is receipts alone.
await deliver(t0);
await smtp.waitFor(1);
const receiptsTo = () => smtp.messages.filter((m) => m.subject?.startsWith("Đã nhận ý kiến") && JSON.stringify(m.to).includes("an@example.gov.vn"));

describe("receipts for comments", () => {
  it("sends one digest for three comments in two minutes, after the quiet period", async () => {
    await comment("Ý kiến thứ nhất.", at(0));
    await comment("Ý kiến thứ hai.", at(minute));
    await comment("Ý kiến thứ ba.", at(2 * minute));
    expect((await deliver(at(2 * minute + RECEIPT_QUIET_MS - 1000))).sent).toEqual([]); // still quiet
    const sent = await deliver(at(2 * minute + RECEIPT_QUIET_MS));
    expect(sent.sent).toHaveLength(1);
    await receiptsArrived(1);
    const [mail] = receiptsTo();
    expect(mail!.subject).toBe("Đã nhận ý kiến của đồng chí về dự thảo Kế hoạch thử nghiệm");
    expect(mail!.text).toContain("Văn phòng đã nhận 3 ý kiến sau của đồng chí");
    for (const text of ["Ý kiến thứ nhất.", "Ý kiến thứ hai.", "Ý kiến thứ ba."]) expect(mail!.text!.split(text)).toHaveLength(2);
  });

  it("opens a new digest for a comment after the last one went out", async () => {
    await comment("Ý kiến thứ tư.", at(20 * minute));
    await deliver(at(20 * minute + RECEIPT_QUIET_MS));
    await receiptsArrived(2);
    const last = receiptsTo().at(-1)!;
    expect(last.text).toContain("Ý kiến thứ tư.");
    expect(last.text).not.toContain("Ý kiến thứ ba.");
    expect(await db.outboxMessage.count({ where: { kind: "receipt", status: "sent" } })).toBe(2);
  });

  it("does not wait past the longest window for someone who never pauses", async () => {
    const start = 60 * minute;
    for (let m = 0; m * 4 * minute <= RECEIPT_MAX_WAIT_MS + 8 * minute; m++) await comment(`Liên tục ${m}.`, at(start + m * 4 * minute));
    const row = await db.outboxMessage.findUniqueOrThrow({
      where: { key: `receipt:${(await db.recipient.findFirstOrThrow({ where: { consultationId } })).id}:open` },
    });
    expect(row.nextAttemptAt.getTime()).toBe(at(start + RECEIPT_MAX_WAIT_MS).getTime());
  });

  it("lists the first comments of a long burst and counts the rest, each comment costing the same", async () => {
    const start = 200 * minute;
    await deliver(at(start)); // the digest of the test before
    const before = receiptsTo().length;
    const burst = RECEIPT_MAX_ITEMS + 3;
    for (let i = 0; i < burst; i++) await comment(`Đợt ${i}.`, at(start + i * 1000));
    // One digest, its row as it was opened: the comments name it, nothing is appended to it.
    const rows = await db.outboxMessage.findMany({ where: { kind: "receipt", createdAt: { gte: at(start) } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toMatch(/:open$/);
    expect(JSON.parse(rows[0]!.props).items).toEqual([]);
    expect(await db.comment.count({ where: { receiptId: rows[0]!.id } })).toBe(burst);
    expect((await deliver(at(start + burst * 1000 + RECEIPT_QUIET_MS))).sent).toHaveLength(1);
    await receiptsArrived(before + 1);
    const mail = receiptsTo().at(-1)!;
    expect(mail.text).toContain(
      `Văn phòng đã nhận ${burst} ý kiến của đồng chí đối với dự thảo Kế hoạch thử nghiệm; dưới đây là ${RECEIPT_MAX_ITEMS} ý kiến đầu tiên:`,
    );
    expect(mail.text).toContain("Đợt 0.");
    expect(mail.text).toContain(`Đợt ${RECEIPT_MAX_ITEMS - 1}.`);
    expect(mail.text).not.toContain(`Đợt ${RECEIPT_MAX_ITEMS}.`);
    expect(mail.text).toContain("Và 3 ý kiến khác: xem đầy đủ trên cổng.");
  });

  it("closes the digest as the worker claims it, so a comment meanwhile opens the next one", async () => {
    const start = 400 * minute;
    await comment("Trước khi gửi.", at(start));
    const recipient = await db.recipient.findFirstOrThrow({ where: { consultationId } });
    const open = await db.outboxMessage.findUniqueOrThrow({ where: { key: `receipt:${recipient.id}:open` } });
    const { claimDue } = await import("~/db/outbox-claim");
    const due = at(start + RECEIPT_QUIET_MS);
    const [claimed] = await claimDue(db, { now: due, workerId: "test", limit: 10, lease: at(0) });
    expect(claimed).toMatchObject({ id: open.id, key: `receipt:${recipient.id}:${open.id}` });
    await comment("Trong lúc đang gửi.", due);
    const next = await db.outboxMessage.findUniqueOrThrow({ where: { key: `receipt:${recipient.id}:open` } });
    expect(next.id).not.toBe(open.id);
    const { withCommentItems } = await import("~/models/receipt.server");
    const texts = async (m: typeof open) => (await withCommentItems(db, m, JSON.parse(m.props))).items.map((i) => i.text);
    expect(await texts(open)).toEqual(["Trước khi gửi."]);
    expect(await texts(next)).toEqual(["Trong lúc đang gửi."]);
  });

  it("opens a new digest after one the Office marked sent without a claim (the demo does)", async () => {
    const start = 500 * minute;
    const recipient = await db.recipient.findFirstOrThrow({ where: { consultationId } });
    const key = `receipt:${recipient.id}:open`;
    await db.outboxMessage.update({ where: { key }, data: { status: "sent" } });
    await comment("Sau thư đã gửi.", at(start));
    const next = await db.outboxMessage.findUniqueOrThrow({ where: { key } });
    expect(next.status).toBe("pending");
    expect(await db.comment.count({ where: { receiptId: next.id } })).toBe(1);
  });
});
