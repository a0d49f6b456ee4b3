// "Công bố kết quả" in a real Chromium with JavaScript: the Office asks to publish the closed demo
// round from its report, is told how many officials will be emailed and how many comments are
// undecided, is refused beside the checkbox until it ticks it (at phone width), then publishes (at
// desktop width); an official who commented reads the decision under their comment, and anyone
// reads the published report. axe-core on every state, at 1280 and 390 px; screenshots for people.
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolation } from "../helpers/axe";
import { usePortalWithMail } from "../helpers/portal";
import { sessionCookieFor } from "../helpers/session";

const SHOTS = "/tmp/shots-outcome";
const portal = usePortalWithMail();

let closed = "";
let author = "";

async function facts() {
  if (closed) return;
  closed = (await portal.server.db.get<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" LIMIT 1`))!.id;
  // An official whose comment the Office explained ("Giải trình"), so there is an explanation to read.
  author = (await portal.server.db.get<{ email: string }>(
    `SELECT u.email FROM "Disposition" d JOIN "Comment" c ON c.id = d."commentId" JOIN "User" u ON u.id = c."authorId" WHERE c."consultationId" = ? AND d.kind = 'explained' ORDER BY u.email LIMIT 1`,
    closed,
  ))!.email;
  fs.mkdirSync(SHOTS, { recursive: true });
}

async function open(browser: Browser, width: number, who: "office" | { email: string } | null): Promise<{ context: BrowserContext; page: Page }> {
  // axe is injected as a script of its own, which the page's Content-Security-Policy rightly refuses.
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, hasTouch: width < 600 });
  if (who) {
    const cookie = await sessionCookieFor(portal.server, who === "office" ? { role: "office" } : who);
    await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: portal.server.url }]);
  }
  return { context, page: await context.newPage() };
}

async function checked(page: Page, name: string, part?: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  // The full page of a long report is too tall to look at: the part that changed, on its own too.
  if (part)
    await page
      .locator(part)
      .first()
      .screenshot({ path: `${SHOTS}/${name}-part.png` });
  const found = (await axeViolations(page)).map(describeViolation);
  expect(found, name).toEqual([]);
}

describe("publishing the result in the browser", () => {
  it("at 390 px: the confirmation says who is emailed and what is undecided, and refuses beside the box until it is ticked", async () => {
    await facts();
    const { context, page } = await open(portal.browser, 390, "office");
    try {
      await page.goto(`${portal.server.url}/office/lay-y-kien/${closed}/bao-cao`, { waitUntil: "networkidle" });
      await page.getByRole("link", { name: "Công bố kết quả…" }).click();
      await page.getByText(/Sẽ gửi thư báo cho 6 người đã góp ý/).waitFor();
      await checked(page, "confirm-390", ".result-publication");
      await page.getByRole("button", { name: "Xác nhận công bố kết quả" }).click();
      const box = page.getByRole("checkbox", { name: /Vẫn công bố khi còn \d+ ý kiến chưa xử lý/ });
      await page
        .getByText(/Vui lòng đánh dấu ô xác nhận/)
        .first()
        .waitFor();
      expect(await box.getAttribute("aria-invalid")).toBe("true");
      await checked(page, "confirm-refused-390", ".result-publication");
    } finally {
      await context.close();
    }
    expect((await portal.server.db.get<{ at: Date | null }>(`SELECT "resultPublishedAt" AS at FROM "Consultation" WHERE id = ?`, closed))!.at).toBeNull();
  }, 90_000);

  it("at 1280 px: publishes after the confirmation, and each official who commented is emailed once", async () => {
    await facts();
    const { context, page } = await open(portal.browser, 1280, "office");
    try {
      await page.goto(`${portal.server.url}/office/lay-y-kien/${closed}/bao-cao?congBoKetQua=1#cong-bo-ket-qua`, { waitUntil: "networkidle" });
      await checked(page, "confirm-1280", ".result-publication");
      await page.getByRole("checkbox", { name: /Vẫn công bố khi còn/ }).check();
      await page.getByRole("button", { name: "Xác nhận công bố kết quả" }).click();
      await page.getByText("Đã công bố kết quả và xếp 6 thư báo vào hàng gửi.").waitFor();
      await checked(page, "published-1280", ".result-publication");
    } finally {
      await context.close();
    }
    const until = Date.now() + 30_000;
    const mine = () => portal.smtp.messages.filter((m) => (m.subject ?? "").startsWith("Kết quả tiếp thu, giải trình"));
    while (mine().length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(new Set(mine().map((m) => (m.to as { text: string }).text)).size).toBe(6);
  }, 90_000);

  for (const width of [1280, 390]) {
    it(`at ${width} px: the official reads the decision under their comment, and anyone reads the published report`, async () => {
      await facts();
      const official = await open(portal.browser, width, { email: author });
      try {
        await official.page.goto(`${portal.server.url}/lay-y-kien/${closed}#danh-sach-gop-y`, { waitUntil: "networkidle" });
        const decision = official.page.locator(".comment-decision", { hasText: "Giải trình" }).first();
        await decision.waitFor();
        expect(await decision.textContent()).toContain("Ý kiến xử lý của Văn phòng");
        expect(await official.page.getByText("(ý kiến của đồng chí)").count()).toBeGreaterThan(0);
        await decision.scrollIntoViewIfNeeded();
        await official.page.screenshot({ path: `${SHOTS}/official-decision-viewport-${width}.png` });
        await official.page.locator(".result-notice").screenshot({ path: `${SHOTS}/official-notice-${width}.png` });
        await checked(official.page, `official-${width}`);
      } finally {
        await official.context.close();
      }
      const anyone = await open(portal.browser, width, null);
      try {
        await anyone.page.goto(`${portal.server.url}/`, { waitUntil: "networkidle" });
        await anyone.page.getByRole("link", { name: /Kết quả lấy ý kiến/ }).click();
        await anyone.page.getByRole("heading", { level: 1, name: /BẢNG TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH/ }).waitFor();
        expect(await anyone.page.content()).not.toMatch(/@example\.gov\.vn/);
        await checked(anyone.page, `public-result-${width}`, ".report-page");
      } finally {
        await anyone.context.close();
      }
    }, 90_000);
  }
});
