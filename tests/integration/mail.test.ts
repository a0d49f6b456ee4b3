// Invitations, sign-in links and the outbox against a real SMTP server on loopback and a real
// SQLite file.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const { db, databaseUrl } = await useFreshDatabase();
const { createMailer } = await import("~/utils/mailer.server");
const { deliverAllDue } = await import("~/server/outbox-worker.server");
const { enqueue } = await import("~/models/outbox.server");
const { email } = await import("../../emails");
const { defaultProps: summaryDefaults } = await import("../../emails/summary");
const { endOfVnDay } = await import("~/domain/time");
const confirmRoute = await import("~/routes/dang-nhap_.xac-nhan");
const signInRoute = await import("~/routes/dang-nhap");
const { sessionCookie } = await import("~/utils/session.server");

let smtp: TestSmtp;
const mailerFor = (url: string) =>
  createMailer({ SMTP_URL: url, MAIL_FROM: "Cổng góp ý <no-reply@cantho.example.gov.vn>", mailboxPath: "/nonexistent", APP_URL: "http://portal.test" });

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

const drain = (mailer: ReturnType<typeof createMailer>, now: Date, workerId = "test") => deliverAllDue(db, mailer, { now, workerId });

function linkIn(text: string): string {
  const m = /(http:\/\/portal\.test\/dang-nhap\/xac-nhan\?token=[A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no sign-in link in:\n${text}`);
  return m[1]!;
}

async function confirm(token: string) {
  const body = new FormData();
  body.set("token", token);
  const request = new Request("http://portal.test/dang-nhap/xac-nhan", { method: "POST", body });
  return (await confirmRoute.action({ request, params: {}, context: {} })) as Response;
}

describe("invitations", () => {
  it("arrive with the letter's subject, the deadline in words, the silence notice and a link that signs in once", async () => {
    const now = new Date();
    const deadline = endOfVnDay(2099, 12, 6);
    const { consultationId } = await createTestConsultation(db, {
      now,
      deadline,
      recipients: [
        { name: "Trần Văn Mời", email: "tran.van.moi@example.gov.vn", title: "Giám đốc Sở Y tế" },
        { name: "Lê Thị Hai", email: "le.thi.hai@example.gov.vn" },
      ],
    });
    const recipients = await db.recipient.findMany({ where: { consultationId } });
    expect(recipients.every((r) => r.invitedAt)).toBe(true);

    const mailer = mailerFor(smtp.url);
    const before = smtp.messages.length;
    const delivered = await drain(mailer, now);
    mailer.close();
    expect(delivered.sent.sort()).toEqual(recipients.map((r) => `invitation:${r.id}`).sort());
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    const mail = mails.find((m) => m.to && JSON.stringify(m.to).includes("tran.van.moi@example.gov.vn"))!;
    expect(mail.subject).toBe("Mời góp ý dự thảo Kế hoạch thử nghiệm (hạn 23:59 ngày 06/12/2099)");
    expect(mail.text).toContain("Kính gửi đồng chí Trần Văn Mời, Giám đốc Sở Y tế");
    expect(mail.text).toContain("Hạn góp ý: hết ngày 6/12/2099 (23 giờ 59, giờ Việt Nam).");
    expect(mail.text).toContain("được xem như thống nhất với dự thảo");
    expect(mail.html).toContain("Mở dự thảo và góp ý");

    const token = new URL(linkIn(mail.text!)).searchParams.get("token")!;
    const first = await confirm(token);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/lay-y-kien/${consultationId}`);
    const sessionId = await sessionCookie.parse(first.headers.get("Set-Cookie"));
    expect(sessionId).toEqual(expect.any(String));
    // The database keeps only a hash of the session id and of the token.
    expect(await db.session.count({ where: { id: sessionId } })).toBe(0);
    expect(await db.loginToken.count({ where: { tokenHash: token } })).toBe(0);

    const second = await confirm(token);
    expect(second.status).toBe(400);
    expect((await second.json()).error).toMatch(/đã được dùng/);
  });

  it("refuses an expired link", async () => {
    const { issueToken } = await import("~/models/auth.server");
    const user = await db.user.findUniqueOrThrow({ where: { email: "le.thi.hai@example.gov.vn" } });
    const issued = await db.$transaction((tx) =>
      issueToken(tx, { userId: user.id, purpose: "login", now: new Date(Date.now() - 16 * 60_000), ttlMs: 15 * 60_000 }),
    );
    const r = await confirm(issued.token);
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(/hết hạn/);
  });
});

describe("signing in by email", () => {
  async function requestCode(email: string, ip = "127.0.0.9") {
    const body = new FormData();
    body.set("intent", "request");
    body.set("email", email);
    const request = new Request("http://portal.test/dang-nhap", { method: "POST", body });
    return signInRoute.action({ request, params: {}, context: { ip } });
  }
  async function enterCode(email: string, code: string) {
    const body = new FormData();
    body.set("intent", "code");
    body.set("email", email);
    body.set("code", code);
    const request = new Request("http://portal.test/dang-nhap", { method: "POST", body });
    return signInRoute.action({ request, params: {}, context: { ip: "127.0.0.9" } }) as Promise<Response | object>;
  }

  it("answers an unknown address exactly as a known one, and sends nothing to it", async () => {
    const before = await db.outboxMessage.count({ where: { kind: "login" } });
    const known = await requestCode("le.thi.hai@example.gov.vn");
    const unknown = await requestCode("khong.co.ai@example.gov.vn");
    expect(unknown).toEqual({ ...(known as object), email: "khong.co.ai@example.gov.vn" });
    expect(await db.outboxMessage.count({ where: { kind: "login" } })).toBe(before + 1);
  });

  it("signs in with the 6-digit code from the mail, once", async () => {
    const mailer = mailerFor(smtp.url);
    const before = smtp.messages.length;
    await requestCode("tran.van.moi@example.gov.vn", "127.0.0.10");
    await drain(mailer, new Date());
    mailer.close();
    const mail = (await smtp.waitFor(before + 1)).slice(before).find((m) => JSON.stringify(m.to).includes("tran.van.moi@example.gov.vn"))!;
    expect(mail.subject).toBe("Đăng nhập Cổng góp ý dự thảo văn bản");
    const code = /Mã đăng nhập: (\d{6})/.exec(mail.text!)![1]!;
    const ok = (await enterCode("Tran.Van.Moi@example.gov.vn", code)) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toMatch(/^__session=/);
    const again = (await enterCode("tran.van.moi@example.gov.vn", code)) as Response;
    expect(again.status).toBe(400);
  });

  it("stops guessing after five wrong codes", async () => {
    await requestCode("le.thi.hai@example.gov.vn", "127.0.0.11");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ((await enterCode("le.thi.hai@example.gov.vn", "000000")) as Response).json());
    expect(answers.at(-1).error).toMatch(/sai mã quá nhiều lần/);
  });

  it("limits requests per address from one IP with a clear message", async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await requestCode("gioi.han@example.gov.vn", "10.0.0.1"));
    const last = results.at(-1) as Response;
    expect(last.status).toBe(429);
    expect((await last.json()).error).toMatch(/quá nhiều yêu cầu đăng nhập/);
  });
});

describe("the outbox", () => {
  // Each case counts what it queued itself.
  beforeEach(async () => {
    await db.outboxMessage.deleteMany({});
  });

  function messages(prefix: string, n: number) {
    return Array.from({ length: n }, (_, i) => ({
      key: `${prefix}:${i}`,
      kind: "summary" as const,
      toEmail: `nguoi.${i}@example.gov.vn`,
      content: email("tong-hop-sau-han", { ...summaryDefaults, consultationTitle: `Thư ${prefix} ${i}` }),
      subject: `Kết quả lấy ý kiến dự thảo Thư ${prefix} ${i}`,
    }));
  }

  it("queues a logical message once, however often it is asked to", async () => {
    const now = new Date();
    expect(await enqueue(db, messages("once", 3), now)).toHaveLength(3);
    expect(await enqueue(db, messages("once", 4), now)).toEqual(["once:3"]);
    await db.outboxMessage.deleteMany({ where: { key: { startsWith: "once:" } } });
  });

  it("retries while the SMTP server refuses, then delivers each message exactly once", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    await enqueue(db, messages("refused", 5), t0);
    const mailer = mailerFor(smtp.url);
    const before = smtp.messages.length;
    smtp.refuseWith = { code: 451, message: "Tạm thời không nhận thư" };
    const refused = await drain(mailer, t0);
    expect(refused.retrying).toHaveLength(5);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: "refused:0" } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);
    expect(row.lastError).toMatch(/451/);

    smtp.refuseWith = null;
    expect((await drain(mailer, new Date(t0.getTime() + 10_000))).sent).toEqual([]); // not due yet
    const later = await drain(mailer, new Date(t0.getTime() + 31_000));
    mailer.close();
    expect(later.sent.sort()).toEqual(
      messages("refused", 5)
        .map((m) => m.key)
        .sort(),
    );
    const arrived = (await smtp.waitFor(before + 5)).slice(before);
    expect(arrived.map((m) => m.subject).sort()).toEqual(
      messages("refused", 5)
        .map((m) => m.subject)
        .sort(),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.length).toBe(before + 5);
  });

  it("retries when no SMTP server answers at all", async () => {
    const t0 = new Date("2030-02-01T00:00:00Z");
    await enqueue(db, messages("down", 2), t0);
    const dead = mailerFor("smtp://127.0.0.1:9"); // nothing listens on the discard port here
    const r = await drain(dead, t0);
    dead.close();
    expect(r.retrying.sort()).toEqual(["down:0", "down:1"]);
    const live = mailerFor(smtp.url);
    expect((await drain(live, new Date(t0.getTime() + 60_000))).sent.sort()).toEqual(["down:0", "down:1"]);
    live.close();
  });

  it("gives up on a permanent refusal and keeps the reason for the Office", async () => {
    const { outboxProblems } = await import("~/models/outbox.server");
    const t0 = new Date("2030-03-01T00:00:00Z");
    await enqueue(db, messages("rejected", 1), t0);
    smtp.refuseWith = { code: 550, message: "Hộp thư không tồn tại" };
    const mailer = mailerFor(smtp.url);
    const r = await drain(mailer, t0);
    mailer.close();
    smtp.refuseWith = null;
    expect(r.failed).toEqual(["rejected:0"]);
    const problem = (await outboxProblems(db)).find((p) => p.subject === "Kết quả lấy ý kiến dự thảo Thư rejected 0")!;
    expect(problem.status).toBe("failed");
    expect(problem.lastError).toMatch(/550/);
  });

  it("lets two worker processes race over the same rows and still sends each message once", async () => {
    const t0 = new Date("2030-04-01T00:00:00Z");
    const batch = messages("race", 120);
    await enqueue(db, batch, t0);
    const before = smtp.messages.length;
    const worker = (id: string) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/outbox-worker-process.ts"), id, t0.toISOString()], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, APP_URL: "http://portal.test" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker ${id} exited ${code}`))));
      });
    const [a, b] = await Promise.all([worker("A"), worker("B")]);
    expect(a.length + b.length).toBe(120);
    expect(new Set([...a, ...b]).size).toBe(120);
    const arrived = (await smtp.waitFor(before + 120)).slice(before);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(120);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.length).toBe(before + 120);
    expect(await db.outboxMessage.count({ where: { key: { startsWith: "race:" }, status: "sent" } })).toBe(120);
  }, 60_000);

  it("takes up a message left half-sent by a worker that died, after its lease", async () => {
    const t0 = new Date("2030-05-01T00:00:00Z");
    await enqueue(db, messages("crash", 1), t0);
    await db.outboxMessage.update({ where: { key: "crash:0" }, data: { status: "sending", claimedBy: "dead", claimedAt: t0, attempts: 1 } });
    const mailer = mailerFor(smtp.url);
    expect((await drain(mailer, new Date(t0.getTime() + 60_000))).sent).toEqual([]);
    expect((await drain(mailer, new Date(t0.getTime() + 6 * 60_000))).sent).toEqual(["crash:0"]);
    mailer.close();
  });
});
