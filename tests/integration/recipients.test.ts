// The Office's recipients, address book and accounts on the real server with a real database:
// a pasted list all or nothing, picks from the book, removal keeping comments, a resent invitation
// with a new link, scoping by the consultation in the URL, and the Office's own accounts.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import { get, post, tokenIn } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let running: string;
let closed: string;
let office: string;

const one = async <T>(sql: string, ...args: unknown[]) => (await server.db.get<T>(sql, ...args))!;
const count = async (sql: string, ...args: unknown[]) => (await one<{ n: number }>(sql, ...args)).n;
const recipientsOf = (id: string) => count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ? AND "removedAt" IS NULL`, id);
const page = (id: string) => `/office/lay-y-kien/${id}/nguoi-nhan`;
const text = async (r: Response) => (await r.text()).normalize("NFC");

beforeAll(async () => {
  server = await startServer();
  running = (await one<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`)).id;
  closed = (await one<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" ASC LIMIT 1`)).id;
  office = await sessionCookieFor(server, { role: "office" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function rows(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => `Người ${prefix} ${i + 1}\tGiám đốc\tSở ${prefix} ${i + 1}\t${prefix}.${i + 1}@so.example.gov.vn\tSở, ban, ngành`);
}

describe("the recipients page", () => {
  it("starts with an address book filled from the demo", async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM "Contact"`)).toBe(12);
    const html = await text(await get(server.url, "/office/danh-ba", { cookie: office }));
    expect(html).toContain("Thành viên Ủy ban nhân dân tỉnh");
  });

  it("adds 20 pasted rows as recipients and contacts, each invited", async () => {
    const before = await recipientsOf(running);
    const r = await post(
      server.url,
      page(running),
      { intent: "paste", rows: `Họ tên\tChức vụ\tCơ quan\tEmail\tNhóm\r\n${rows(20, "dan").join("\r\n")}`, saveToBook: "on" },
      { cookie: office },
    );
    expect(r.status).toBe(200);
    expect(await text(r)).toContain("Đã thêm 20 người và gửi 20 thư mời.");
    expect(await recipientsOf(running)).toBe(before + 20);
    expect(await count(`SELECT COUNT(*) AS n FROM "Contact" WHERE email LIKE 'dan.%'`)).toBe(20);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'invitation' AND "toEmail" LIKE 'dan.%'`)).toBe(20);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'recipient.added' AND payload LIKE '%dan.%'`)).toBe(20);
  });

  it("reports a bad email on line 7 and a duplicate with their lines, and saves nothing", async () => {
    const lines = rows(10, "loi");
    lines[6] = "Người lỗi 7\tGiám đốc\tSở lỗi 7\tabc@";
    lines[8] = "Người lỗi 9\tGiám đốc\tSở lỗi 9\tLOI.3@so.example.gov.vn";
    const before = [await recipientsOf(running), await count(`SELECT COUNT(*) AS n FROM "Contact"`), await count(`SELECT COUNT(*) AS n FROM "User"`)];
    const r = await post(server.url, page(running), { intent: "paste", rows: lines.join("\n"), saveToBook: "on" }, { cookie: office });
    expect(r.status).toBe(400);
    const html = await text(r);
    expect(html).toContain("Dòng 7: địa chỉ email «abc@» không hợp lệ.");
    expect(html).toContain("Dòng 9: email trùng với dòng 3.");
    expect([await recipientsOf(running), await count(`SELECT COUNT(*) AS n FROM "Contact"`), await count(`SELECT COUNT(*) AS n FROM "User"`)]).toEqual(before);
  });

  it("adds a whole group picked from the address book, reporting those already on the list", async () => {
    const imported = await post(
      server.url,
      "/office/danh-ba",
      { intent: "import", rows: rows(3, "nhom").join("\n").replaceAll("Sở, ban, ngành", "Huyện, thị xã") },
      { cookie: office },
    );
    expect(await text(imported)).toContain("Đã thêm 3 người");
    const before = await recipientsOf(running);
    const r = await post(server.url, page(running), { intent: "pick", group: "Huyện, thị xã" }, { cookie: office });
    expect(await text(r)).toContain("Đã thêm 3 người");
    expect(await recipientsOf(running)).toBe(before + 3);
    const again = await text(await post(server.url, page(running), { intent: "pick", group: "Huyện, thị xã" }, { cookie: office }));
    expect(again).toContain("Đã có trong danh sách từ trước");
    expect(await recipientsOf(running)).toBe(before + 3);
    // Deleting a contact changes no consultation.
    const { id } = await one<{ id: string }>(`SELECT id FROM "Contact" WHERE email = 'nhom.1@so.example.gov.vn'`);
    expect(await text(await post(server.url, "/office/danh-ba", { intent: "remove", contactId: id }, { cookie: office }))).toContain("Đã xóa");
    expect(await count(`SELECT COUNT(*) AS n FROM "Contact" WHERE id = ?`, id)).toBe(0);
    expect(await recipientsOf(running)).toBe(before + 3);
    // Editing one changes the book only; an address already in the book is refused beside its field.
    const other = (await one<{ id: string }>(`SELECT id FROM "Contact" WHERE email = 'nhom.2@so.example.gov.vn'`)).id;
    const edit = {
      intent: "save",
      contactId: other,
      name: "Người nhóm 2",
      title: "Phó Chủ tịch",
      organization: "Huyện 2",
      email: "nhom.2@so.example.gov.vn",
      group: "Huyện, thị xã",
    };
    expect((await post(server.url, "/office/danh-ba", edit, { cookie: office })).status).toBe(200);
    expect((await one<{ title: string }>(`SELECT title FROM "Contact" WHERE id = ?`, other)).title).toBe("Phó Chủ tịch");
    expect(await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE title = 'Phó Chủ tịch' AND "consultationId" = ?`, running)).toBe(0);
    const taken = await post(server.url, "/office/danh-ba", { ...edit, email: "nhom.3@so.example.gov.vn" }, { cookie: office });
    expect(taken.status).toBe(409);
    expect(await text(taken)).toContain("Địa chỉ này đã có trong danh bạ.");
  });

  it("removes a recipient who commented: the comments stay, their access ends", async () => {
    const email = "dan.1@so.example.gov.vn";
    const cookie = await sessionCookieFor(server, { email });
    const commented = await post(
      server.url,
      `/lay-y-kien/${running}`,
      { intent: "comment", text: "Ý kiến trước khi bị gỡ", idempotencyKey: randomUUID() },
      { cookie },
    );
    expect(commented.status).toBe(303);
    const { id } = await one<{ id: string }>(
      `SELECT r.id FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE u.email = ? AND r."consultationId" = ?`,
      email,
      running,
    );
    const r = await post(server.url, page(running), { intent: "remove", recipientId: id }, { cookie: office });
    expect(await text(r)).toContain("Các góp ý đã gửi vẫn được giữ");
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "recipientId" = ?`, id)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'recipient.removed' AND "entityId" = ?`, id)).toBe(1);
    const refused = await post(server.url, `/lay-y-kien/${running}`, { intent: "comment", text: "Sau khi bị gỡ", idempotencyKey: randomUUID() }, { cookie });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await count(`SELECT COUNT(*) AS n FROM "Comment" WHERE "bodyText" = 'Sau khi bị gỡ'`)).toBe(0);
  });

  it("resends an invitation as a new message with a new link; the old link still works only once", async () => {
    const { id } = await one<{ id: string }>(
      `SELECT r.id FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE u.email = 'dan.2@so.example.gov.vn' AND r."consultationId" = ?`,
      running,
    );
    const linkOf = async (key: string) =>
      tokenIn(JSON.parse((await one<{ props: string }>(`SELECT props FROM "OutboxMessage" WHERE key = ?`, key)).props).link);
    const oldToken = await linkOf(`invitation:${id}`);
    const r = await post(server.url, page(running), { intent: "resend", recipientId: id }, { cookie: office });
    expect(await text(r)).toContain("Đã gửi lại thư mời");
    const newToken = await linkOf(`invitation:${id}:resend:1`);
    expect(newToken).not.toBe(oldToken);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'invitation.resent' AND "entityId" = ?`, id)).toBe(1);
    expect((await post(server.url, "/dang-nhap/xac-nhan", { token: oldToken })).status).toBe(302);
    expect((await post(server.url, "/dang-nhap/xac-nhan", { token: oldToken })).status).toBe(400);
    expect((await post(server.url, "/dang-nhap/xac-nhan", { token: newToken })).status).toBe(302);
  });

  it("answers 404 for another consultation's recipient, and 403 to a recipient", async () => {
    const { id } = await one<{ id: string }>(`SELECT id FROM "Recipient" WHERE "consultationId" = ? AND "removedAt" IS NULL LIMIT 1`, closed);
    for (const intent of ["remove", "resend"]) {
      const r = await post(server.url, page(running), { intent, recipientId: id }, { cookie: office });
      expect(r.status).toBe(404);
    }
    expect(await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE id = ? AND "removedAt" IS NULL`, id)).toBe(1);
    const recipient = await sessionCookieFor(server, { email: "dan.3@so.example.gov.vn" });
    for (const path of [page(running), "/office/danh-ba", "/office/tai-khoan"]) {
      expect((await get(server.url, path, { cookie: recipient })).status).toBe(403);
      expect((await post(server.url, path, { intent: "paste", rows: rows(1, "x").join("") }, { cookie: recipient })).status).toBe(403);
    }
  });
});

describe("before publishing, and from the command line", () => {
  it("adds without inviting while the consultation is unpublished", async () => {
    try {
      await server.db.run(`UPDATE "Consultation" SET "publishedAt" = NULL WHERE id = ?`, running);
      const r = await post(server.url, page(running), { intent: "paste", rows: rows(2, "nhap").join("\n") }, { cookie: office });
      expect(await text(r)).toContain("Đã thêm 2 người.");
      expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "toEmail" LIKE 'nhap.%'`)).toBe(0);
      // The box was left unticked: not saved to the address book.
      expect(await count(`SELECT COUNT(*) AS n FROM "Contact" WHERE email LIKE 'nhap.%'`)).toBe(0);
    } finally {
      await server.db.run(`UPDATE "Consultation" SET "publishedAt" = "createdAt" WHERE id = ?`, running);
      // Publishing would invite them; this test only unpublished the consultation for a moment.
      await server.db.run(`UPDATE "Recipient" SET "invitedAt" = ? WHERE "userId" IN (SELECT id FROM "User" WHERE email LIKE 'nhap.%')`, new Date());
    }
  });

  it("portal recipients add reads the same rows: line numbers on failure, nobody added; then adds and invites", async () => {
    const env = { ...server.databaseEnv, APP_URL: server.url };
    const file = path.join(tempDir(), "nguoi-nhan.tsv");
    fs.writeFileSync(file, `${rows(2, "cli").join("\r\n")}\r\nNgười hỏng\tGiám đốc\tSở hỏng\tkhong-phai-email\r\n`);
    const refused = await runCli(["recipients", "add", running, file], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Dòng 3: địa chỉ email «khong-phai-email» không hợp lệ.");
    expect(await count(`SELECT COUNT(*) AS n FROM "User" WHERE email LIKE 'cli.%'`)).toBe(0);
    fs.writeFileSync(file, rows(2, "cli").join("\n"));
    const added = await runCli(["recipients", "add", running, file], env);
    expect(added.status, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ consultationId: running, added: 2, invited: 2, alreadyThere: [] });
    expect(await count(`SELECT COUNT(*) AS n FROM "Contact" WHERE email LIKE 'cli.%'`)).toBe(2);
    const office2 = await runCli(["office", "add", "Ke.Toan@Example.gov.vn", "--name", "Kế toán"], env);
    expect(office2.json()).toMatchObject({ email: "ke.toan@example.gov.vn" });
    expect(await count(`SELECT COUNT(*) AS n FROM "User" WHERE email = 'ke.toan@example.gov.vn' AND role = 'office'`)).toBe(1);
  }, 120_000);
});

describe("the Office's accounts", () => {
  it("adds one who can sign in at once, removes one and ends their sessions, refuses the last and oneself", async () => {
    const added = await post(server.url, "/office/tai-khoan", { intent: "add", name: "Lê Thị Văn Thư", email: "Van.Thu@Example.gov.vn" }, { cookie: office });
    expect(await text(added)).toContain("Đã thêm van.thu@example.gov.vn");
    const newcomer = await sessionCookieFor(server, { email: "van.thu@example.gov.vn" });
    expect((await get(server.url, "/office/tai-khoan", { cookie: newcomer })).status).toBe(200);
    const signIn = await post(server.url, "/dang-nhap", { intent: "request", email: "van.thu@example.gov.vn" });
    expect(signIn.status).toBeLessThan(400);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'login' AND "toEmail" = 'van.thu@example.gov.vn'`)).toBe(1);

    const me = (await one<{ id: string }>(`SELECT id FROM "User" WHERE role = 'office' ORDER BY "createdAt" LIMIT 1`)).id;
    const self = await post(server.url, "/office/tai-khoan", { intent: "remove", userId: me }, { cookie: office });
    expect(self.status).toBe(409);
    const newcomerId = (await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'van.thu@example.gov.vn'`)).id;
    const removed = await post(server.url, "/office/tai-khoan", { intent: "remove", userId: newcomerId }, { cookie: office });
    expect(await text(removed)).toContain("Đã gỡ tài khoản van.thu@example.gov.vn");
    expect((await get(server.url, "/office/tai-khoan", { cookie: newcomer })).status).toBe(302);
    expect(
      await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event LIKE 'office.account_%' AND "entityId" = ? AND "consultationId" IS NULL`, newcomerId),
    ).toBe(2);

    // Put back, the newcomer removes the first account; the one left is then the last (refused in office-accounts.test.ts).
    await post(server.url, "/office/tai-khoan", { intent: "add", name: "Lê Thị Văn Thư", email: "van.thu@example.gov.vn" }, { cookie: office });
    const back = await sessionCookieFor(server, { email: "van.thu@example.gov.vn" });
    expect((await post(server.url, "/office/tai-khoan", { intent: "remove", userId: me }, { cookie: back })).status).toBe(200);
    const last = await post(server.url, "/office/tai-khoan", { intent: "remove", userId: newcomerId }, { cookie: office });
    expect(last.status).toBe(302); // the first account's session ended with its removal
    expect(await count(`SELECT COUNT(*) AS n FROM "User" WHERE id = ? AND "disabledAt" IS NOT NULL`, me)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM "User" WHERE id = ? AND "disabledAt" IS NULL`, newcomerId)).toBe(1);
  });
});
