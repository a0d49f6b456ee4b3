// A person opens the portal in a real Chromium and reads the demo consultation.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";

const PARTS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NỘI DUNG", "IV. NHIỆM VỤ, GIẢI PHÁP", "V. KINH PHÍ THỰC HIỆN", "VI. TỔ CHỨC THỰC HIỆN"];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("reading the demo consultation", () => {
  it("goes from the list to the draft and finds every part heading and the deadline", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect(page.getByRole("heading", { level: 1, name: "Góp ý dự thảo văn bản" }).isVisible()).resolves.toBe(true);
    const link = page.getByRole("link", { name: /Kế hoạch thực hiện Chiến lược quốc gia/ });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/lay-y-kien\//);

    for (const part of PARTS) {
      expect(await page.getByRole("heading", { name: part, exact: true }).count(), part).toBe(1);
    }
    const deadline = page.getByText(/^Hạn góp ý: hết ngày \d{1,2}\/\d{1,2}\/\d{4} \(23 giờ 59, giờ Việt Nam\)$/);
    expect(await deadline.isVisible()).toBe(true);
    expect(await page.getByText("đang lấy ý kiến", { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByText(/còn 1[34] ngày/).isVisible()).toBe(true);
    expect(await page.getByRole("navigation", { name: "Mục lục" }).isVisible()).toBe(true);
    await page.close();
  });

  it("is complete without JavaScript, section fragments included", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    const href = await page.getByRole("link", { name: /Kế hoạch thực hiện Chiến lược quốc gia/ }).getAttribute("href");
    await page.goto(`${server.url}${href}#phan-iii-muc-2`);
    for (const part of PARTS) {
      expect(await page.getByRole("heading", { name: part, exact: true }).count(), part).toBe(1);
    }
    const target = page.locator("#phan-iii-muc-2");
    expect(await target.getByRole("heading").first().textContent()).toMatch(/^2\. Xây dựng hạ tầng dữ liệu/);
    expect(await target.isVisible()).toBe(true);
    const box = await target.boundingBox();
    expect(box!.y).toBeLessThan(200); // scrolled to the fragment
    expect(await page.getByText("Nơi nhận:").first().isVisible()).toBe(true);
    await context.close();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole("link", { name: /Kế hoạch thực hiện Chiến lược quốc gia/ }).click();
    await page.waitForURL(/\/lay-y-kien\//);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("answers an unknown consultation with a Vietnamese 404 page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/lay-y-kien/khong-ton-tai`);
    expect(response!.status()).toBe(404);
    expect(await page.getByRole("heading", { name: "Không tìm thấy trang" }).isVisible()).toBe(true);
    await page.close();
  });

  it("serves anonymous readers from the short page cache, and signed-in ones freshly", async () => {
    const list = await (await fetch(server.url)).text();
    const url = server.url + /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1];
    const first = await fetch(url);
    const second = await fetch(url);
    expect(first.status).toBe(200);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toMatch(/Hạn góp ý: (<!-- -->)?hết ngày/);
    const withCookie = await fetch(url, { headers: { cookie: "__session=abc" } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get("x-page-cache")).toBeNull();
  });
});
