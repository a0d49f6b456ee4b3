// An Office clerk starts from a Word file in a real Chromium: uploads it, moves one heading down a
// level, bolds a word and adds a table in the Tiptap editor, saves; the stored version has them. Then the
// same without JavaScript from pasted text, the section's text edited in the textarea.
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx } from "../fixtures/docx";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const SHOTS = process.env.SHOTS_DIR;

let server: RunningServer;
let browser: Browser;
let office: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  office = await sessionCookieFor(server, { role: "office" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function officeContext(javaScriptEnabled: boolean, width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
  await context.addCookies([{ name: "__session", value: office.slice(office.indexOf("=") + 1), url: server.url }]);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return context;
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

interface StoredSection {
  label: string;
  level: number;
  parentLabel: string | null;
  content: string;
}

function storedVersion(versionId: string): Promise<StoredSection[]> {
  return server.db.all<StoredSection>(
    `SELECT s.label, s.level, p.label AS "parentLabel", s.content FROM "Section" s LEFT JOIN "Section" p ON p.id = s."parentId" WHERE s."versionId" = ? ORDER BY s.position`,
    versionId,
  );
}

const docx = buildDocx([
  { text: "KẾ HOẠCH" },
  { text: "Thử nghiệm trên trình duyệt" },
  { text: "I. MỤC ĐÍCH" },
  { text: "1. Mục đích chung" },
  { text: "Nâng cao chất lượng góp ý." },
  { text: "2. Mục đích riêng" },
  { text: "Tiết kiệm thời gian." },
  { text: "II. TỔ CHỨC THỰC HIỆN" },
  { text: "Các sở thực hiện." },
]);

const section = (page: Page, label: string) => page.locator(".tree-item", { has: page.locator(".tree-label", { hasText: label }) }).first();

describe("starting a consultation from a Word file", () => {
  it("uploads, fixes one level, bolds a word in the editor and saves the version with both", async () => {
    const context = await officeContext(true);
    const page = await context.newPage();
    // The editor runs under the page's Content-Security-Policy: no inline style, no eval.
    const problems: string[] = [];
    page.on("console", (m) => (m.type() === "error" ? problems.push(m.text()) : undefined));
    page.on("pageerror", (e) => problems.push(e.message));
    try {
      await page.goto(`${server.url}/office`);
      await page.getByRole("link", { name: "Tạo đợt lấy ý kiến" }).click();
      await page.waitForURL(/\/office\/tao-moi$/);
      await shot(page, "tao-moi-1280");
      await page.getByLabel("Tệp dự thảo (.docx, .txt hoặc .md)").setInputFiles({ name: "ke-hoach.docx", mimeType: "application/octet-stream", buffer: docx });
      await page.getByRole("button", { name: "Tải lên và xem cách tách" }).click();
      await page.waitForURL(/\/office\/tao-moi\/[^/]+$/);
      await expect.poll(() => page.getByLabel("Tên dự thảo", { exact: true }).inputValue()).toBe("Kế hoạch thử nghiệm trên trình duyệt");

      const second = section(page, "2.");
      await second.getByRole("link", { name: /^Sửa «2\./ }).click();
      await second.getByRole("button", { name: "Xuống một cấp" }).click();
      await expect.poll(() => section(page, "2.").locator(".tree-head").textContent()).toContain("cấp 3");
      // The forms a clerk types into are checked in the browser by the action's own schema: an empty
      // label or title is said beside its input and nothing is sent.
      const posts: string[] = [];
      const countPosts = (r: { method(): string; url(): string }) => (r.method() === "POST" ? posts.push(r.url()) : undefined);
      page.on("request", countPosts);
      const label = page.getByLabel("Số hiệu", { exact: true });
      await label.fill("");
      await page.getByRole("button", { name: "Lưu số hiệu và tiêu đề" }).click();
      await expect.poll(() => label.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator(`[id="${await label.getAttribute("aria-describedby")}"]`).textContent()).toContain("Hãy nhập số hiệu");
      const title = page.getByLabel("Tên dự thảo", { exact: true });
      const guessed = await title.inputValue();
      await title.fill(" ");
      await page.getByRole("button", { name: "Lưu dự thảo và tiếp tục" }).click();
      await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator(`[id="${await title.getAttribute("aria-describedby")}"]`).textContent()).toBe("Hãy nhập tên dự thảo.");
      expect(posts).toEqual([]);
      page.off("request", countPosts);
      await title.fill(guessed);

      const first = section(page, "1.");
      await first.getByRole("link", { name: /^Sửa «1\./ }).click();
      const editor = page.locator(".section-editor-area");
      await editor.waitFor();
      await editor.click();
      await page.keyboard.press("Control+Home");
      await page.keyboard.press("Control+Shift+ArrowRight");
      await page.getByRole("button", { name: "Đậm" }).click();
      await expect.poll(() => editor.locator("strong").textContent()).toBe("Nâng");
      await page.keyboard.press("Control+End");
      await page.getByRole("button", { name: "Chèn bảng" }).click();
      await page.keyboard.type("Kinh phí");
      await page.getByRole("button", { name: "Thêm hàng" }).waitFor();
      await shot(page, "tao-moi-kiem-tra-1280");
      await page.setViewportSize({ width: 390, height: 900 });
      await shot(page, "tao-moi-kiem-tra-390");
      await page.setViewportSize({ width: 1280, height: 900 });
      const revision = page.locator(".draft-save input[name=revision]");
      const before = Number(await revision.inputValue());
      await page.getByRole("button", { name: "Lưu nội dung" }).click();
      // Saved once the page shows the next revision: the save below must carry it, or it is stale (409).
      await expect.poll(async () => Number(await revision.inputValue()), { timeout: 15_000 }).toBe(before + 1);
      await expect.poll(() => page.locator(".section-editor-area strong").textContent()).toBe("Nâng");

      await page.getByLabel("Tên dự thảo", { exact: true }).fill("Kế hoạch thử trên trình duyệt");
      await page.getByRole("button", { name: "Lưu dự thảo và tiếp tục" }).click();
      // A client-side navigation: waitForURL would wait for a load event that never comes.
      await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/office\/lay-y-kien\/moi\?banDuThao=/);
      const versionId = new URL(page.url()).searchParams.get("banDuThao")!;
      const stored = await storedVersion(versionId);
      expect(stored.map((s) => `${s.level}:${s.label}<${s.parentLabel ?? ""}`)).toEqual(["1:I.<", "2:1.<I.", "3:2.<1.", "1:II.<"]);
      const content = JSON.parse(stored[1]!.content);
      expect(content.content[0].content[0]).toEqual({ type: "text", text: "Nâng", marks: [{ type: "bold" }] });
      expect(content.content[1].type).toBe("table");
      expect(JSON.stringify(content.content[1].content[0].content[0])).toContain("Kinh phí");
      // The consultation form (/office/lay-y-kien/moi) is another part of issue 10: its 404 is not ours.
      expect(problems.filter((p) => !p.includes("404"))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it("shows a refused file's reason beside the file input, with JavaScript too", async () => {
    const context = await officeContext(true, 390);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/office/tao-moi`);
      const file = page.getByLabel("Tệp dự thảo (.docx, .txt hoặc .md)");
      await file.setInputFiles({ name: "du-thao.docx", mimeType: "application/octet-stream", buffer: Buffer.from("không phải Word") });
      await page.getByRole("button", { name: "Tải lên và xem cách tách" }).click();
      await expect.poll(() => file.getAttribute("aria-invalid"), { timeout: 15_000 }).toBe("true");
      const describedBy = (await file.getAttribute("aria-describedby"))!.split(" ");
      const error = page.locator(`[id="${describedBy[1]}"]`);
      expect(await error.textContent()).toMatch(/^Tệp «du-thao\.docx» không phải tệp Word \.docx hợp lệ/);
      await shot(page, "tao-moi-loi-390");
      expect(page.url()).toMatch(/\/office\/tao-moi$/);
    } finally {
      await context.close();
    }
  }, 90_000);

  it("works without JavaScript: paste, change a level, edit the text in the textarea, save", async () => {
    const context = await officeContext(false, 390);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/office/tao-moi`);
      await page
        .getByLabel("Nội dung dự thảo", { exact: true })
        .fill("KẾ HOẠCH\nThử không có JavaScript\n\nI. MỤC ĐÍCH\n\n1. Mục đích chung\n\nNội dung một.\n\nII. THỰC HIỆN\n\nNội dung hai.");
      await page.getByRole("button", { name: "Xem cách tách", exact: true }).click();
      await page.waitForURL(/\/office\/tao-moi\/[^/]+$/);
      await shot(page, "tao-moi-kiem-tra-390-khong-js");
      await section(page, "1.").getByRole("link", { name: /^Sửa/ }).click();
      await section(page, "1.").getByRole("button", { name: "Lên một cấp" }).click();
      await expect.poll(() => section(page, "1.").locator(".tree-head").textContent()).toContain("cấp 1");
      await section(page, "II.").getByRole("link", { name: /^Sửa/ }).click();
      await page.locator("textarea[name=text]").fill("Nội dung đã sửa.\n\nĐoạn thêm.");
      await page.getByRole("button", { name: "Lưu nội dung" }).click();
      await page.getByRole("button", { name: "Lưu dự thảo và tiếp tục" }).click();
      await page.waitForURL(/\/office\/lay-y-kien\/moi\?banDuThao=/);
      const stored = await storedVersion(new URL(page.url()).searchParams.get("banDuThao")!);
      expect(stored.map((s) => `${s.level}:${s.label}`)).toEqual(["1:I.", "1:1.", "1:II."]);
      expect(JSON.parse(stored[2]!.content).content).toHaveLength(2);
    } finally {
      await context.close();
    }
  }, 90_000);
});
