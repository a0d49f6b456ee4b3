// "Công bố kết quả" against the production server in cluster mode (two web processes and the mail
// process) with a real SMTP server: refused before the deadline with nothing changed; after it, the
// Office's presses arriving at once in both processes publish once and email each official who
// commented once; the decisions show to their authors only from then on; the published report is
// public only where the consultation is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { get, post } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let smtp: TestSmtp;
let server: RunningServer;
let openId: string;
let closedId: string;
let office: string;

const RESULT_SUBJECT = /^Kết quả tiếp thu, giải trình ý kiến về /;
/** A page's HTML without the markers React puts between text and an interpolated value. */
const html = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");
const count = async (sql: string, ...args: unknown[]) => (await server.db.get<{ n: number }>(sql, ...args))!.n;
const resultMail = () => smtp.messages.filter((m) => RESULT_SUBJECT.test(m.subject ?? ""));
const publishedAt = async (id: string) =>
  (await server.db.get<{ at: Date | null }>(`SELECT "resultPublishedAt" AS at FROM "Consultation" WHERE id = ?`, id))!.at;
const publish = (id: string, fields: Record<string, string>) => post(server.url, `/office/lay-y-kien/${id}/bao-cao`, fields, { cookie: office });

/** Officials of the closed demo consultation with at least one comment they did not withdraw. */
const commenters = async () =>
  (
    await server.db.all<{ email: string }>(
      `SELECT DISTINCT u.email FROM "Comment" c JOIN "Recipient" r ON r.id = c."recipientId" JOIN "User" u ON u.id = r."userId"
       WHERE c."consultationId" = ? AND c."withdrawnAt" IS NULL AND r."removedAt" IS NULL ORDER BY u.email`,
      closedId,
    )
  ).map((r) => r.email);

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ WEB_CONCURRENCY: "2", SMTP_URL: smtp.url, MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>" });
  const byDeadline = await server.db.all<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt"`);
  closedId = byDeadline[0]!.id;
  openId = byDeadline[byDeadline.length - 1]!.id;
  office = await sessionCookieFor(server, { role: "office" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("publishing the result", () => {
  it("is refused before the deadline, and nothing changes", async () => {
    const response = await publish(openId, { confirm: "yes", undecidedAcknowledged: "on" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Chưa hết hạn góp ý");
    expect(await publishedAt(openId)).toBeNull();
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'result.published'`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'result_published'`)).toBe(0);
  });

  it("shows no decision to the officials and no result page to anyone but the Office before it", async () => {
    const author = (await commenters())[0]!;
    const page = await (await get(server.url, `/lay-y-kien/${closedId}`, { cookie: await sessionCookieFor(server, { email: author }) })).text();
    expect(page).toContain("(ý kiến của đồng chí)");
    expect(page).not.toContain("Ý kiến xử lý của Văn phòng");
    expect((await get(server.url, `/lay-y-kien/${closedId}/ket-qua`)).status).toBe(404);
    expect((await get(server.url, `/lay-y-kien/${closedId}/ket-qua`, { cookie: await sessionCookieFor(server, { email: author }) })).status).toBe(404);
    const preview = await get(server.url, `/lay-y-kien/${closedId}/ket-qua`, { cookie: office });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Bản xem trước dành cho Văn phòng");
  });

  it("asks the Office to confirm publishing while comments are undecided, and changes nothing until it does", async () => {
    const undecided = await count(
      `SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "withdrawnAt" IS NULL AND ("dispositionKind" IS NULL OR "dispositionNeedsReview")`,
      closedId,
    );
    expect(undecided).toBeGreaterThan(0);
    const confirm = await html(await get(server.url, `/office/lay-y-kien/${closedId}/bao-cao?congBoKetQua=1`, { cookie: office }));
    expect(confirm).toContain(`Sẽ gửi thư báo cho ${(await commenters()).length} người đã góp ý`);
    expect(confirm).toContain(`Còn ${undecided} ý kiến chưa xử lý`);
    const response = await publish(closedId, { confirm: "yes" });
    expect(response.status).toBe(400);
    // Without JavaScript the page comes back with the message beside the checkbox.
    const page = await html(response);
    expect(page).toMatch(/<p id="[^"]+" class="field-error">Vui lòng đánh dấu ô xác nhận/);
    expect(page).toMatch(/aria-invalid="true"[^>]*name="undecidedAcknowledged"|name="undecidedAcknowledged"[^>]*aria-invalid="true"/);
    expect(await publishedAt(closedId)).toBeNull();
  });

  it("publishes once and emails each official who commented once, however many presses arrive at once", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => publish(closedId, { confirm: "yes", undecidedAcknowledged: "on" })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(303));
    expect(await publishedAt(closedId)).not.toBeNull();
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'result.published' AND "consultationId" = ?`, closedId)).toBe(1);
    const expected = await commenters();
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'result_published'`)).toBe(expected.length);
    // Invitations of the open consultation may still be arriving: wait for the result's own.
    for (const until = Date.now() + 30_000; resultMail().length < expected.length && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2_000)); // nothing more may follow
    const mail = resultMail();
    expect(mail.map((m) => (m.to as { text: string }).text).sort()).toEqual(expected);
    for (const m of mail) {
      expect(m.text).toContain(`/lay-y-kien/${closedId}#danh-sach-gop-y`);
      expect(m.text).toContain(`/lay-y-kien/${closedId}/ket-qua`);
    }
  }, 90_000);

  it("then shows each official the decision and explanation on their own comments", async () => {
    const row = (await server.db.get<{ email: string; explanation: string }>(
      `SELECT u.email, d.explanation FROM "Disposition" d JOIN "Comment" c ON c.id = d."commentId" JOIN "User" u ON u.id = c."authorId"
         WHERE c."consultationId" = ? AND d.kind = 'explained' LIMIT 1`,
      closedId,
    ))!;
    const page = await (await get(server.url, `/lay-y-kien/${closedId}`, { cookie: await sessionCookieFor(server, { email: row.email }) })).text();
    expect(page).toContain("Ý kiến xử lý của Văn phòng");
    expect(page).toContain("Giải trình");
    expect(page).toContain(row.explanation.split("\n")[0]!.replace(/"/g, "&quot;").slice(0, 40));
    expect(page).toContain("Xem bảng tổng hợp ý kiến, tiếp thu, giải trình");
  });

  it("is the same operation at the command line: refused before the deadline, nothing sent again after publication", async () => {
    const env = { ...server.databaseEnv, APP_URL: server.url, SCHEDULER: "off" };
    const early = await runCli(["consultation", "publish-result", openId, "--ca-y-kien-chua-xu-ly"], env);
    expect(early.status).toBe(1);
    expect(early.stderr).toContain("Chưa hết hạn góp ý");
    const again = await runCli(["consultation", "publish-result", closedId], env);
    expect(again.status).toBe(0);
    expect(again.json()).toEqual({ consultationId: closedId, emailed: 0, alreadyPublished: true });
    expect(await publishedAt(openId)).toBeNull();
  }, 120_000);

  it("answers a later press without a second email", async () => {
    const response = await publish(closedId, { confirm: "yes", undecidedAcknowledged: "on" });
    expect(response.headers.get("location")).toContain("daCongBoKetQua=truoc");
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'result_published'`)).toBe((await commenters()).length);
  });
});

describe("the published report page", () => {
  it("is public where the consultation is, without any email address", async () => {
    const response = await get(server.url, `/lay-y-kien/${closedId}/ket-qua`);
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("BẢNG TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH");
    expect(page).toContain("Tiếp thu");
    expect(page).not.toMatch(/@example\.gov\.vn/);
    expect(await (await get(server.url, "/")).text()).toContain(`/lay-y-kien/${closedId}/ket-qua`);
  });

  it("is 404 to the public where the consultation is not public, and open to those asked and the Office", async () => {
    await server.db.run(`UPDATE "Consultation" SET "publicCanRead" = ? WHERE id = ?`, false, closedId);
    expect((await get(server.url, `/lay-y-kien/${closedId}/ket-qua`)).status).toBe(404);
    const asked = await sessionCookieFor(server, { email: (await commenters())[0]! });
    expect((await get(server.url, `/lay-y-kien/${closedId}/ket-qua`, { cookie: asked })).status).toBe(200);
    expect((await get(server.url, `/lay-y-kien/${closedId}/ket-qua`, { cookie: office })).status).toBe(200);
  });
});
