// Two Office clerks pasting overlapping lists into one consultation at the same moment, in cluster
// mode (two web processes and the scheduler on one database): every paste answers, nobody is on
// the list twice, and each person added got exactly one invitation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let consultationId: string;

const count = async (sql: string, ...args: unknown[]) => (await server.db.get<{ n: number }>(sql, ...args))!.n;

beforeAll(async () => {
  server = await startServer({ WEB_CONCURRENCY: "2" });
  consultationId = (await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const person = (i: number) => `Người số ${i}\tPhó Giám đốc\tSở số ${i}\tcung.luc.${i}@so.example.gov.vn\tSở, ban, ngành`;
const list = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => person(from + k)).join("\n");

describe("pasting at once", () => {
  it("two clerks, overlapping lists, several times each: no duplicate recipient, no 500", async () => {
    const first = await sessionCookieFor(server, { role: "office" });
    const added = await post(server.url, "/office/tai-khoan", { intent: "add", name: "Chuyên viên thứ hai", email: "cv2@example.gov.vn" }, { cookie: first });
    expect(added.status).toBe(200);
    const second = await sessionCookieFor(server, { email: "cv2@example.gov.vn" });
    const before = await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ?`, consultationId);
    const path = `/office/lay-y-kien/${consultationId}/nguoi-nhan`;
    // People 0–119: the first clerk pastes 0–79, the second 40–119, each three times over.
    const sends = [
      ...[0, 1, 2].map(() => post(server.url, path, { intent: "paste", rows: list(0, 80), saveToBook: "on" }, { cookie: first })),
      ...[0, 1, 2].map(() => post(server.url, path, { intent: "paste", rows: list(40, 120), saveToBook: "on" }, { cookie: second })),
    ];
    const answers = await Promise.all(sends.map(async (p) => ({ status: (await p).status })));
    if (answers.some((a) => a.status !== 200)) console.log(server.output().slice(-5000));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ?`, consultationId)).toBe(before + 120);
    expect(await count(`SELECT COUNT(*) AS n FROM "User" WHERE email LIKE 'cung.luc.%'`)).toBe(120);
    expect(await count(`SELECT COUNT(*) AS n FROM "Contact" WHERE email LIKE 'cung.luc.%'`)).toBe(120);
    expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'invitation' AND "toEmail" LIKE 'cung.luc.%'`)).toBe(120);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE event = 'recipient.added' AND "consultationId" = ? AND payload LIKE '%cung.luc.%'`,
        consultationId,
      ),
    ).toBe(120);
    expect(await count(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT position FROM "Recipient" WHERE "consultationId" = ?) AS p`, consultationId)).toBe(
      before + 120,
    );
  }, 120_000);
});
