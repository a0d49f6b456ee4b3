// An official coming back and changing their mind, in Chromium at a desktop width with JavaScript
// and at a phone width without it: their own list of consultations, a comment withdrawn behind a
// confirmation and brought back, an agreement taken back; axe-core on every state.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolation } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const SHOTS = process.env.SHOTS_DIR ?? null;

let server: RunningServer;
let browser: Browser;
let open: string;
let emails: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  open = (await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`))!.id;
  // Recipients who have neither commented nor agreed, one for each run.
  emails = (
    await server.db.all<{ email: string }>(
      `SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId"
       WHERE r."consultationId" = ? AND r."agreedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "Comment" c WHERE c."recipientId" = r.id)
       ORDER BY u.email LIMIT 3`,
      open,
    )
  ).map((r) => r.email);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function look(page: Page, name: string, withAxe: boolean) {
  // axe runs in the page, so only where the page runs scripts.
  if (withAxe) expect((await axeViolations(page)).map(describeViolation)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: name.startsWith("cua-toi") });
}

const variants = [
  { run: 0, width: 1280, javaScriptEnabled: true, hasTouch: false },
  { run: 1, width: 390, javaScriptEnabled: true, hasTouch: true },
  { run: 2, width: 390, javaScriptEnabled: false, hasTouch: true },
];

describe.each(variants)("at $width px (JavaScript: $javaScriptEnabled)", ({ run, width, javaScriptEnabled, hasTouch }) => {
  it("lists the official's consultations, withdraws with a confirmation and restores, takes back an agreement", async () => {
    const email = emails[run]!;
    const shot = (page: Page, name: string) => look(page, `${name}-${width}${javaScriptEnabled ? "" : "-no-js"}`, javaScriptEnabled);
    const cookie = await sessionCookieFor(server, { email });
    const text = `Đề nghị bổ sung chỉ tiêu đo lường (lượt ${run + 1}).`;
    const posted = await fetch(`${server.url}/lay-y-kien/${open}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "comment", text, idempotencyKey: randomUUID() }),
    });
    expect(posted.status).toBe(303);
    const commentId = /#y-kien-(.+)$/.exec(posted.headers.get("location")!)![1]!;

    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, javaScriptEnabled, hasTouch, isMobile: hasTouch });
    await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: server.url }]);
    const page = await context.newPage();
    try {
      // Their own list, from the header.
      await page.goto(`${server.url}/`);
      await page.getByRole("navigation", { name: "Tài khoản" }).getByRole("link", { name: "Đợt lấy ý kiến của tôi" }).click();
      await page.waitForURL(/\/cua-toi$/);
      const card = page.locator(".my-consultation").filter({ has: page.locator(`a[href="/lay-y-kien/${open}"]`) });
      await expect.poll(() => card.textContent()).toContain("đã góp ý 1 ý kiến");
      expect(await card.textContent()).toMatch(/Hạn góp ý\s*hết ngày \d+\/\d+\/\d{4} \(23 giờ 59, giờ Việt Nam\)/);
      await shot(page, "cua-toi");

      await card.getByRole("link", { name: "Xem ý kiến của đồng chí" }).click();
      await page.waitForURL(/#danh-sach-gop-y$/);
      const item = page.locator(`#y-kien-${commentId}`);
      await item.getByText("Chỉnh sửa hoặc rút ý kiến").click();
      await item.getByText("Rút ý kiến này…").click();
      const confirm = item.getByRole("button", { name: "Xác nhận rút ý kiến" });
      await confirm.scrollIntoViewIfNeeded();
      await shot(page, "rut-xac-nhan");
      await confirm.click();
      await page.waitForLoadState("load");
      const restore = item.getByRole("button", { name: "Khôi phục góp ý" });
      await restore.waitFor();
      expect(await item.locator(".comment-meta").textContent()).toContain("đã rút");
      await restore.scrollIntoViewIfNeeded();
      await shot(page, "da-rut");

      await restore.click();
      await item.getByText("Chỉnh sửa hoặc rút ý kiến").waitFor();
      expect(await item.locator(".comment-meta").textContent()).not.toContain("đã rút");
      expect(await item.locator(".comment-text").textContent()).toBe(text);

      // An agreement, then taken back: the form to agree is offered again.
      await page.getByText("Thống nhất với dự thảo", { exact: true }).first().click();
      await page.getByRole("button", { name: "Thống nhất với dự thảo" }).click();
      const retract = page.getByRole("button", { name: "Rút lại ý kiến thống nhất" });
      await retract.waitFor();
      await retract.scrollIntoViewIfNeeded();
      await shot(page, "da-thong-nhat");
      await retract.click();
      await page.locator("summary", { hasText: "Thống nhất với dự thảo" }).waitFor();
      expect(await page.locator(".respond-panel").textContent()).not.toContain("Đồng chí đã thống nhất với dự thảo lúc");
    } finally {
      await context.close();
    }
  }, 120_000);
});

/** A one-time link of this person's written straight into the database, spent or not. */
async function linkFor(email: string, used: boolean): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const { id } = (await server.db.get<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, email))!;
  await server.db.run(
    `INSERT INTO "LoginToken" (id, "userId", "tokenHash", "codeHash", purpose, "redirectTo", "createdAt", "expiresAt", "usedAt") VALUES (?, ?, ?, '', 'invitation', ?, ?, ?, ?)`,
    randomUUID(),
    id,
    createHash("sha256").update(token).digest("hex"),
    `/lay-y-kien/${open}`,
    new Date(),
    new Date(Date.now() + 86_400_000),
    used ? new Date() : null,
  );
  return `/dang-nhap/xac-nhan?token=${token}`;
}

describe.each([1280, 390])("an invitation link reopened, at %i px", (width) => {
  it("explains a link of someone else's and a spent one, calmly and accessibly", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}${await linkFor(emails[0]!, true)}`);
      expect(await page.locator("main").textContent()).toContain("đã được dùng để đăng nhập trước đây");
      expect(await page.getByLabel("Địa chỉ email").inputValue()).toBe(emails[0]);
      await look(page, `lien-ket-da-dung-${width}`, true);

      const cookie = await sessionCookieFor(server, { email: emails[1]! });
      await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: server.url }]);
      await page.goto(`${server.url}${await linkFor(emails[0]!, false)}`);
      expect(await page.locator("main").textContent()).toContain(`Liên kết này dành cho địa chỉ ${emails[0]}`);
      await page.getByRole("button", { name: "Đăng xuất và đăng nhập bằng liên kết này" }).waitFor();
      await look(page, `lien-ket-nguoi-khac-${width}`, true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
