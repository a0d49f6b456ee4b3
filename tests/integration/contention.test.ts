// Deadline day in the default multi-process mode: two web processes and the scheduler process share
// one database, and every kind of write arrives from many people at the same moment. Each must
// succeed (a write that has to wait, waits), and the database must hold exactly what the answers said.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDateString, endOfVnDayAfter, toCalendarDate } from "~/domain/time";
import { ROOT, runCli } from "../helpers/cli";
import { onPostgres } from "../helpers/database";
import { sessionIdOf } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let consultationId: string;
let office: string;
let demo: { email: string; cookie: string }[];

const count = async (sql: string, ...args: unknown[]) => (await server.db.get<{ n: number }>(sql, ...args))!.n;

beforeAll(async () => {
  server = await startServer({ WEB_CONCURRENCY: "2" });
  consultationId = (await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id;
  office = await sessionCookieFor(server, { role: "office" });
  const emails = await server.db.all<{ email: string }>(
    `SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ? ORDER BY u.email`,
    consultationId,
  );
  demo = await Promise.all(emails.map(async ({ email }) => ({ email, cookie: await sessionCookieFor(server, { email }) })));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

type Sent = { what: string; status: number; body: string };

async function send(what: string, path: string, cookie: string | null, fields: Record<string, string>): Promise<Sent> {
  const started = Date.now();
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text(); // read every body, as a browser does, so the connection is free again
    const body =
      response.status >= 400
        ? text
            .replace(/<[^>]*>/g, " ")
            .replace(/\s+/g, " ")
            .slice(-1500)
        : "";
    return { what, status: response.status, body };
  } catch (error) {
    return { what, status: 0, body: `${String(error)} after ${Date.now() - started} ms` };
  }
}

async function read(what: string, path: string, cookie: string): Promise<Sent> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  return { what, status: response.status, body: response.status >= 400 ? text.slice(0, 500) : "" };
}

const consultationPage = () => `/lay-y-kien/${consultationId}`;
const officePage = () => `/office/lay-y-kien/${consultationId}`;

function failures(sent: Sent[], ok: (s: Sent) => boolean = (s) => s.status === 303 || s.status === 302 || s.status === 200) {
  if (sent.some((s) => !ok(s))) console.log(`Server output:\n${server.output().slice(-20_000)}`);
  return sent.filter((s) => !ok(s)).map((s) => `${s.what}: ${s.status} ${s.body.slice(0, 1500)}`);
}

/** A sign-in link's token written as the portal writes one, to confirm without reading mail. */
async function loginToken(email: string): Promise<string> {
  const user = (await server.db.get<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, email))!;
  const token = randomBytes(32).toString("base64url");
  await server.db.run(
    `INSERT INTO "LoginToken" (id, "userId", "tokenHash", "codeHash", purpose, "createdAt", "expiresAt") VALUES (?, ?, ?, '', 'login', ?, ?)`,
    randomUUID(),
    user.id,
    createHash("sha256").update(token).digest("hex"),
    new Date(),
    new Date(Date.now() + 15 * 60_000),
  );
  return token;
}

// On PostgreSQL too: the 20 recipient additions beside 60 comments used to be answered partly 503
// there (each read the whole list and, at SERIALIZABLE, collided with every other until the write
// wait ran out); changes to one consultation's list now take turns (queuedTransaction).
describe("every kind of write at once, in cluster mode", () => {
  const added = Array.from({ length: 20 }, (_, i) => ({ email: `moi.${i}@so.example.gov.vn`, cookie: "" }));

  it("takes the Office's recipients and schedules, sign-ins and a burst of comments together", async () => {
    const tokens = await Promise.all(demo.map((d) => loginToken(d.email)));
    const sent = await Promise.all([
      ...added.map((a, i) =>
        send("add recipient", `${officePage()}/nguoi-nhan`, office, {
          intent: "add-one",
          name: `Người mới ${i}`,
          title: "Phó Giám đốc",
          organization: `Sở số ${i}`,
          email: a.email,
          group: "Sở, ban, ngành",
        }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        send("reminders", `${officePage()}/thoi-han`, office, {
          intent: "reminders",
          "reminders[0].daysBefore": String(i + 2),
          "reminders[0].at": "08:00",
          "reminders[1].daysBefore": "1",
          "reminders[1].at": "16:30",
        }),
      ),
      ...demo.map((d) => send("sign-in request", "/dang-nhap", null, { intent: "request", email: d.email })),
      ...tokens.map((token) => send("sign-in confirmation", "/dang-nhap/xac-nhan", null, { token })),
      ...Array.from({ length: 60 }, (_, i) =>
        send("comment", consultationPage(), demo[i % demo.length]!.cookie, { intent: "comment", text: `Ý kiến thứ ${i}`, idempotencyKey: randomUUID() }),
      ),
    ]);
    expect(failures(sent)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ?`, consultationId)).toBe(demo.length + added.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event = 'recipient.added'`, consultationId)).toBe(added.length);
    expect(
      await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "consultationId" = ? AND kind = 'invitation' AND "toEmail" LIKE 'moi.%'`, consultationId),
    ).toBe(added.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event = 'reminders.scheduled'`, consultationId)).toBe(5);
    expect(await count(`SELECT COUNT(*) AS n FROM "LoginToken" WHERE purpose = 'login' AND "usedAt" IS NOT NULL`)).toBe(demo.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "LoginToken" WHERE purpose = 'login' AND "usedAt" IS NULL`)).toBe(demo.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "bodyText" LIKE 'Ý kiến thứ %'`, consultationId)).toBe(60);
    for (const a of added) a.cookie = await sessionCookieFor(server, { email: a.email });
  }, 120_000);

  it("takes agreements, extension requests, edits, withdrawals and the Office's decisions together while mail goes out", async () => {
    const mine = (email: string) =>
      server.db.all<{ id: string }>(
        `SELECT c.id FROM "Comment" c JOIN "User" u ON u.id = c."authorId" WHERE u.email = ? AND c."consultationId" = ? ORDER BY c."createdAt"`,
        email,
        consultationId,
      );
    const editor = demo[0]!;
    const edited = (await mine(editor.email))[0]!.id;
    const withdrawers = demo.slice(1, 7);
    const withdrawn = await Promise.all(withdrawers.map(async (d) => (await mine(d.email))[0]!.id));
    const decided = (
      await server.db.all<{ id: string; revision: number }>(
        `SELECT id, revision FROM "Comment" WHERE "consultationId" = ? AND "withdrawnAt" IS NULL ORDER BY "createdAt" DESC LIMIT 30`,
        consultationId,
      )
    ).filter((c) => c.id !== edited && !withdrawn.includes(c.id));
    const until = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const [agreeing, extending] = [added.slice(0, 10), added.slice(10)];
    const sent = await Promise.all([
      // Each presses the button twice, as people do when a page is slow.
      ...[...agreeing, ...agreeing].map((a) => send("agree", consultationPage(), a.cookie, { intent: "agree", note: "" })),
      ...extending.map((a) =>
        send("extension", consultationPage(), a.cookie, { intent: "extension", until, reason: "Cần thêm thời gian lấy ý kiến các phòng." }),
      ),
      ...Array.from({ length: 30 }, (_, i) => send("edit", consultationPage(), editor.cookie, { intent: "edit", commentId: edited, text: `Sửa lần ${i}` })),
      ...withdrawers.map((d, i) => send("withdraw", consultationPage(), d.cookie, { intent: "withdraw", commentId: withdrawn[i]! })),
      ...demo
        .slice(7)
        .map((d, i) => send("comment", consultationPage(), d.cookie, { intent: "comment", text: `Ý kiến thêm ${i}`, idempotencyKey: randomUUID() })),
      ...decided.map(({ id: commentId, revision: current }, i) => {
        const revision = String(current);
        const decision = i % 2 ? { kind: "accepted", explanation: "" } : { kind: "explained", explanation: "Đã có trong mục III." };
        return send("decision", `/office/lay-y-kien/${consultationId}/xu-ly`, office, { intent: "decide", commentId, revision, ...decision });
      }),
    ]);
    expect(failures(sent)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ? AND "agreedAt" IS NOT NULL`, consultationId)).toBe(agreeing.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event = 'recipient.agreed'`, consultationId)).toBe(
      agreeing.length,
    );
    expect(
      await count(`SELECT COUNT(*) AS n FROM "ExtensionRequest" e JOIN "Recipient" r ON r.id = e."recipientId" WHERE r."consultationId" = ?`, consultationId),
    ).toBe(extending.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "CommentRevision" WHERE "commentId" = ?`, edited)).toBe(30);
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "withdrawnAt" IS NOT NULL`, consultationId)).toBe(withdrawn.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "Disposition" d JOIN "Comment" c ON c.id = d."commentId" WHERE c."consultationId" = ?`, consultationId)).toBe(
      decided.length,
    );
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "dispositionKind" IS NOT NULL`, consultationId)).toBe(
      decided.length,
    );
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "bodyText" LIKE 'Ý kiến thêm %'`, consultationId)).toBe(
      demo.length - 7,
    );
  }, 120_000);

  it("takes the Office's extension decisions together, and one sign-in and one edit at a time while the outbox drains", async () => {
    const requests = await server.db.all<{ id: string }>(
      `SELECT e.id FROM "ExtensionRequest" e JOIN "Recipient" r ON r.id = e."recipientId" WHERE r."consultationId" = ? AND e.status = 'pending'`,
      consultationId,
    );
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    // A burst of comments fills the outbox with receipts, then single requests arrive while it drains.
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send("comment", consultationPage(), demo[i % demo.length]!.cookie, { intent: "comment", text: `Đợt cuối ${i}`, idempotencyKey: randomUUID() }),
      ),
    );
    // The Office decides the extensions while it reads its mailbox (each message opened is audited)
    // and ends its other sessions.
    const mail = await server.db.all<{ id: string }>(`SELECT id FROM "OutboxMessage" WHERE "deliveredVia" = 'local' LIMIT 10`);
    const stale = await Promise.all(Array.from({ length: 5 }, () => sessionCookieFor(server, { role: "office" })));
    const decisions = Promise.all([
      ...requests.map((r, i) =>
        send("extension decision", officePage(), office, {
          intent: "decide-extension",
          requestId: r.id,
          decision: i % 2 ? "refuse" : "grant",
          until,
          note: "",
        }),
      ),
      ...mail.map((m) => read("mailbox message", `/office/mailbox/${m.id}`, office)),
      ...stale.map((cookie) => send("session revoke", "/office/phien-dang-nhap", office, { intent: "revoke", phien: sessionIdOf(cookie) })),
    ]);
    const singles: Sent[] = [];
    for (let i = 0; i < 10; i++) {
      singles.push(await send("sign-in request", "/dang-nhap", null, { intent: "request", email: demo[i % demo.length]!.email }));
      singles.push(
        await send("edit", consultationPage(), demo[8]!.cookie, {
          intent: "edit",
          commentId: await latestOf(demo[8]!.email),
          text: `Sửa khi thư đang gửi ${i}`,
        }),
      );
    }
    expect(failures([...burst, ...(await decisions), ...singles])).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM "ExtensionRequest" WHERE status = 'granted'`)).toBe(Math.ceil(requests.length / 2) + 1); // the demo's closed round has one
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event LIKE 'extension.%' AND event <> 'extension.requested'`,
        consultationId,
      ),
    ).toBe(requests.length);
    expect(mail.length).toBe(10);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'mailbox.opened'`)).toBe(mail.length);
    expect(await count(`SELECT COUNT(*) AS n FROM "Session" WHERE "revokedAt" IS NOT NULL`)).toBe(stale.length);
  }, 120_000);

  async function latestOf(email: string): Promise<string> {
    return (await server.db.get<{ id: string }>(
      `SELECT c.id FROM "Comment" c JOIN "User" u ON u.id = c."authorId" WHERE u.email = ? AND c."consultationId" = ? AND c."withdrawnAt" IS NULL ORDER BY c."createdAt" DESC LIMIT 1`,
      email,
      consultationId,
    ))!.id;
  }
});

describe("a write that cannot get the database in time", () => {
  // Another process holding SQLite's one write lock (BEGIN IMMEDIATE). PostgreSQL has no such lock:
  // its writers wait for each other row by row (postgres-reading.test.ts covers its conflicts).
  it.skipIf(onPostgres)(
    "is answered 503 with a Vietnamese message and changes nothing; sent again, it succeeds",
    async () => {
      const patient = await startServer({ WRITE_WAIT_MS: "600" });
      const db = new Database(patient.databasePath);
      try {
        const id = (db.prepare(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`).get() as { id: string }).id;
        const { email } = db.prepare(`SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ? LIMIT 1`).get(id) as {
          email: string;
        };
        const cookie = sessionCookieFor(patient.databasePath, { email });
        const post = (fields: Record<string, string>) =>
          fetch(`${patient.url}/lay-y-kien/${id}`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(fields),
          });
        const state = () =>
          db.prepare(`SELECT (SELECT COUNT(*) FROM "Comment") AS comments, (SELECT COUNT(*) FROM "Recipient" WHERE "agreedAt" IS NOT NULL) AS agreed`).get();
        const before = state();

        db.prepare("BEGIN IMMEDIATE").run(); // another process writing for longer than the portal waits
        const started = Date.now();
        const [agreed, commented] = await Promise.all([
          post({ intent: "agree", note: "" }),
          post({ intent: "comment", text: "Ý kiến lúc bận", idempotencyKey: randomUUID() }),
        ]);
        const waited = Date.now() - started;
        db.prepare("ROLLBACK").run();

        for (const response of [agreed, commented]) {
          expect(response.status).toBe(503);
          expect(response.headers.get("retry-after")).toBe("5");
          expect(await response.text()).toContain("chưa lưu được thao tác của đồng chí");
        }
        expect(waited).toBeGreaterThanOrEqual(500);
        expect(waited).toBeLessThan(10_000);
        expect(state()).toEqual(before);

        expect((await post({ intent: "agree", note: "" })).status).toBe(303);
        expect((await post({ intent: "comment", text: "Ý kiến lúc bận", idempotencyKey: randomUUID() })).status).toBe(303);
        expect(state()).not.toEqual(before);
        expect(patient.output()).not.toMatch(/PrismaClient|SQLITE_BUSY/);
      } finally {
        db.close();
        await patient.stop();
      }
    },
    60_000,
  );
});

describe("web processes killed in the middle of a burst", () => {
  it("lose no comment that was acknowledged, and are replaced", async () => {
    const crashing = await startServer({ WEB_CONCURRENCY: "2" });
    const db = crashing.db;
    try {
      const id = (await db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id;
      const emails = await db.all<{ email: string }>(`SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ?`, id);
      const cookies = await Promise.all(emails.map(({ email }) => sessionCookieFor(crashing, { email })));
      const acknowledged: string[] = [];
      let refused = 0;
      const comment = async (i: number) => {
        try {
          const response = await fetch(`${crashing.url}/lay-y-kien/${id}`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie: cookies[i % cookies.length]!, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "comment", text: `Ý kiến khi tiến trình bị dừng ${i}`, idempotencyKey: randomUUID() }),
            signal: AbortSignal.timeout(30_000),
          });
          const location = response.headers.get("location") ?? "";
          if (response.status === 303) acknowledged.push(/[?&]da-gui=([^&#]+)/.exec(location)![1]!);
          else refused++;
        } catch {
          refused++; // the connection died with its process: not acknowledged, so nothing promised
        }
      };
      const burst = Promise.all(Array.from({ length: 1_000 }, (_, i) => comment(i)));
      // Kill once some comments have been answered, while most are still on their way.
      for (let waited = 0; acknowledged.length < 50; waited += 10) {
        expect(waited).toBeLessThan(30_000);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const workers = execFileSync("pgrep", ["-P", String(crashing.pid)], { encoding: "utf8" })
        .trim()
        .split("\n")
        .map(Number);
      for (const pid of workers) process.kill(pid, "SIGKILL");
      await burst;

      expect(acknowledged.length + refused).toBe(1_000);
      // The processes died in the middle: some comments were acknowledged before, some were cut off.
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
      const stored = new Set((await db.all<{ id: string }>(`SELECT id FROM "Comment" WHERE "consultationId" = ?`, id)).map((c) => c.id));
      expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
      // The primary starts new processes, which take comments again.
      for (let waited = 0; ; waited += 200) {
        const after = await fetch(`${crashing.url}/lay-y-kien/${id}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: cookies[0]!, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "comment", text: "Sau khi khởi động lại", idempotencyKey: randomUUID() }),
        }).catch(() => null);
        if (after?.status === 303) break;
        expect(waited).toBeLessThan(30_000);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await crashing.stop();
    }
  }, 90_000);
});

describe("the Office's setup, pressed by several clerks at once, in cluster mode", () => {
  it("publishes once, tells each recipient of one extension once, and keeps a draft's revision", async () => {
    // An unpublished consultation of the demo draft with 30 recipients, made as IT staff would.
    const version = (await server.db.get<{ v: string }>(`SELECT "documentVersionId" AS v FROM "Consultation" WHERE id = ?`, consultationId))!;
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "prisma/demo/consultation.json"), "utf8"));
    const deadline = endOfVnDayAfter(new Date(), 20);
    const recipients = Array.from({ length: 30 }, (_, i) => ({
      name: `Người nhận ${i + 1}`,
      title: "Giám đốc",
      organization: `Sở số ${i + 1}`,
      email: `dong.thoi.${i + 1}@example.gov.vn`,
    }));
    const specFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-spec-")), "spec.json");
    fs.writeFileSync(
      specFile,
      JSON.stringify({ ...spec, title: "Đợt bấm cùng lúc", documentVersionId: version.v, deadline: deadline.toISOString(), publish: false, recipients }),
    );
    const created = await runCli(["consultation", "create", specFile], server.databaseEnv);
    expect(created.stderr).toBe("");
    const id = created.json().consultationId as string;

    // Six clerks confirm the publication together, while three save the Office's settings.
    const profile = {
      parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
      issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
      place: "Sóc Trăng",
      signerTitle: "CHÁNH VĂN PHÒNG",
      signerName: "Trương Quốc Điền",
      numberPattern: "…/VP-VX",
      distribution: "Như trên;\nLưu: VT.",
      officeEmail: "van.phong@example.gov.vn",
      minPeriodDays: "7",
    };
    const first = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => send(`publish ${i}`, `/office/lay-y-kien/${id}/cong-bo`, office, { intent: "publish" })),
      ...Array.from({ length: 3 }, (_, i) => send(`settings ${i}`, "/office/cai-dat", office, profile)),
    ]);
    expect(failures(first)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "consultationId" = ? AND kind = 'invitation'`, id)).toBe(30);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event = 'consultation.published'`, id)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM "OfficeProfile"`)).toBe(1);

    // Four clerks extend the deadline for everyone to the same day at once: one extension, 30 notices.
    const later = calendarDateString(toCalendarDate(endOfVnDayAfter(deadline, 7)));
    const extended = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        send(`extend ${i}`, `/office/lay-y-kien/${id}/thoi-han`, office, { intent: "extend", untilDate: later, untilTime: "23:59" }),
      ),
    );
    // The first moves the deadline; the others are told, in Vietnamese, that it is already there.
    expect(failures(extended, (s) => s.status === 200 || s.status === 302 || s.status === 303 || s.status === 400)).toEqual([]);
    expect(extended.filter((s) => s.status !== 400)).toHaveLength(1);
    expect(extended.filter((s) => s.status === 400).every((s) => /hạn/i.test(s.body))).toBe(true);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "consultationId" = ? AND key LIKE 'deadline-extended:%'`, id)).toBe(30);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ? AND event = 'deadline.extended'`, id)).toBe(1);

    // A draft being checked: five fixes sent from the same page at once; one applies, four are stale.
    const form = new FormData();
    form.append("intent", "paste");
    form.append("title", "Dự thảo sửa cùng lúc");
    form.append("text", "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n\nNội dung một.\n\nII. THỰC HIỆN\n\nNội dung hai.");
    const started = await fetch(`${server.url}/office/tao-moi`, { method: "POST", body: form, headers: { cookie: office }, redirect: "manual" });
    const importId = /\/office\/tao-moi\/([^/?#]+)/.exec(started.headers.get("location") ?? "")![1]!;
    const fixes = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const fix = new FormData();
        for (const [k, v] of Object.entries({ intent: "relabel", revision: "1", index: "0", label: "I.", heading: `MỤC ĐÍCH ${i}` })) fix.append(k, v);
        const r = await fetch(`${server.url}/office/tao-moi/${importId}`, { method: "POST", body: fix, headers: { cookie: office }, redirect: "manual" });
        await r.text();
        return r.status;
      }),
    );
    expect(fixes.filter((s) => s === 303)).toHaveLength(1);
    expect(fixes.filter((s) => s === 409)).toHaveLength(4);
    expect(await count(`SELECT revision AS n FROM "DraftImport" WHERE id = ?`, importId)).toBe(2);
  }, 120_000);
});
