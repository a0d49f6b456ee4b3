// The Office's screens in a real Chromium: a decision saved from the page's script leaves the page
// where it was; without script the page comes back at the comment, where the keyboard carries on; the printed report is
// the report alone, page 1 portrait and the table on landscape sheets.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { tempDir } from "../helpers/database";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let browser: Browser;
let closed: string;
let office: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  closed = (await server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" ASC LIMIT 1`))!.id;
  office = await sessionCookieFor(server, { role: "office" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function officeContext(options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  await context.addCookies([{ name: "__session", value: office.slice(office.indexOf("=") + 1), url: server.url }]);
  return context;
}

describe("deciding on a comment", () => {
  it("stays where it was when saved from the page's script", async () => {
    const context = await officeContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/office/lay-y-kien/${closed}/xu-ly`, { waitUntil: "networkidle" });
      const card = page.locator(".decision-item").nth(4);
      const id = await card.getAttribute("id");
      await card.locator("textarea").scrollIntoViewIfNeeded();
      await card.getByRole("radio", { name: "Giải trình", exact: true }).check();
      await card.locator("textarea").fill("Giữ như dự thảo vì đã có quy định riêng.");
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(300);
      const url = page.url();
      await card.getByRole("button", { name: /Lưu ý kiến xử lý/ }).click();
      await card.getByText("Đã lưu ý kiến xử lý.").waitFor();
      await page.screenshot({ path: "/tmp/shots-fixes/decision-saved-1280.png" });
      expect(page.url()).toBe(url);
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(200);
      expect(await page.locator(`#${id} .decision-current`).textContent()).toContain("Giải trình");
    } finally {
      await context.close();
    }
  });

  it("says in the browser, with the action's own schema, what is missing, and sends nothing until it is fixed", async () => {
    const context = await officeContext();
    const page = await context.newPage();
    const posts: string[] = [];
    page.on("request", (r) => (r.method() === "POST" ? posts.push(r.url()) : undefined));
    try {
      await page.goto(`${server.url}/office/lay-y-kien/${closed}/xu-ly`, { waitUntil: "networkidle" });
      const card = page.locator(".decision-item").nth(5);
      const save = card.getByRole("button", { name: /Lưu ý kiến xử lý/ });
      await save.click();
      await expect.poll(() => card.getByRole("alert").first().textContent()).toContain("Vui lòng chọn một hình thức xử lý");
      await card.getByRole("radio", { name: "Không tiếp thu", exact: true }).check();
      await card.locator("textarea").fill("   ");
      await save.click();
      const explanation = card.locator("textarea");
      await expect.poll(() => explanation.getAttribute("aria-invalid")).toBe("true");
      const described = (await explanation.getAttribute("aria-describedby"))!;
      expect(await page.locator(`[id="${described}"]`).textContent()).toBe('Vui lòng ghi nội dung giải trình cho ý kiến "Không tiếp thu".');
      // Conform moves focus to the first input in error, so the keyboard is where the fix goes.
      expect(await explanation.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(posts).toEqual([]);
      await card.screenshot({ path: "/tmp/shots-fixes/decision-invalid-1280.png" });
      await explanation.fill("Đã có quy định tại văn bản khác.");
      await expect.poll(() => explanation.getAttribute("aria-invalid")).toBeNull();
      await save.click();
      await card.getByText("Đã lưu ý kiến xử lý.").waitFor();
      expect(posts).toHaveLength(1);
      expect(await card.locator(".decision-current").textContent()).toContain("Không tiếp thu");
    } finally {
      await context.close();
    }
  });

  it("comes back at the comment, the keyboard starting there, when saved without script", async () => {
    const context = await officeContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/office/lay-y-kien/${closed}/xu-ly`);
      const card = page.locator(".decision-item").nth(6);
      const id = (await card.getAttribute("id"))!;
      await card.getByRole("radio", { name: "Tiếp thu", exact: true }).check();
      await Promise.all([page.waitForURL(new RegExp(`#${id}$`)), card.getByRole("button", { name: /Lưu ý kiến xử lý/ }).click()]);
      // Chromium scrolls to the fragment and starts the keyboard there: Tab reaches the comment's own controls.
      await page.keyboard.press("Tab");
      expect(await page.evaluate((i) => document.getElementById(i)!.contains(document.activeElement), id)).toBe(true);
      expect(await page.evaluate((i) => document.getElementById(i)!.getBoundingClientRect().top, id)).toBeLessThan(800);
    } finally {
      await context.close();
    }
  });
});

describe("printing the report", () => {
  it("prints the report alone, page 1 portrait and the table landscape", async () => {
    const context = await officeContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/office/lay-y-kien/${closed}/bao-cao`, { waitUntil: "networkidle" });
      const pdf = path.join(tempDir("report-print-"), "bao-cao.pdf");
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      fs.copyFileSync(pdf, "/tmp/shots-fixes/bao-cao.pdf");
      const info = execFileSync("pdfinfo", ["-f", "1", "-l", "99", pdf], { encoding: "utf8" });
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => (Number(m[1]) < Number(m[2]) ? "portrait" : "landscape"));
      expect(sizes[0]).toBe("portrait");
      expect(sizes.slice(1)).toContain("landscape");
      const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"], { encoding: "utf8" });
      expect(first).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      const all = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      for (const screenOnly of ["Email chưa được cấu hình", "Phiên đăng nhập", "Tổng quan", "Nhật ký", "Đăng xuất", "Góp ý dự thảo văn bản\n"]) {
        expect(all, screenOnly).not.toContain(screenOnly);
      }
    } finally {
      await context.close();
    }
  });
});
