// The reading page's layout in a real Chromium, as an invited official meets it at 1280 and 390 px:
// the table of contents at hand, "Đang đọc" following the scroll, comment counts per section, the
// letter folded after the first visit; and what it weighs: the draft sent once, cacheable apart.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompress } from "~/server/page-gzip.server";
import { axeViolations, describeViolation } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { get, post } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

// A sentence of the demo draft's section III.2, found nowhere else on the page.
const SENTENCE = "Hình thành các cơ sở dữ liệu dùng chung";
const PARTS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NỘI DUNG", "IV. NHIỆM VỤ, GIẢI PHÁP", "V. KINH PHÍ THỰC HIỆN", "VI. TỔ CHỨC THỰC HIỆN"];

let server: RunningServer;
let browser: Browser;
let path: string;
let consultationId: string;
let versionId: string;
let official: string; // an invited official, who comments before the browser opens the page

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The demo's open round (the other one has closed).
  const open = (await server.db.get<{ id: string; documentVersionId: string }>(
    `SELECT id, "documentVersionId" FROM "Consultation" ORDER BY "deadlineAt" DESC LIMIT 1`,
  ))!;
  const section = (await server.db.get<{ id: string }>(
    `SELECT id FROM "Section" WHERE anchor = 'phan-iii-muc-2' AND "versionId" = ?`,
    open.documentVersionId,
  ))!;
  consultationId = open.id;
  versionId = open.documentVersionId;
  path = `/lay-y-kien/${consultationId}`;
  official = await sessionCookieFor(server, { email: await recipientEmail(0) });
  for (const text of ["Đề nghị làm rõ nguồn dữ liệu dùng chung.", "Đề nghị bổ sung cơ quan chủ trì."]) {
    const sent = await post(server.url, path, { intent: "comment", target: section.id, text }, { cookie: official });
    expect(sent.status).toBe(303);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(cookie: string, width: number, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled, bypassCSP: true, hasTouch: width < 500 });
  await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: server.url }]);
  return context;
}

async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map(describeViolation);
}

const inViewport = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });

describe("what the signed-in page weighs", () => {
  it("carries the draft once, in the markup, not again in its data, under 40 KiB gzipped", async () => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: official, "accept-encoding": "gzip" } });
    const html = await response.text();
    expect(html.split(SENTENCE)).toHaveLength(2);
    // Remix's single fetch: the loaders' data as a client-side navigation reads it.
    const data = await (await get(server.url, `${path}.data`, { cookie: official })).text();
    expect(data).toContain(`/ban-du-thao?phien-ban=${versionId}`);
    expect(data).not.toContain(SENTENCE);
    // As sent: fetch() would unpack it.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${server.url}${path}`, { headers: { cookie: official, "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks)));
        })
        .on("error", reject);
    });
    expect(raw.length).toBeLessThan(40 * 1024);
    expect(gunzipSync(raw).toString("utf8").split(SENTENCE)).toHaveLength(2);
    // The draft's part of the gzip is the one deflated when the version was first sent, not
    // compressed again for this reader (app/server/page-gzip.server.ts).
    const markup = await (await get(server.url, `${path}/ban-du-thao?phien-ban=${versionId}`, { cookie: official })).text();
    expect(raw.indexOf(precompress(markup).deflated)).toBeGreaterThan(0);
  });

  it("serves the draft's markup apart under its version, cached for good, and 404 for another", async () => {
    const own = await get(server.url, `${path}/ban-du-thao?phien-ban=${versionId}`, { cookie: official });
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(await own.text()).toContain(SENTENCE);
    const other = await get(server.url, `${path}/ban-du-thao?phien-ban=not-${versionId}`, { cookie: official });
    expect(other.status).toBe(404);
    expect((await get(server.url, `${path}/ban-du-thao`, { cookie: official })).status).toBe(404);
  });
});

describe.each([1280, 390])("reading at %i px", (width) => {
  const wide = width >= 1100;

  it("keeps the contents at hand, says where the reader is and counts each section's comments", async () => {
    const context = await signedIn(official, width);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    const fold = page.locator(".toc-fold");
    expect(await fold.evaluate((d: HTMLDetailsElement) => d.open)).toBe(wide);
    if (!wide) {
      await page.getByText("Mục lục", { exact: true }).click();
      expect(await fold.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
      await page.locator('.toc a[href="#phan-iii-muc-2"]').click();
      expect(await fold.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false); // folded again once a part is chosen
    } else {
      await page.evaluate(() => document.getElementById("phan-iii-muc-2")!.scrollIntoView());
    }
    await expect.poll(() => page.locator(".reading-now").textContent()).toMatch(/^Đang đọc: III\.2 Xây dựng hạ tầng dữ liệu/);
    expect(await inViewport(page, ".toc")).toBe(true); // sticky, far down the page
    expect(await page.locator('.toc a[aria-current="location"]').getAttribute("href")).toBe("#phan-iii-muc-2");
    expect(await page.locator('#phan-iii-muc-2 .section-count a[href="#y-kien-phan-phan-iii-muc-2"]').textContent()).toBe("2 góp ý");
    expect(await page.locator('.toc li:has(> a[href="#phan-iii-muc-2"]) > .toc-count').textContent()).toBe("2 góp ý");
    expect(await page.locator("#phan-iii-muc-1 .section-count").textContent()).toBe("");
    await page.evaluate(() => document.getElementById("phan-v")!.scrollIntoView());
    await expect.poll(() => page.locator(".reading-now").textContent()).toMatch(/^Đang đọc: V /);
    if (wide) {
      const margin = await page.getByRole("complementary", { name: "Góp ý bên lề" }).boundingBox();
      const draft = await page.locator("article.draft").boundingBox();
      expect(margin!.x).toBeGreaterThan(draft!.x + draft!.width);
      expect(margin!.height).toBeGreaterThan(draft!.height * 0.95);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/shots-layout/reading-${width}.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("opens the letter on the first visit and folds it under its number on the next", async () => {
    const cookie = await sessionCookieFor(server, { email: await recipientEmail(width === 1280 ? 1 : 2) });
    const context = await signedIn(cookie, width);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    const letter = page.locator("details.letter-fold");
    expect(await letter.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    expect(await page.locator(".letter .recipients-title").isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload({ waitUntil: "networkidle" });
    expect(await letter.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    expect(await letter.locator("summary").textContent()).toMatch(/^Công văn đề nghị góp ý số /);
    expect(await page.locator(".letter .recipients-title").isVisible()).toBe(false);
    await page.screenshot({ path: `/tmp/shots-layout/letter-folded-${width}.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await letter.locator("summary").click();
    expect(await page.locator(".letter .recipients-title").isVisible()).toBe(true);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("has the whole draft, the letter and each section's count beside its comments", async () => {
    const context = await signedIn(official, 390, false);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}#phan-iii-muc-2`);
    for (const part of PARTS) expect(await page.getByRole("heading", { name: part, exact: true }).count(), part).toBe(1);
    expect(await page.locator(".draft-section").count()).toBe(37);
    expect(await page.getByText(SENTENCE).isVisible()).toBe(true);
    expect(await page.locator("details.letter-fold").count()).toBe(1);
    expect(await page.locator("#y-kien-phan-phan-iii-muc-2 h3").textContent()).toMatch(/ · 2 góp ý$/);
    // The contents fold behind their summary, which opens without a script.
    await page.getByText("Mục lục", { exact: true }).click();
    expect(await page.locator('.toc a[href="#phan-v"]').isVisible()).toBe(true);
    await context.close();
  });
});

describe("after a client-side navigation", () => {
  it("fetches the draft's markup the page did not bring", async () => {
    const context = await signedIn(official, 1280);
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "networkidle" });
    const fetched = page.waitForResponse((r) => r.url().includes("/ban-du-thao?phien-ban="));
    await page.evaluate((to) => (window as unknown as { __remixRouter: { navigate: (to: string) => void } }).__remixRouter.navigate(to), path);
    expect((await fetched).status()).toBe(200);
    await expect.poll(() => page.getByText(SENTENCE).isVisible()).toBe(true);
    await expect.poll(() => page.locator("#phan-iii-muc-2 .section-count").textContent()).toBe("2 góp ý");
    await context.close();
  });
});

async function recipientEmail(position: number): Promise<string> {
  const sql = `SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ? ORDER BY r.position LIMIT 1 OFFSET ?`;
  return (await server.db.get<{ email: string }>(sql, consultationId, position))!.email;
}
