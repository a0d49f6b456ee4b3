// A Word draft imported by the CLI, as an invited official reads it in Chromium: the letterhead as
// two columns that stack on a phone, the budget table in a region that scrolls by itself, and no
// serious or critical axe finding, at a desktop and a phone width.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolation } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { ROOT, runCli } from "../helpers/cli";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const EMAIL = "giam.doc.so.y.te@example.gov.vn";

let server: RunningServer;
let browser: Browser;
let consultationId = "";
let cookie = "";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const env = { ...server.databaseEnv, APP_URL: server.url };
  const imported = await runCli(["import", path.join(ROOT, "tests/fixtures/word/auto-numbered.docx")], env);
  expect(imported.stderr).toBe("");
  const spec = {
    documentVersionId: imported.json().versionId,
    title: "Dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
    letter: {
      number: "…/VP-VX",
      place: "Sóc Trăng",
      date: "2026-11-20",
      subject: "lấy ý kiến đối với dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo",
      addressees: ["- Sở Y tế;"],
      body: "Đề nghị góp ý.",
      distribution: ["Như trên;"],
      signerTitle: "CHÁNH VĂN PHÒNG",
      signerName: "Nguyễn Văn Ký",
    },
    deadline: "2099-12-06T23:59:59.999+07:00",
    recipients: [{ name: "Trần Văn A", title: "Giám đốc Sở Y tế", organization: "Sở Y tế", email: EMAIL }],
  };
  const file = path.join(server.dir, "spec.json");
  fs.writeFileSync(file, JSON.stringify(spec));
  const created = await runCli(["consultation", "create", file], env);
  expect(created.stderr).toBe("");
  consultationId = created.json().consultationId;
  cookie = await sessionCookieFor(server, { email: EMAIL });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([1280, 390])("an imported Word draft at %i px", (width) => {
  it("shows the letterhead in two columns (stacked on a phone), the table in its own scrolling region, and passes axe", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: server.url }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/lay-y-kien/${consultationId}`, { waitUntil: "networkidle" });
      const columns = await page.locator(".draft-layout .letterhead-column").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
      expect(columns).toHaveLength(2);
      if (width >= 1280) expect(columns[0]).toBe(columns[1]);
      else expect(columns[1]!).toBeGreaterThan(columns[0]!);
      const table = page.locator("section.table-wrap table").filter({ hasText: "Kinh phí (triệu đồng)" });
      await expect(table.count()).resolves.toBe(1);
      const toc = await page.locator(".toc a").allTextContents();
      expect(toc).toEqual(expect.arrayContaining(["I. MỤC ĐÍCH, YÊU CẦU", "a) Nâng cao hiệu quả quản lý nhà nước.", "II. KINH PHÍ"]));
      const found = (await axeViolations(page)).map(describeViolation);
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
