// The pages under their Content-Security-Policy in a real Chromium: inline scripts run only with
// the document's nonce, so a page that lost its nonce would stop hydrating. A signed-in official
// reads the draft (the passage readers mount from their own fetch) and the Office works its
// screens, and the browser reports no violation of the policy.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SCHEDULER: "off" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page signed in as this person, recording every CSP violation and console error it meets. */
async function signedInPage(who: { email: string } | { role: "office" }) {
  const context = await browser.newContext();
  const [name, value] = (await sessionCookieFor(server, who)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

async function openConsultation(page: Page) {
  await page.goto(server.url);
  const href = await page.locator('a[href^="/lay-y-kien/"]').first().getAttribute("href");
  await page.goto(`${server.url}${href}`);
  return href!;
}

describe("pages under the Content-Security-Policy", () => {
  it("run the consultation page's scripts: Remix hydrates and the passage reader mounts", async () => {
    const { page, problems } = await signedInPage({ email: "doan.thi.thu.trang@example.gov.vn" });
    await openConsultation(page);
    const reader = page.locator("#phan-iii-muc-2 .section-body .ProseMirror p").first();
    // Blocked scripts fail silently: wait a while, then say what the browser refused.
    await reader.waitFor({ timeout: 10_000 }).catch(() => {});
    expect(await violations(page)).toEqual([]);
    expect(await reader.isVisible()).toBe(true);
    // Hydrated: Remix's client took over the document.
    expect(await page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("let the Office open its screens and post a form through Remix's client", async () => {
    const { page, problems } = await signedInPage({ role: "office" });
    await page.goto(`${server.url}/office`);
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter), undefined, { timeout: 8000 });
    await page.locator('a[href^="/office/lay-y-kien/"]:not([href$="/moi"])').first().click({ timeout: 8000 });
    await page.getByRole("link", { name: "Thời hạn và quy tắc", exact: true }).first().click({ timeout: 8000 });
    await page.getByRole("heading", { name: "Lịch nhắc" }).waitFor({ timeout: 8000 });
    await page.getByRole("button", { name: "Lưu lịch nhắc" }).click({ timeout: 8000 });
    await page.getByText("Đã lưu lịch nhắc.").waitFor({ timeout: 8000 });
    await page.getByRole("link", { name: "Xử lý ý kiến", exact: true }).first().click();
    await page.getByRole("heading", { name: "Tiến độ" }).waitFor();
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
