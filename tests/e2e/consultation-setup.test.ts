// The Office's new consultation, letter, deadline and publish pages in a real Chromium: with
// JavaScript the deadline words (and the letter's body) follow the date as it is typed and the
// reminder editor shows exactly the saved schedule after a save; without JavaScript the same form
// refuses an empty subject beside its field and then saves. Each page is looked at by axe-core
// and photographed at 1280 and 390 px (/tmp/shots-letter).
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolation } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const SHOTS = "/tmp/shots-letter";

let server: RunningServer;
let browser: Browser;
let office = "";
let versionId = "";
let created = "";

const dateIn = (days: number) => {
  const d = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  return { iso: d.toISOString().slice(0, 10), words: `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` };
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  office = await sessionCookieFor(server, { role: "office" });
  versionId = (await server.db.get<{ id: string }>(`SELECT id FROM "DocumentVersion" LIMIT 1`))!.id;
  fs.mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function officeContext(opts: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    bypassCSP: true,
  });
  await context.addCookies([{ name: "__session", value: office.slice(office.indexOf("=") + 1), url: server.url }]);
  return context;
}

const hydrated = (page: Page) => page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));

const letterBody = async (id: string) => (await server.db.get<{ letterBody: string }>(`SELECT "letterBody" FROM "Consultation" WHERE id = ?`, id))!.letterBody;

describe("the new consultation form", () => {
  it("with JavaScript: the deadline words and the letter follow the date as it is typed, and it saves unpublished", async () => {
    const context = await officeContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/office/lay-y-kien/moi?banDuThao=${versionId}`);
    await hydrated(page);
    const target = dateIn(40);
    await page.fill('input[name="deadlineDate"]', target.iso);
    await expect.poll(() => page.textContent("#deadline-words")).toBe(`Hạn góp ý: hết ngày ${target.words} (23 giờ 59, giờ Việt Nam)`);
    await page.fill('input[name="deadlineTime"]', "17:00");
    await expect.poll(() => page.textContent("#deadline-words")).toBe(`Hạn góp ý: 17 giờ 00 ngày ${target.words} (giờ Việt Nam)`);
    await expect.poll(() => page.inputValue('textarea[name="body"]')).toMatch(/\*\*17 giờ 00 ngày \d{2} tháng \d{1,2} năm \d{4}\*\*/);
    await Promise.all([
      page.waitForURL((url) => /^\/office\/lay-y-kien\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/moi")),
      page.click('button[type="submit"]:has-text("Lưu")'),
    ]);
    created = page.url().split("/").pop()!;
    expect(await letterBody(created)).toMatch(/\*\*17 giờ 00 ngày/);
    await context.close();
  });

  it("without JavaScript: an empty subject is refused beside its field; the form then saves", async () => {
    const context = await officeContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/office/lay-y-kien/moi?banDuThao=${versionId}`);
    await page.fill('textarea[name="subject"]', "");
    await page.click('button[type="submit"]:has-text("Lưu")');
    const subject = page.locator('textarea[name="subject"]');
    expect(await subject.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await subject.getAttribute("aria-describedby");
    expect(await page.textContent(`[id="${describedBy}"]`)).toBe("Vui lòng nhập trích yếu (V/v …).");
    await page.screenshot({ path: `${SHOTS}/moi-khong-js-loi.png`, fullPage: true });
    // A fresh form, not the refused one: React 18.3's server renderer can put NUL bytes into a
    // re-rendered textarea (see the report), which the form reader then refuses.
    await page.goto(`${server.url}/office/lay-y-kien/moi?banDuThao=${versionId}`);
    await page.fill('textarea[name="subject"]', "lấy ý kiến đối với dự thảo Kế hoạch (không có JavaScript)");
    await page.fill('input[name="deadlineDate"]', dateIn(30).iso);
    await Promise.all([
      page.waitForURL((url) => /^\/office\/lay-y-kien\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/moi")),
      page.click('button[type="submit"]:has-text("Lưu")'),
    ]);
    expect(await letterBody(page.url().split("/").pop()!)).toContain("hết ngày");
    await context.close();
  });
});

describe("the reminder editor", () => {
  it("shows exactly the saved schedule after a save that re-sorts the rows", async () => {
    const context = await officeContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/office/lay-y-kien/${created}/thoi-han`);
    await hydrated(page);
    const typed = ["3", "30", "5", "7", ""];
    for (const [i, days] of typed.entries()) {
      await page.fill(`input[name="reminders[${i}].daysBefore"]`, days);
      await page.fill(`input[name="reminders[${i}].at"]`, days ? "08:00" : "");
    }
    await Promise.all([page.waitForURL(/daLuu=reminders/), page.click('button:has-text("Lưu lịch nhắc")')]);
    await page.waitForSelector("text=Đã lưu lịch nhắc.");
    const shown = await Promise.all([0, 1, 2, 3, 4].map((i) => page.inputValue(`input[name="reminders[${i}].daysBefore"]`)));
    expect(shown).toEqual(["30", "7", "5", "3", ""]);
    await context.close();
  });
});

const pages: [string, () => string][] = [
  ["cai-dat", () => "/office/cai-dat"],
  ["moi", () => `/office/lay-y-kien/moi?banDuThao=${versionId}`],
  ["moi-chon", () => "/office/lay-y-kien/moi"],
  ["cong-van", () => `/office/lay-y-kien/${created}/cong-van`],
  ["thoi-han", () => `/office/lay-y-kien/${created}/thoi-han`],
  ["cong-bo", () => `/office/lay-y-kien/${created}/cong-bo`],
];

describe.each([1280, 390])("at %i px", (width) => {
  it.each(pages)("%s has no serious or critical axe violation", async (name, path) => {
    const context = await officeContext({ width });
    const page = await context.newPage();
    await page.goto(`${server.url}${path()}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const found = (await axeViolations(page)).map(describeViolation);
    if (found.length) console.log(name, width, found);
    expect(found.filter((v) => /\((serious|critical)\)/.test(v))).toEqual([]);
    await context.close();
  });
});
