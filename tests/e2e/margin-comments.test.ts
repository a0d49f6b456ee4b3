// Commenting beside the text in a real Chromium, as an invited official: at 1280 px the comments
// stand in the margin beside their passages and the form opens there; at 390 px with touch the form
// is a bottom sheet. Selected by mouse, by keyboard alone, and by touch; the reader never moves.
// Without JavaScript the plain form lands back on the section with a message.
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolation } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { post } from "../helpers/http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const SHOTS = "/tmp/shots-margin";
const SECTION = "phan-iii-muc-2";
const OFFICIAL = "doan.thi.thu.trang@example.gov.vn";

let server: RunningServer;
let browser: Browser;
let path: string;
let cookie: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const c = (await server.db.get<{ id: string }>(`SELECT "id" FROM "Consultation" WHERE "deadlineAt" > ? ORDER BY "createdAt" LIMIT 1`, new Date()))!;
  const s = (await server.db.get<{ id: string; plainText: string }>(
    `SELECT s."id", s."plainText" FROM "Section" s JOIN "Consultation" c ON c."documentVersionId" = s."versionId" WHERE c."id" = ? AND s."anchor" = ?`,
    c.id,
    SECTION,
  ))!;
  path = `/lay-y-kien/${c.id}`;
  cookie = await sessionCookieFor(server, { email: OFFICIAL });
  // Two comments already there, one on a passage far down the section, one on the whole section.
  const quote = s.plainText.slice(200, 260);
  const sent = await post(
    server.url,
    path,
    { intent: "comment", target: s.id, start: "200", end: "260", exact: quote, text: "Đề nghị nêu rõ đơn vị chủ trì." },
    { cookie },
  );
  expect(sent.status).toBe(303);
  await post(server.url, path, { intent: "comment", target: s.id, text: "Mục này cần thêm chỉ tiêu cho năm 2025." }, { cookie });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(options: {
  width: number;
  height: number;
  touch?: boolean;
  js?: boolean;
}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    hasTouch: options.touch ?? false,
    isMobile: options.touch ?? false,
    javaScriptEnabled: options.js ?? true,
    bypassCSP: true, // axe-core is injected as a script of its own
  });
  const [name, ...value] = cookie.split("=");
  await context.addCookies([{ name: name!, value: value.join("="), url: server.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}${path}`);
  return { context, page, errors };
}

const body = (page: Page) => page.locator(`#${SECTION} .section-body .ProseMirror`);

async function ready(page: Page) {
  await body(page).waitFor();
  await page.locator(`#${SECTION} .passage-highlight`).first().waitFor();
}

/** axe-core's serious and critical findings on the page as it is now. */
async function axeSerious(page: Page): Promise<string[]> {
  return (await axeViolations(page)).filter((v) => v.impact !== null).map(describeViolation);
}

/** Viewport box of a quote's characters in the section, for selecting with the mouse or by script. */
async function selectByMouse(page: Page, paragraphIndex: number) {
  const paragraph = body(page).locator("p").nth(paragraphIndex);
  await paragraph.scrollIntoViewIfNeeded();
  const box = (await paragraph.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + 220, box.y + 8, { steps: 5 });
  await page.mouse.up();
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.className ?? "");

/**
 * How far a card stands from where it belongs: at its passage's height, or just below the card
 * above it when that one reaches further down. 0 when it is exactly there.
 */
async function cardOffset(page: Page, text: string): Promise<number> {
  return page.evaluate((wanted) => {
    const cards = [...document.querySelectorAll<HTMLElement>(".draft-margin .margin-card")]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .sort((a, b) => a.box.top - b.box.top);
    const i = cards.findIndex((c) => c.el.textContent?.includes(wanted));
    if (i < 0) return Number.POSITIVE_INFINITY;
    const mark = document.querySelector(`.passage-highlight[data-comment-ids~="${cards[i]!.el.dataset.cardId}"]`);
    if (!mark) return Number.POSITIVE_INFINITY;
    const floor = i > 0 ? cards[i - 1]!.box.bottom + 8 : Number.NEGATIVE_INFINITY;
    return Math.abs(cards[i]!.box.top - Math.max(mark.getBoundingClientRect().top, floor));
  }, text);
}

describe("comments beside the text at 1280 px", () => {
  it("shows the section's comments in the margin, each lighting its passage and the other way round, without scrolling", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await ready(page);
    await page.locator(`#${SECTION}`).scrollIntoViewIfNeeded();
    const cards = page.locator(".draft-margin .margin-card");
    expect(await cards.count()).toBe(2);
    const highlight = page.locator(`#${SECTION} .passage-highlight`).first();
    const passageTop = (await highlight.boundingBox())!.y;
    const passageCard = cards.filter({ hasText: "Đề nghị nêu rõ đơn vị chủ trì." });
    const cardTop = (await passageCard.boundingBox())!.y;
    // Beside its passage: at its height, or pushed a little down by the section's card above.
    expect(cardTop).toBeGreaterThanOrEqual(passageTop - 2);
    expect(cardTop - passageTop).toBeLessThan(250);

    const before = await scrollY(page);
    await passageCard.hover();
    await page.locator(".passage-highlight--active").first().waitFor();
    await page.screenshot({ path: `${SHOTS}/1280-card-hovered.png` });
    expect(await axeSerious(page)).toEqual([]);
    await page.mouse.move(5, 5);
    await highlight.click();
    await page.locator(".margin-card--active").waitFor();
    expect(await page.locator(".comment--active").count()).toBe(0);
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(4);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens the form beside a passage selected with the mouse, sends it, and stays in place", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await ready(page);
    await selectByMouse(page, 0);
    const control = page.getByRole("button", { name: "Góp ý đoạn này" });
    await control.waitFor();
    // Not over the selected line nor the next: it stands in the margin.
    const controlBox = (await control.boundingBox())!;
    const textBox = (await body(page).boundingBox())!;
    expect(controlBox.x).toBeGreaterThan(textBox.x + textBox.width);
    await page.screenshot({ path: `${SHOTS}/1280-control.png` });
    await control.click();
    const text = page.locator(".passage-form").getByLabel("Nội dung góp ý");
    await text.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    const quote = (await page.locator(".passage-form-quote").textContent())!;
    expect(quote).toMatch(/^“Hình thành các cơ sở/);
    await page.screenshot({ path: `${SHOTS}/1280-form-open.png` });
    expect(await axeSerious(page)).toEqual([]);
    const before = await scrollY(page);
    await text.fill("Đề nghị làm rõ cơ chế chia sẻ dữ liệu giữa các sở.");
    await page.locator(".passage-form").getByRole("button", { name: "Gửi góp ý" }).click();
    await page.getByRole("status").filter({ hasText: "Đã gửi góp ý" }).waitFor();
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(4);
    expect(page.url()).not.toContain("#");
    await page.screenshot({ path: `${SHOTS}/1280-sent.png` });
    // Placed within a frame or two of the highlight being drawn.
    await expect.poll(() => cardOffset(page, "Đề nghị làm rõ cơ chế"), { timeout: 2000 }).toBeLessThan(3);
    expect(await focused(page)).toContain("ProseMirror");
    // The list at the end of the page has it too, once the page's data is read again.
    await page.locator(".comment-list .comment-text", { hasText: "Đề nghị làm rõ cơ chế" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/1280-sent.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("comments with the keyboard alone: Shift+arrows, Tab to the control, Enter, type, send, back to the passage", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await ready(page);
    const section = body(page);
    expect(await section.getAttribute("aria-keyshortcuts")).toBe("Alt+Enter");
    expect(await page.locator(`#${await section.getAttribute("aria-describedby")}`).textContent()).toMatch(/Bằng bàn phím/);
    await section.focus();
    await section.evaluate((e) => e.scrollIntoView({ block: "center" }));
    for (let i = 0; i < 12; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Góp ý đoạn này");
    const before = await scrollY(page);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    expect(await page.locator(".passage-form-quote").textContent()).toBe("“Hình thành c”");
    await page.keyboard.type("Góp ý bằng bàn phím.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Đã gửi góp ý" }).waitFor();
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(4);
    expect(await focused(page)).toContain("ProseMirror");
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe("Hình thành c");
    // Placed within a frame or two of the highlight being drawn.
    await expect.poll(() => cardOffset(page, "Góp ý bằng bàn phím."), { timeout: 2000 }).toBeLessThan(3);
    // The passage stays selected, but its control does not stand over the new card until the selection moves.
    expect(await page.locator(".passage-control").count()).toBe(0);

    // Alt+Enter opens it too, and Escape closes it, back to the passage.
    await page.keyboard.press("Shift+ArrowRight");
    await page.locator(".passage-control").waitFor();
    await page.keyboard.press("Alt+Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await page.keyboard.press("Escape");
    expect(await page.locator(".passage-form").count()).toBe(0);
    expect(await focused(page)).toContain("ProseMirror");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("comments on a phone, 390 px with touch", () => {
  it("selects by touch, opens the bottom sheet with focus kept in it, sends, and stays in place", async () => {
    const { context, page, errors } = await open({ width: 390, height: 844, touch: true });
    page.setDefaultTimeout(10_000);
    await ready(page);
    const paragraph = body(page).locator("p").first();
    await paragraph.scrollIntoViewIfNeeded();
    // A tapped highlight shows its comments at the bottom of the screen, where the reader is.
    const atStart = await scrollY(page);
    const highlight = page.locator(`#${SECTION} .passage-highlight`, { hasText: "đảm bảo" }).first();
    const mark = (await highlight.boundingBox())!;
    await page.touchscreen.tap(mark.x + 5, mark.y + mark.height / 2);
    const peek = page.getByRole("region", { name: "Góp ý về đoạn này" });
    await peek.waitFor();
    expect(await peek.getByText("Đề nghị nêu rõ đơn vị chủ trì.").isVisible()).toBe(true);
    expect(Math.abs((await scrollY(page)) - atStart)).toBeLessThanOrEqual(4);
    await page.screenshot({ path: `${SHOTS}/390-peek.png` });
    expect(await axeSerious(page)).toEqual([]);
    await peek.getByRole("button", { name: "Đóng" }).tap();
    // Simulated: a tap on plain text, then the selection a long-press would make, set through the
    // Selection API (Chromium's emulation has no long-press gesture); the reader hears it through
    // selectionchange as it would the real one.
    const box = (await paragraph.boundingBox())!;
    await page.touchscreen.tap(box.x + 10, box.y + box.height - 10);
    await paragraph.evaluate((p) => {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode();
      while (text && !text.textContent?.includes("thông tin dữ liệu")) text = walker.nextNode();
      const at = text!.textContent!.indexOf("thông tin dữ liệu");
      document.getSelection()!.setBaseAndExtent(text!, at, text!, at + "thông tin dữ liệu".length);
    });
    const control = page.getByRole("button", { name: "Góp ý đoạn này" });
    await control.waitFor();
    const controlBox = (await control.boundingBox())!;
    expect(controlBox.y + controlBox.height).toBeGreaterThan(844 - 80); // at the bottom, clear of the selection menu
    await page.screenshot({ path: `${SHOTS}/390-control.png` });
    const before = await scrollY(page);
    await control.tap();
    const sheet = page.getByRole("dialog", { name: /Góp ý đoạn này/ });
    await sheet.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    expect(await sheet.locator(".passage-form-quote").textContent()).toBe("“thông tin dữ liệu”");
    const sheetBox = (await sheet.boundingBox())!;
    expect(sheetBox.y + sheetBox.height).toBeGreaterThan(840);
    // Focus stays in the sheet: Tab from its last button comes back to its first field.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await sheet.evaluate((s) => s.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/390-sheet-open.png` });
    expect(await axeSerious(page)).toEqual([]);
    await sheet.getByLabel("Nội dung góp ý").fill("Góp ý từ điện thoại.");
    await sheet.getByRole("button", { name: "Gửi góp ý" }).tap();
    await page.getByRole("status").filter({ hasText: "Đã gửi góp ý" }).waitFor();
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(4);
    expect(await page.locator(`#${SECTION} .passage-highlight`).count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${SHOTS}/390-sent.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("sends the plain form and lands back on the section commented on, told that it was sent", async () => {
    const { context, page } = await open({ width: 390, height: 844, js: false });
    await page.getByLabel("Góp ý cho").selectOption({ label: "2. Xây dựng hạ tầng dữ liệu và tính toán cho nghiên cứu, phát triển và ứng dụng TTNT" });
    await page.getByLabel("Nội dung góp ý").fill("Góp ý không cần JavaScript.");
    await page.getByRole("button", { name: "Gửi góp ý" }).click();
    await page.waitForURL(new RegExp(`\\?da-gui=[0-9a-f-]{36}#${SECTION}$`));
    const notice = page.getByRole("status").filter({ hasText: "Đã gửi góp ý của đồng chí." });
    expect(await notice.isVisible()).toBe(true);
    const box = (await page.locator(`#${SECTION}`).boundingBox())!;
    expect(box.y).toBeLessThan(200);
    const noticeBox = (await notice.boundingBox())!;
    expect(noticeBox.y).toBeGreaterThanOrEqual(0);
    expect(noticeBox.y).toBeLessThan(844);
    await page.screenshot({ path: `${SHOTS}/390-nojs-sent.png` });
    await context.close();
  });
});

describe("between a phone and a wide screen, 900 px", () => {
  it("puts the control above the selection and the form right after the section's text", async () => {
    const { context, page, errors } = await open({ width: 900, height: 900 });
    page.setDefaultTimeout(10_000);
    await ready(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const hint = page.getByText(/^Chọn một đoạn văn trong dự thảo để góp ý trực tiếp vào đoạn đó/);
    expect(await hint.isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/900-hint.png` });
    await selectByMouse(page, 0);
    const control = page.getByRole("button", { name: "Góp ý đoạn này" });
    await control.waitFor();
    const selection = await page.evaluate(() => document.getSelection()!.getRangeAt(0).getBoundingClientRect().top);
    const controlBox = (await control.boundingBox())!;
    expect(controlBox.y + controlBox.height).toBeLessThanOrEqual(selection);
    await page.screenshot({ path: `${SHOTS}/900-control.png` });
    const before = await scrollY(page);
    await control.click();
    const form = page.locator(`#${SECTION} .passage-form`);
    await form.waitFor();
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(4);
    await page.screenshot({ path: `${SHOTS}/900-form-open.png` });
    expect(await axeSerious(page)).toEqual([]);
    await form.getByRole("button", { name: "Hủy" }).click();
    expect(await form.count()).toBe(0);
    expect(await focused(page)).toContain("ProseMirror");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a refusal", () => {
  it("shows the server's reason beside the text box and keeps what was typed", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await ready(page);
    await selectByMouse(page, 0);
    await page.getByRole("button", { name: "Góp ý đoạn này" }).click();
    const form = page.locator(".passage-form");
    await form.getByRole("button", { name: "Gửi góp ý" }).click();
    expect(await form.getByRole("alert").textContent()).toBe("Vui lòng nhập nội dung góp ý.");
    // The deadline passes while the official is typing.
    await server.db.run(`UPDATE "Consultation" SET "deadlineAt" = ?`, new Date(Date.now() - 60_000));
    const text = form.getByLabel("Nội dung góp ý");
    await text.fill("Gửi khi vừa hết hạn.");
    await form.getByRole("button", { name: "Gửi góp ý" }).click();
    await form
      .getByRole("alert")
      .filter({ hasText: /hết hạn/ })
      .waitFor();
    expect(await text.getAttribute("aria-invalid")).toBe("true");
    expect(await text.inputValue()).toBe("Gửi khi vừa hết hạn.");
    expect(await page.getByRole("status").filter({ hasText: "Đã gửi góp ý" }).count()).toBe(0);
    // Still beside the passage, though the panel above the draft lost its forms when the page's
    // data came back after the deadline.
    const formTop = (await form.boundingBox())!.y;
    const passageTop = (await body(page).locator("p").first().boundingBox())!.y;
    expect(Math.abs(formTop - passageTop)).toBeLessThan(30);
    await page.screenshot({ path: `${SHOTS}/1280-refused.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
