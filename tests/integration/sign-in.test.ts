// Signing in, for real: the production build on a loopback port sending its mail to an SMTP server
// in this process, people and attackers posting the sign-in forms from their own IPs, and the
// database read afterwards.
import type { ParsedMail } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { codeIn, cookieFrom, type From, get, post, sessionIdOf, tokenIn } from "../helpers/http";
import { startServer, useServerDatabase } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { startSmtp } from "../helpers/smtp";

const smtp = await startSmtp();
const server = await startServer({ SMTP_URL: smtp.url, MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>", TRUST_PROXY: "1" });
afterAll(async () => {
  await server.stop();
  await smtp.close();
});
// This process reads the same database the server uses.
const db = await useServerDatabase(server);
const origin = new URL(server.url).origin;

const LOGIN_SUBJECT = "Đăng nhập Cổng góp ý dự thảo văn bản";

/** Asks for a sign-in email and waits for it to reach the SMTP server. */
async function requestMail(email: string, from: From, tiep?: string): Promise<ParsedMail> {
  await outboxDelivered(); // so the mail found below is this request's, not an earlier one arriving late
  const before = smtp.messages.length;
  const r = await requestCode(email, from, tiep);
  expect(r.status).toBe(200);
  return waitForLoginMail(email, before);
}

function requestCode(email: string, from: From, tiep?: string) {
  return post(server.url, "/dang-nhap", { intent: "request", email, ...(tiep === undefined ? {} : { tiep }) }, from);
}

/** Every queued message has reached the SMTP server (a row is marked sent after the server took it). */
async function outboxDelivered() {
  await expect.poll(() => db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }), { timeout: 10_000 }).toBe(0);
}

async function waitForLoginMail(email: string, after: number): Promise<ParsedMail> {
  const until = Date.now() + 10_000;
  for (;;) {
    const mail = smtp.messages.slice(after).find((m) => m.subject === LOGIN_SUBJECT && JSON.stringify(m.to).includes(email));
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`no sign-in mail for ${email}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function enterCode(email: string, code: string, from: From, tiep?: string) {
  return post(server.url, "/dang-nhap", { intent: "code", email, code, ...(tiep === undefined ? {} : { tiep }) }, from);
}

function confirmLink(token: string, from: From = {}) {
  return post(server.url, "/dang-nhap/xac-nhan", { token }, from);
}

async function signIn(email: string, from: From): Promise<string> {
  const mail = await requestMail(email, from);
  const r = await enterCode(email, codeIn(mail.text!), from);
  expect(r.status).toBe(302);
  return cookieFrom(r);
}

/** Where a browser lands after this redirect: it must be the portal. */
function expectOnPortal(r: Response) {
  expect(r.status).toBe(302);
  const location = r.headers.get("location")!;
  expect(location.startsWith("//")).toBe(false);
  expect(new URL(location, server.url).origin).toBe(origin);
}

async function tokenRow(token: string) {
  const { createHash } = await import("node:crypto");
  return db.loginToken.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
}

/** What is on a page for a reader, near enough: tags and React's separators gone. */
async function pageText(r: Response) {
  return (await r.text()).replaceAll("<!-- -->", "").replace(/<[^>]+>/g, " ");
}

const HOSTILE_TIEP: [string, string][] = [
  ["a tab", "/\t/evil.example"],
  ["a tab and a backslash", "/\t\\evil.example"],
  ["two slashes", "//evil.example"],
  ["a dot segment and two slashes", "/.//evil.example"],
  ["an absolute address", "https://evil.example/"],
  ["CR and LF", "/lay-y-kien\r\nSet-Cookie: bi=chiem"],
  ["a character outside Latin-1", "/góp-ý/dự-thảo"],
  ["10,000 characters", `/${"a".repeat(10_000)}`],
];

describe("where a sign-in leads (tiep)", () => {
  it.each(HOSTILE_TIEP)("a signed-in person sent to /dang-nhap with %s stays on the portal", async (_name, tiep) => {
    const cookie = await sessionCookieFor(server, { email: "dang.van.luc@example.gov.vn" });
    expectOnPortal(await get(server.url, `/dang-nhap?tiep=${encodeURIComponent(tiep)}`, { cookie }));
  });

  it.each(HOSTILE_TIEP)("the emailed link of a request made with %s signs in, spends its token and stays on the portal", async (_name, tiep) => {
    const from = { ip: `203.0.113.${HOSTILE_TIEP.findIndex(([, t]) => t === tiep) + 1}` };
    const mail = await requestMail("lam.van.hoa@example.gov.vn", from, tiep);
    const token = tokenIn(mail.text!);
    expect((await tokenRow(token)).usedAt).toBeNull();
    const r = await confirmLink(token, from);
    expectOnPortal(r);
    expect((await get(server.url, "/office", { cookie: cookieFrom(r) })).status).toBe(403); // signed in, as a recipient
    expect((await tokenRow(token)).usedAt).not.toBeNull();
    expect((await confirmLink(token, from)).status).toBe(400);
  });

  it.each(HOSTILE_TIEP)("the code with %s signs in and stays on the portal", async (_name, tiep) => {
    const from = { ip: `203.0.114.${HOSTILE_TIEP.findIndex(([, t]) => t === tiep) + 1}` };
    const mail = await requestMail("lam.van.hoa@example.gov.vn", from);
    const r = await enterCode("lam.van.hoa@example.gov.vn", codeIn(mail.text!), from, tiep);
    expectOnPortal(r);
    expect((await tokenRow(tokenIn(mail.text!))).usedAt).not.toBeNull();
  });

  it("keeps a path on the portal, and an invitation's link still opens its consultation", async () => {
    const from = { ip: "203.0.115.1" };
    const demo = await db.consultation.findFirstOrThrow({ where: { isDemo: true, deadlineAt: { gt: new Date() } } });
    const mail = await requestMail("tran.thi.my.hanh@example.gov.vn", from, `/lay-y-kien/${demo.id}#phan-ii`);
    const r = await confirmLink(tokenIn(mail.text!), from);
    expect(r.headers.get("location")).toBe(`/lay-y-kien/${demo.id}#phan-ii`);

    const invitation = smtp.messages.find((m) => m.subject!.startsWith("Mời góp ý") && JSON.stringify(m.to).includes("kieu.van.sang@example.gov.vn"))!;
    const opened = await confirmLink(tokenIn(invitation.text!), from);
    expect(opened.headers.get("location")).toBe(`/lay-y-kien/${demo.id}`);
  });
});

describe("codes", () => {
  it("only the newest code of a person works", async () => {
    const from = { ip: "198.51.100.1" };
    const older = await requestMail("vo.quoc.bao@example.gov.vn", from);
    const newer = await requestMail("vo.quoc.bao@example.gov.vn", from);
    expect(codeIn(older.text!)).not.toBe(codeIn(newer.text!)); // one chance in a million to be equal
    const refused = await enterCode("vo.quoc.bao@example.gov.vn", codeIn(older.text!), from);
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("Mã hoặc liên kết đăng nhập không đúng");
    expect((await enterCode("vo.quoc.bao@example.gov.vn", codeIn(newer.text!), from)).status).toBe(302);
  });

  it("stops taking codes for an address after ten wrong ones in a day, while the emailed link still signs in", async () => {
    const email = "pham.ngoc.lan@example.gov.vn";
    const attacker = { ip: "198.51.100.66" };
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    for (let round = 0; round < 2; round++) {
      const code = codeIn((await requestMail(email, attacker)).text!);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
      for (let i = 0; i < 5; i++) expect((await enterCode(email, wrong, attacker)).status).toBe(400);
    }
    const sessionsBefore = await db.session.count({ where: { userId: user.id } });
    const victim = { ip: "192.0.2.10" };
    const mail = await requestMail(email, victim);
    const capped = await enterCode(email, codeIn(mail.text!), victim);
    expect(capped.status).toBe(400);
    expect(await pageText(capped)).toContain("nhập sai mã quá nhiều lần trong 24 giờ qua");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    // The refused right code did not spend the token: the link in the same mail signs in.
    const r = await confirmLink(tokenIn(mail.text!), victim);
    expect(r.status).toBe(302);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore + 1);
  });
});

describe("request limits", () => {
  it("let the person ask for a code after an attacker spent the address's budget from another IP", async () => {
    const email = "thach.so.phi@example.gov.vn";
    const attacker = { ip: "198.51.100.77" };
    for (let i = 0; i < 5; i++) expect((await requestCode(email, attacker)).status).toBe(200);
    const refused = await requestCode(email, attacker);
    expect(refused.status).toBe(429);
    expect(await pageText(refused)).toContain("quá nhiều yêu cầu đăng nhập");
    const victim = { ip: "192.0.2.20" };
    const mail = await requestMail(email, victim);
    expect((await enterCode(email, codeIn(mail.text!), victim)).status).toBe(302);
  });

  it("hold an address against many IPs, except one the person has signed in from", async () => {
    const email = "huynh.minh.khoa@example.gov.vn";
    const desk = { ip: "192.0.2.30" };
    await signIn(email, desk);
    const statuses: number[] = [];
    for (let n = 1; n <= 7; n++) for (let i = 0; i < 5; i++) statuses.push((await requestCode(email, { ip: `198.18.0.${n}` })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(29); // 30 in 15 minutes, the desk's included
    expect((await requestCode(email, { ip: "198.18.1.1" })).status).toBe(429);
    const mail = await requestMail(email, desk);
    expect((await enterCode(email, codeIn(mail.text!), desk)).status).toBe(302);
  });
});

describe("sessions", () => {
  it("record the IP and the browser they were opened from", async () => {
    const email = "le.hoang.phuc@example.gov.vn";
    const byCode = await signIn(email, { ip: "192.0.2.40", userAgent: "PortalTest/1.0 (ma)" });
    const mail = await requestMail(email, { ip: "192.0.2.41" });
    const byLink = cookieFrom(await confirmLink(tokenIn(mail.text!), { ip: "192.0.2.42", userAgent: "PortalTest/1.0 (lien-ket)" }));
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(byCode) } })).toMatchObject({ ip: "192.0.2.40", userAgent: "PortalTest/1.0 (ma)" });
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(byLink) } })).toMatchObject({
      ip: "192.0.2.42",
      userAgent: "PortalTest/1.0 (lien-ket)",
    });
  });

  it("note when they were last seen, at most every few minutes", async () => {
    const cookie = await signIn("nguyen.thanh.tung@example.gov.vn", { ip: "192.0.2.50" });
    const id = sessionIdOf(cookie);
    const recent = new Date(Date.now() - 60_000);
    await db.session.update({ where: { id }, data: { lastSeenAt: recent } });
    await get(server.url, "/", { cookie });
    await new Promise((r) => setTimeout(r, 300));
    expect((await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(recent);
    const stale = new Date(Date.now() - 10 * 60_000);
    await db.session.update({ where: { id }, data: { lastSeenAt: stale } });
    const before = Date.now();
    await get(server.url, "/", { cookie });
    await expect.poll(async () => (await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });
});

describe("the Office's sessions", () => {
  const PAGE = "/office/phien-dang-nhap";

  it("are refused to the signed-out and to a recipient", async () => {
    const anonymous = await get(server.url, PAGE);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/dang-nhap?tiep=${encodeURIComponent(PAGE)}`);
    const recipient = await sessionCookieFor(server, { email: "chau.thi.kim.ngan@example.gov.vn" });
    expect((await get(server.url, PAGE, { cookie: recipient })).status).toBe(403);
    expect((await post(server.url, PAGE, { intent: "revoke", phien: sessionIdOf(recipient) }, { cookie: recipient })).status).toBe(403);
    expect((await post(server.url, PAGE, { intent: "revoke", phien: sessionIdOf(recipient) })).status).toBe(302);
  });

  it("are listed with IP, browser and times, and one can be ended; another person's cannot", async () => {
    const office = "van.phong@example.gov.vn";
    const laptop = await signIn(office, { ip: "192.0.2.60", userAgent: "PortalTest/1.0 (may-xach-tay)" });
    const desktop = await signIn(office, { ip: "192.0.2.61", userAgent: "PortalTest/1.0 (may-ban)" });
    const page = await get(server.url, PAGE, { cookie: laptop });
    expect(page.status).toBe(200);
    const text = await pageText(page);
    for (const s of [
      "192.0.2.60",
      "192.0.2.61",
      "PortalTest/1.0 (may-xach-tay)",
      "PortalTest/1.0 (may-ban)",
      "(phiên đang dùng)",
      "Đăng nhập lúc",
      "Hoạt động gần nhất",
    ])
      expect(text).toContain(s);

    const ended = await post(server.url, PAGE, { intent: "revoke", phien: sessionIdOf(desktop) }, { cookie: laptop });
    expect(ended.status).toBe(303);
    expect((await get(server.url, "/office", { cookie: desktop })).status).toBe(302);
    expect((await get(server.url, "/office", { cookie: laptop })).status).toBe(200);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { event: "session.revoked", entityId: sessionIdOf(desktop) } });
    expect(audit.actorId).toBe((await db.user.findUniqueOrThrow({ where: { email: office } })).id);

    const someoneElse = await sessionCookieFor(server, { email: "chau.thi.kim.ngan@example.gov.vn" });
    const refused = await post(server.url, PAGE, { intent: "revoke", phien: sessionIdOf(someoneElse) }, { cookie: laptop });
    expect(refused.status).toBe(404);
    expect(await pageText(refused)).toContain("Không tìm thấy phiên đăng nhập này");
    expect((await get(server.url, "/", { cookie: someoneElse })).status).toBe(200);
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(someoneElse) } })).revokedAt).toBeNull();

    const bad = await post(server.url, PAGE, { intent: "revoke", phien: "không phải mã phiên" }, { cookie: laptop });
    expect(bad.status).toBe(400);
    expect(await pageText(bad)).toContain("Yêu cầu không hợp lệ");
  });

  it("can all be ended but the one in use", async () => {
    const office = "van.phong@example.gov.vn";
    const here = await signIn(office, { ip: "192.0.2.70" });
    const elsewhere = await signIn(office, { ip: "192.0.2.71" });
    const r = await post(server.url, PAGE, { intent: "revoke-others" }, { cookie: here });
    expect(r.status).toBe(200);
    expect(await pageText(r)).toMatch(/Đã kết thúc \d+ phiên khác/);
    expect((await get(server.url, "/office", { cookie: elsewhere })).status).toBe(302);
    expect((await get(server.url, "/office", { cookie: here })).status).toBe(200);
  });
});

describe("where a sign-in leads without a tiep", () => {
  it("the Office lands on its own pages, by code (the form's empty tiep) and by link", async () => {
    const office = "van.phong@example.gov.vn";
    const mail = await requestMail(office, { ip: "192.0.2.90" }, "");
    const byCode = await enterCode(office, codeIn(mail.text!), { ip: "192.0.2.90" }, "");
    expect(byCode.status).toBe(302);
    expect(byCode.headers.get("location")).toBe("/office");
    expect((await get(server.url, "/dang-nhap", { cookie: cookieFrom(byCode) })).headers.get("location")).toBe("/office");
    const link = await requestMail(office, { ip: "192.0.2.91" });
    const byLink = await confirmLink(tokenIn(link.text!), { ip: "192.0.2.91" });
    expect(byLink.headers.get("location")).toBe("/office");
  });

  it("an official keeps landing on the list of drafts", async () => {
    const official = "lam.van.hoa@example.gov.vn";
    const mail = await requestMail(official, { ip: "192.0.2.92" }, "");
    const r = await enterCode(official, codeIn(mail.text!), { ip: "192.0.2.92" }, "");
    expect(r.headers.get("location")).toBe("/");
  });
});
