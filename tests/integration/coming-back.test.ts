// Coming back and changing one's mind, for real: the production build with two web processes on a
// loopback port, mail at an SMTP server in this process, the reminder sweep run from here on an
// injected clock against the same database, and the database read afterwards.
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { cookieFrom, get, post, sessionIdOf, tokenIn } from "../helpers/http";
import { startServer, useServerDatabase } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { startSmtp } from "../helpers/smtp";

const smtp = await startSmtp();
const server = await startServer({
  SMTP_URL: smtp.url,
  MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>",
  TRUST_PROXY: "1",
  LOAD_DEMO: "never",
  WEB_CONCURRENCY: "2",
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});
const db = await useServerDatabase(server);
const { createMailer } = await import("~/utils/mailer.server");
const { deliverAllDue } = await import("~/server/outbox-worker.server");
const { sweep } = await import("~/models/sweep.server");
const { reminderSlots, parseSchedule } = await import("~/domain/reminders");
const { createTestConsultation } = await import("../helpers/fixtures");
const mailer = createMailer({ SMTP_URL: smtp.url, MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>", mailboxPath: "/nonexistent", APP_URL: server.url });
afterAll(() => mailer.close());

const DAY = 86_400_000;
const people = ["an", "binh", "cuong", "dung", "em"].map((n) => ({ name: `Người ${n}`, email: `${n}@example.gov.vn` }));
const open = (await createTestConsultation(db, { now: new Date(), deadline: new Date(Date.now() + 10 * DAY), recipients: people })).consultationId;
const other = (await createTestConsultation(db, { now: new Date(), deadline: new Date(Date.now() + 10 * DAY), recipients: people.slice(4) })).consultationId;
const page = (id: string) => `/lay-y-kien/${id}`;
// One session each, made before the tests (a describe's body cannot wait for the database).
const cookies = new Map(await Promise.all(people.map(async (p) => [p.email, await sessionCookieFor(server, { email: p.email })] as const)));
const cookie = (name: string) => cookies.get(`${name}@example.gov.vn`)!;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const pageText = async (r: Response) =>
  (await r.text())
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ");

async function deliver(now = new Date()) {
  await deliverAllDue(db, mailer, { now, workerId: "test" });
}

function mailsTo(name: string, subjectStart: string) {
  return smtp.messages.filter((m) => m.subject!.startsWith(subjectStart) && JSON.stringify(m.to).includes(`${name}@example.gov.vn`));
}

/** The invitation as it reached the SMTP server (sent by the server's mail process or by this one). */
async function invitationToken(name: string) {
  await deliver();
  await expect.poll(() => mailsTo(name, "Mời góp ý").length, { timeout: 15_000 }).toBe(1);
  return tokenIn(mailsTo(name, "Mời góp ý")[0]!.text!);
}

describe("an invitation link opened again", () => {
  it("leads its own person, signed in, straight to the consultation, before and after it is spent", async () => {
    const token = await invitationToken("an");
    const signedIn = cookie("an");
    const first = await get(server.url, `/dang-nhap/xac-nhan?token=${token}`, { cookie: signedIn });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(page(open));
    // Nothing was spent by a GET: the link still signs in once.
    expect((await db.loginToken.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } })).usedAt).toBeNull();
    const used = await post(server.url, "/dang-nhap/xac-nhan", { token });
    expect(used.status).toBe(302);
    const again = await get(server.url, `/dang-nhap/xac-nhan?token=${token}`, { cookie: cookieFrom(used) });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(page(open));
    // A stale confirmation form posted again by the same person leads on too, instead of an error.
    const reposted = await post(server.url, "/dang-nhap/xac-nhan", { token }, { cookie: signedIn });
    expect(reposted.status).toBe(303);
  });

  it("opened signed out once spent, says so calmly and offers the email form prefilled", async () => {
    const token = await invitationToken("an");
    const r = await get(server.url, `/dang-nhap/xac-nhan?token=${token}`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).not.toContain('role="alert"');
    expect(html).toContain("đã được dùng để đăng nhập trước đây");
    expect(html).toMatch(/<input[^>]*name="email"[^>]*value="an@example.gov.vn"/);
    expect(html).toContain(`value="${page(open)}"`);
  });

  it("opened while signed in as someone else, explains whose it is and switches nobody until asked", async () => {
    const token = await invitationToken("binh");
    const signedIn = cookie("cuong");
    const r = await get(server.url, `/dang-nhap/xac-nhan?token=${token}`, { cookie: signedIn });
    expect(r.status).toBe(200);
    const text = await pageText(r);
    expect(text).toContain("Liên kết này dành cho địa chỉ binh@example.gov.vn, nhưng đồng chí đang đăng nhập bằng cuong@example.gov.vn");
    expect(text).toContain("Đăng xuất và đăng nhập bằng liên kết này");
    expect(r.headers.get("set-cookie")).toBeNull();
    expect((await db.loginToken.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } })).usedAt).toBeNull();
    const still = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(signedIn) } });
    expect(still.revokedAt).toBeNull();

    // The button: the old session ends, the link's person is signed in.
    const switched = await post(server.url, "/dang-nhap/xac-nhan", { token }, { cookie: signedIn });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe(page(open));
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(cookieFrom(switched)) }, include: { user: true } });
    expect(session.user.email).toBe("binh@example.gov.vn");
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(signedIn) } })).revokedAt).not.toBeNull();
  });
});

const consultation = await db.consultation.findUniqueOrThrow({ where: { id: open } });
const [d7, d3] = reminderSlots(parseSchedule(consultation.reminderSchedule), consultation.deadlineAt);

describe("reminders", () => {
  it("remind again whoever takes back their agreement", async () => {
    expect((await post(server.url, page(open), { intent: "agree", note: "" }, { cookie: cookie("dung") })).status).toBe(303);
    await sweep(db, d7!);
    const keys = async () => (await db.outboxMessage.findMany({ where: { consultationId: open, kind: "reminder" } })).map((m) => m.recipientId);
    const dung = await db.recipient.findFirstOrThrow({ where: { consultationId: open, user: { email: "dung@example.gov.vn" } } });
    expect(await keys()).not.toContain(dung.id);

    const retracted = await post(server.url, page(open), { intent: "retract-agreement" }, { cookie: cookie("dung") });
    expect(retracted.status).toBe(303);
    expect((await db.recipient.findUniqueOrThrow({ where: { id: dung.id } })).agreedAt).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: dung.id, event: "recipient.agreement_retracted" } });
    expect(audit.actorId).toBe(dung.userId);
    await sweep(db, d3!);
    expect(await keys()).toContain(dung.id);
    expect(await db.outboxMessage.count({ where: { key: `reminder:${dung.id}:${d3!.toISOString()}` } })).toBe(1);
  });

  it("each carry their own link, which signs in once and then no more", async () => {
    await deliver(d3!);
    const reminders = mailsTo("cuong", "Nhắc góp ý");
    expect(reminders).toHaveLength(2);
    expect(reminders[0]!.text).toContain("Liên kết trên dành riêng cho đồng chí");
    const [older, newer] = reminders.map((m) => tokenIn(m.text!));
    expect(older).not.toBe(newer);
    const row = await db.loginToken.findUniqueOrThrow({ where: { tokenHash: tokenHash(older!) } });
    expect(row.purpose).toBe("reminder");
    // Only the hash is stored.
    expect(JSON.stringify(row)).not.toContain(older);

    for (const token of [older!, newer!]) {
      const used = await post(server.url, "/dang-nhap/xac-nhan", { token }, { ip: "198.51.100.7" });
      expect(used.status).toBe(302);
      expect(used.headers.get("location")).toBe(page(open));
      const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(cookieFrom(used)) }, include: { user: true } });
      expect(session.user.email).toBe("cuong@example.gov.vn");
      const second = await post(server.url, "/dang-nhap/xac-nhan", { token });
      expect(second.status).toBe(400);
      expect(second.headers.get("set-cookie")).toBeNull();
    }
  });
});

describe("withdrawing and restoring a comment", () => {
  const em = cookie("em");
  const events = async (id: string) =>
    (await server.db.all<{ event: string }>(`SELECT event FROM "AuditEvent" WHERE "entityId" = ? ORDER BY ${server.db.insertionOrder}`, id)).map(
      (e) => e.event,
    );

  async function commentOn(consultationId: string, text: string) {
    expect((await post(server.url, page(consultationId), { intent: "comment", target: "", text }, { cookie: em })).status).toBe(303);
    return (await db.comment.findFirstOrThrow({ where: { consultationId, bodyText: text } })).id;
  }

  it("withdraws, restores as it was, and withdraws again, each audited", async () => {
    const id = await commentOn(open, "Đề nghị làm rõ nguồn kinh phí.");
    const before = await db.comment.findUniqueOrThrow({ where: { id } });
    for (const intent of ["withdraw", "restore", "withdraw"]) {
      const r = await post(server.url, page(open), { intent, commentId: id }, { cookie: em });
      expect(r.status).toBe(303);
      expect(r.headers.get("location")).toBe(`${page(open)}#y-kien-${id}`);
    }
    expect(await events(id)).toEqual(["comment.created", "comment.withdrawn", "comment.restored", "comment.withdrawn"]);
    const html = await (await get(server.url, page(open), { cookie: em })).text();
    expect(html).toContain("Khôi phục góp ý");
    expect((await post(server.url, page(open), { intent: "restore", commentId: id }, { cookie: em })).status).toBe(303);
    const after = await db.comment.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual({ ...before, withdrawnAt: null });
  });

  it("refuses a comment of another consultation posted to this one's page", async () => {
    const id = await commentOn(other, "Ý kiến ở đợt khác.");
    const r = await post(server.url, page(open), { intent: "withdraw", commentId: id }, { cookie: em });
    expect(r.status).toBe(404);
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).withdrawnAt).toBeNull();
  });

  it("refuses to restore or take back an agreement after the deadline, and changes nothing", async () => {
    const id = await commentOn(other, "Ý kiến sẽ rút trước hạn.");
    expect((await post(server.url, page(other), { intent: "withdraw", commentId: id }, { cookie: em })).status).toBe(303);
    expect((await post(server.url, page(other), { intent: "agree", note: "" }, { cookie: em })).status).toBe(303);
    await db.consultation.update({ where: { id: other }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const withdrawnAt = (await db.comment.findUniqueOrThrow({ where: { id } })).withdrawnAt;
    const restore = await post(server.url, page(other), { intent: "restore", commentId: id }, { cookie: em });
    expect(restore.status).toBe(403);
    expect(await pageText(restore)).toContain("Đã hết hạn góp ý của đồng chí, nên không thể khôi phục góp ý nữa.");
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).withdrawnAt).toEqual(withdrawnAt);
    const retract = await post(server.url, page(other), { intent: "retract-agreement" }, { cookie: em });
    expect(retract.status).toBe(403);
    expect(await pageText(retract)).toContain("không thể rút lại ý kiến thống nhất nữa");
    expect(await db.recipient.count({ where: { consultationId: other, agreedAt: { not: null } } })).toBe(1);
    expect(await events(id)).not.toContain("comment.restored");
  });

  it("ends consistent when withdraw and restore of one comment arrive at both web processes at once", async () => {
    const id = await commentOn(open, "Ý kiến bị rút và khôi phục cùng lúc.");
    const sent = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(server.url, page(open), { intent: i % 2 ? "restore" : "withdraw", commentId: id }, { cookie: em })),
    );
    expect(sent.map((r) => r.status)).toEqual(sent.map(() => 303));
    const changes = (await events(id)).slice(1);
    // Each change recorded is a real one: never two withdrawals or two restorations in a row.
    expect(changes).toEqual(changes.map((_, i) => (i % 2 ? "comment.restored" : "comment.withdrawn")));
    const withdrawn = (await db.comment.findUniqueOrThrow({ where: { id } })).withdrawnAt !== null;
    expect(withdrawn).toBe(changes.at(-1) === "comment.withdrawn");
  });

  it("count for the Office as answered only while a comment stands", async () => {
    const office = await db.user.create({ data: { email: "vanphong@example.gov.vn", name: "Văn phòng", role: "office" } });
    const officeCookie = await sessionCookieFor(server, { email: office.email });
    const progress = async () => {
      const html = await pageText(await get(server.url, "/office", { cookie: officeCookie }));
      return /Đã trả lời\s*(\d+)\/5 /.exec(html)?.[1];
    };
    const mine = await db.comment.findMany({ where: { consultationId: open, author: { email: "em@example.gov.vn" }, withdrawnAt: null } });
    expect(mine.length).toBeGreaterThan(0);
    expect(await progress()).toBe("1");
    for (const c of mine) expect((await post(server.url, page(open), { intent: "withdraw", commentId: c.id }, { cookie: em })).status).toBe(303);
    expect(await progress()).toBe("0");
    expect((await post(server.url, page(open), { intent: "restore", commentId: mine[0]!.id }, { cookie: em })).status).toBe(303);
    expect(await progress()).toBe("1");
  });
});
