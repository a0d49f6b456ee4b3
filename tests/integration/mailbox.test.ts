// The local mailbox, for real: the production build started without SMTP_URL writes every email to
// .eml files and the Office reads them at /office/mailbox. Demo people's sign-in mail is shown whole;
// anyone else's code and link are hidden from the Office, and every message opened is audited.
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { createTestConsultation } from "../helpers/fixtures";
import { codeIn, get, post, tokenIn } from "../helpers/http";
import { startServer, useServerDatabase } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const server = await startServer();
afterAll(() => server.stop());
const db = await useServerDatabase(server);
const mailbox = path.join(server.dir, "mailbox");

const REAL = "ngo.thi.that@cantho.gov.vn";
const DEMO = "doan.thi.thu.trang@example.gov.vn";

// A real official, not demo data: invited to a consultation of their own, then asking for a code.
await createTestConsultation(db, { now: new Date(), deadline: new Date(Date.now() + 7 * 86_400_000), recipients: [{ name: "Ngô Thị Thật", email: REAL }] });
for (const email of [REAL, DEMO]) expect((await post(server.url, "/dang-nhap", { intent: "request", email })).status).toBe(200);

/** The message as delivered to the local mailbox, and its .eml file as written on disk. */
async function delivered(toEmail: string, kind: "login" | "invitation") {
  const where = { toEmail, kind, deliveredVia: "local" };
  await expect.poll(() => db.outboxMessage.count({ where }), { timeout: 10_000 }).toBe(1);
  const row = await db.outboxMessage.findFirstOrThrow({ where });
  const eml = await simpleParser(fs.readFileSync(path.join(mailbox, `${row.id}.eml`)));
  return { id: row.id, text: eml.text! };
}

const office = await sessionCookieFor(server, { role: "office" });
const officeId = (await db.user.findFirstOrThrow({ where: { role: "office" } })).id;

async function open(id: string, cookie = office) {
  const r = await get(server.url, `/office/mailbox/${id}`, { cookie });
  return { status: r.status, html: await r.text() };
}

const openedAudits = (id: string) => db.auditEvent.findMany({ where: { event: "mailbox.opened", entityId: id } });

describe("the local mailbox", () => {
  it("hides a real official's sign-in code and link from the Office, and the .eml file keeps them", async () => {
    const login = await delivered(REAL, "login");
    const code = codeIn(login.text);
    const token = tokenIn(login.text);
    const page = await open(login.id);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(code);
    expect(page.html).not.toContain(token);
    expect(page.html).toContain("••••••");
    expect(page.html).toContain("Mã và liên kết đăng nhập trong thư này đã được ẩn");
    expect(page.html).toContain("Kính gửi Ngô Thị Thật");

    const invitation = await delivered(REAL, "invitation");
    const invitationPage = await open(invitation.id);
    expect(invitationPage.html).not.toContain(tokenIn(invitation.text));
    expect(invitationPage.html).toContain("/dang-nhap/xac-nhan?token=••••••");
  });

  it("shows a demo official's code and link whole", async () => {
    const login = await delivered(DEMO, "login");
    const page = await open(login.id);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Mã đăng nhập: ${codeIn(login.text)}`);
    expect(page.html).toContain(tokenIn(login.text));
    expect(page.html).not.toContain("đã được ẩn");
  });

  it("records who opened which message, each time, in the audit log", async () => {
    const login = await delivered(REAL, "login");
    const before = (await openedAudits(login.id)).length;
    await open(login.id);
    await open(login.id);
    const audits = await openedAudits(login.id);
    expect(audits).toHaveLength(before + 2);
    expect(audits.every((a) => a.actorId === officeId && a.entityType === "OutboxMessage")).toBe(true);
    expect(JSON.parse(audits[0]!.payload)).toEqual({ toEmail: REAL, template: "dang-nhap", masked: true });
    const demo = await delivered(DEMO, "login");
    await open(demo.id);
    expect(JSON.parse((await openedAudits(demo.id)).at(-1)!.payload)).toMatchObject({ masked: false });
  });

  it("refuses a recipient and records nothing for them", async () => {
    const login = await delivered(REAL, "login");
    const before = (await openedAudits(login.id)).length;
    const recipient = await sessionCookieFor(server, { email: DEMO });
    expect((await open(login.id, recipient)).status).toBe(403);
    expect((await open("khong-co-thu-nay")).status).toBe(404);
    expect(await openedAudits(login.id)).toHaveLength(before);
  });
});
