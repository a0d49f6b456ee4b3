// The Office's screens against the production build and the demo's two consultations: progress on
// /office, the decision screen's numbers and section labels as the report has them, its answer to a
// save with and without the page's script, fragment links that lead somewhere, the chart's
// extensions as the report counts them, and the audit log.
import { afterAll, describe, expect, it } from "vitest";
import { get, post } from "../helpers/http";
import { startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const server = await startServer();
afterAll(() => server.stop());
const office = await sessionCookieFor(server, { role: "office" });
const [open, closed] = (await server.db.all<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC`)).map((c) => c.id) as [string, string];
const anOfficial = (await server.db.get<{ email: string }>(
  `SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ? LIMIT 1`,
  open,
))!.email;

const page = async (path: string, cookie = office) => {
  const r = await get(server.url, path, { cookie });
  expect(r.status, path).toBe(200);
  return (await r.text()).replaceAll("<!-- -->", "");
};
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const decide = (consultationId: string, fields: Record<string, string>) =>
  post(server.url, `/office/lay-y-kien/${consultationId}/xu-ly`, fields, { cookie: office });

/** Comment id → the number the decision screen gives it, on one page of it. */
function numbers(html: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of html.matchAll(/id="y-kien-([^"]+)"[^>]*>\s*<p class="comment-meta"><strong>Ý kiến số ([\d.]+)<\/strong>/g))
    found.set(m[1]!, Number(m[2]!.replaceAll(".", "")));
  return found;
}

describe("/office", () => {
  it("shows each consultation's state, time left and progress, counted as the records say", async () => {
    const html = text(await page("/office"));
    for (const id of [open, closed]) {
      const q = async (sql: string) => (await server.db.get<{ n: number }>(sql, id))!.n;
      const asked = await q(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ? AND "removedAt" IS NULL`);
      const answered = await q(
        `SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ? AND "removedAt" IS NULL
           AND (EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = "Recipient"."id" AND c."withdrawnAt" IS NULL) OR "agreedAt" IS NOT NULL)`,
      );
      const comments = await q(
        `SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "withdrawnAt" IS NULL AND "moderation" IN ('none', 'approved')`,
      );
      const decided = await q(
        `SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = ? AND "withdrawnAt" IS NULL AND "moderation" IN ('none', 'approved') AND "dispositionKind" IS NOT NULL AND NOT "dispositionNeedsReview"`,
      );
      expect(html).toContain(`Đã trả lời ${answered}/${asked} cơ quan, đơn vị được xin ý kiến Ý kiến góp ý ${comments} Đã xử lý ${decided}/${comments} ý kiến`);
    }
    expect(html).toMatch(/đang lấy ý kiến còn 1[34] ngày/);
    expect(html).toMatch(/đã hết hạn góp ý Hạn góp ý hết ngày \d+\/\d+\/\d{4}/);
  });
});

describe("the decision screen", () => {
  it("numbers each comment by its place in the report, whatever the filter or page", async () => {
    const all = numbers(await page(`/office/lay-y-kien/${closed}/xu-ly`));
    const report = (await (await get(server.url, `/office/lay-y-kien/${closed}/bao-cao/json`, { cookie: office })).json()) as {
      rows: { number: number; commentId: string }[];
    };
    expect(all.size).toBeGreaterThan(3);
    for (const row of report.rows) if (all.has(row.commentId)) expect(all.get(row.commentId), row.commentId).toBe(row.number);
    const undecided = numbers(await page(`/office/lay-y-kien/${closed}/xu-ly?tinh-trang=chua-xu-ly`));
    expect(undecided.size).toBeGreaterThan(0);
    expect([...undecided.values()]).not.toContain(1); // the first comment is decided in the demo
    for (const [id, n] of undecided) expect(n, id).toBe(all.get(id));
  });

  it("labels sections with their part, as the report does", async () => {
    const html = await page(`/office/lay-y-kien/${closed}/xu-ly`);
    const groups = [...html.matchAll(/<div class="comment-group"><h3>([^<]+)<\/h3>/g)].map((m) => m[1]!);
    const report = await page(`/office/lay-y-kien/${closed}/bao-cao`);
    expect(groups.some((g) => /^[IVX]+\.\d+\./.test(g))).toBe(true);
    for (const g of groups.filter((t) => /^[IVX]+\.\d+\./.test(t))) expect(report).toContain(g);
  });

  it("answers a save from the page's script with data, and one without it with the list at that comment", async () => {
    const c = (await server.db.get<{ id: string; revision: number }>(
      `SELECT id, revision FROM "Comment" WHERE "consultationId" = ? AND "dispositionKind" IS NULL LIMIT 1`,
      closed,
    ))!;
    const fields = { intent: "decide", commentId: c.id, revision: String(c.revision), kind: "explained", explanation: "Giữ như dự thảo." };
    const plain = await decide(closed, fields);
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe(`/office/lay-y-kien/${closed}/xu-ly?da-luu=${c.id}#y-kien-${c.id}`);
    // A fetcher's request, as Remix's client sends it.
    const route = encodeURIComponent("routes/office.lay-y-kien.$consultationId_.xu-ly");
    const scripted = await post(server.url, `/office/lay-y-kien/${closed}/xu-ly?_data=${route}`, { ...fields, stay: "1" }, { cookie: office });
    expect([scripted.status, scripted.headers.get("x-remix-redirect")]).toEqual([200, null]);
    const body = await scripted.text();
    expect(JSON.parse(body)).toMatchObject({ saved: c.id, reply: { status: "success" } });
  });

  it("counts extensions in its chart as the report lists them", async () => {
    const chart = text(await page(`/office/lay-y-kien/${closed}/xu-ly`));
    const report = text(await page(`/office/lay-y-kien/${closed}/bao-cao`));
    const inReport = Number(/Được gia hạn: (\d+)\./.exec(report)?.[1]);
    expect(inReport).toBeGreaterThan(0);
    expect(chart).toMatch(new RegExp(`Được gia hạn ${inReport} `));
    expect(chart).toContain(`Được gia hạn: ${inReport}`); // the drawing's description
  });
});

describe("links on the Office's pages", () => {
  const pages = () => [
    "/office",
    `/office/lay-y-kien/${open}`,
    `/office/lay-y-kien/${closed}`,
    `/office/lay-y-kien/${closed}/xu-ly`,
    `/office/lay-y-kien/${closed}/bao-cao`,
    `/office/lay-y-kien/${closed}/nhat-ky`,
  ];
  it("lead to ids that exist on the page they point to", async () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = async (path: string) => {
      if (!ids.has(path)) ids.set(path, new Set([...(await page(path)).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
      return ids.get(path)!;
    };
    const missing: string[] = [];
    let checked = 0;
    for (const path of pages()) {
      for (const m of (await page(path)).matchAll(/href="([^"]*#[^"]+)"/g)) {
        const href = m[1]!.replaceAll("&amp;", "&");
        const [target, fragment] = href.split("#") as [string, string];
        const on = target === "" ? path : new URL(target, `${server.url}${path}`).pathname;
        checked++;
        if (!(await idsOf(on)).has(decodeURIComponent(fragment))) missing.push(`${path}: ${href}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe("the audit log", () => {
  it("is the Office's alone", async () => {
    const official = await sessionCookieFor(server, { email: anOfficial });
    expect((await get(server.url, `/office/lay-y-kien/${closed}/nhat-ky`, { cookie: official })).status).toBe(403);
    expect((await get(server.url, `/office/lay-y-kien/${closed}/nhat-ky?trang=1e308`, { cookie: office })).status).toBe(400);
    expect((await get(server.url, "/office/lay-y-kien/khong-co/nhat-ky", { cookie: office })).status).toBe(404);
  });

  it("lists every entry of the consultation, newest first, as sentences in Vietnam time", async () => {
    const html = await page(`/office/lay-y-kien/${closed}/nhat-ky`);
    const total = (await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "consultationId" = ?`, closed))!.n;
    const times = [...html.matchAll(/<time dateTime="([^"]+)">/g)].map((m) => m[1]!);
    expect(times).toHaveLength(Math.min(total, 50));
    expect([...times].sort().reverse()).toEqual(times);
    expect(times.every((t) => t.endsWith("+07:00"))).toBe(true);
    expect(text(html)).toMatch(/\(Văn phòng\) đã xử lý một góp ý/);
    expect(text(html)).not.toMatch(/thực hiện thao tác/);
  });
});
