// Issue 10's whole round in a real Chromium, as an Office clerk meets it: sign in with the code from
// the email, upload the Office's own Word file with automatic numbering, fix one heading, fill the
// letter, paste 20 recipients copied from a spreadsheet, set the deadline, preview, publish — 20
// invitations reach a real SMTP server — then extend the deadline for everyone: 20 notices. Once
// with JavaScript and once without.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { calendarDateString, endOfVnDayAfter, toCalendarDate } from "~/domain/time";
import { usePortalWithMail } from "../helpers/portal";

const portal = usePortalWithMail();
const SHOTS = process.env.SHOTS_DIR;
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/word/auto-numbered.docx"));
const OFFICE = "van.phong@example.gov.vn";

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** 20 rows as Excel copies them: tab-separated, a header row, CRLF line ends. */
function spreadsheetRows(round: string): string {
  const header = "Họ tên\tChức vụ\tCơ quan\tEmail\tNhóm";
  const rows = Array.from({ length: 20 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return `Nguyễn Văn ${round}${n}\tGiám đốc\tSở số ${n}\tnguoi.${round.toLowerCase()}${n}@example.gov.vn\t${i < 5 ? "Thành viên UBND tỉnh" : "Sở, ban, ngành"}`;
  });
  return [header, ...rows].join("\r\n");
}

async function count(sql: string, ...args: unknown[]): Promise<number> {
  return (await portal.server.db.get<{ n: number }>(sql, ...args))!.n;
}

async function signInAsOffice(page: Page) {
  const before = portal.smtp.messages.length;
  await page.goto(`${portal.server.url}/dang-nhap`);
  await page.getByLabel("Địa chỉ email").fill(OFFICE);
  await page.getByRole("button", { name: "Gửi mã đăng nhập" }).click();
  await page.getByText("chúng tôi vừa gửi thư có mã đăng nhập").waitFor();
  const mail = (await portal.smtp.waitFor(before + 1)).slice(before).find((m) => JSON.stringify(m.to).includes(OFFICE))!;
  await page.getByLabel(/Mã đăng nhập/).fill(/Mã đăng nhập: (\d{6})/.exec(mail.text!)![1]!);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // The Office lands on its own page, not the public list.
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/office");
}

async function waitForPath(page: Page, pattern: RegExp) {
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search, { timeout: 20_000 }).toMatch(pattern);
}

async function runRound(javaScriptEnabled: boolean) {
  const round = javaScriptEnabled ? "A" : "B";
  await portal.smtp.waitFor(12); // the demo's invitations, sent at start
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  try {
    await signInAsOffice(page);

    // The Office's own Word file, numbered by Word: the labels are Word's, not guessed.
    await page.getByRole("link", { name: "Tạo đợt lấy ý kiến", exact: true }).click();
    await waitForPath(page, /^\/office\/tao-moi$/);
    await page.getByLabel("Tệp dự thảo (.docx, .txt hoặc .md)").setInputFiles({ name: "ke-hoach.docx", mimeType: "application/octet-stream", buffer: FIXTURE });
    await page.getByRole("button", { name: "Tải lên và xem cách tách" }).click();
    await waitForPath(page, /^\/office\/tao-moi\/[^/]+$/);
    const labels = await page.locator(".tree-label").allTextContents();
    expect(labels).toEqual(["I.", "1.", "a)", "b)", "2.", "II.", "1.", "III.", "1."]);

    // One heading fixed: item I.2's title.
    await page.getByRole("link", { name: "Sửa «2. Yêu cầu»" }).click();
    await page.locator("#heading-4").fill("Yêu cầu cụ thể");
    await page.getByRole("button", { name: "Lưu số hiệu và tiêu đề" }).click();
    await expect.poll(() => page.locator(".tree-item").nth(4).textContent(), { timeout: 15_000 }).toContain("Yêu cầu cụ thể");
    await shot(page, `flow-${round}-draft`);
    await page.getByLabel("Tên dự thảo", { exact: true }).fill(`Kế hoạch ứng dụng trí tuệ nhân tạo ${round}`);
    await page.getByRole("button", { name: "Lưu dự thảo và tiếp tục" }).click();
    await waitForPath(page, /^\/office\/lay-y-kien\/moi\?banDuThao=/);

    // The letter, prefilled from the Office's settings and the draft; the deadline set 20 days out.
    const deadline = endOfVnDayAfter(new Date(), 20);
    await page.getByLabel("Ngày hết hạn").fill(calendarDateString(toCalendarDate(deadline)));
    expect(await page.getByLabel("Trích yếu (sau «V/v»)").inputValue()).toMatch(/^lấy ý kiến đối với dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo/);
    await shot(page, `flow-${round}-letter`);
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await waitForPath(page, /^\/office\/lay-y-kien\/(?!moi)[^/?]+$/);
    const consultationId = new URL(page.url()).pathname.split("/").pop()!;

    // 20 people pasted from a spreadsheet.
    await page.goto(`${portal.server.url}/office/lay-y-kien/${consultationId}/nguoi-nhan`);
    await shot(page, `flow-${round}-recipients`);
    await page.getByLabel(/^Danh sách \(mỗi người một dòng/).fill(spreadsheetRows(round));
    await page
      .locator("form", { has: page.locator("textarea.paste-rows") })
      .getByRole("button", { name: "Thêm vào danh sách" })
      .click();
    await expect.poll(() => count(`SELECT COUNT(*) AS n FROM "Recipient" WHERE "consultationId" = ?`, consultationId), { timeout: 15_000 }).toBe(20);

    // Preview, then publish: 20 invitations arrive.
    const before = portal.smtp.messages.length;
    await page.goto(`${portal.server.url}/office/lay-y-kien/${consultationId}/cong-bo`);
    await page.getByText("Bản xem trước: công văn đúng như người nhận sẽ thấy").waitFor();
    await shot(page, `flow-${round}-preview`);
    await page.getByRole("link", { name: "Công bố…" }).click();
    await page.getByText("Sẽ gửi 20 thư mời").waitFor();
    await page.getByRole("button", { name: "Xác nhận công bố" }).click();
    await page.getByText(/^Đã công bố lúc/).waitFor({ timeout: 15_000 });
    const invited = (await portal.smtp.waitFor(before + 20, 30_000)).slice(before);
    expect(invited.filter((m) => m.subject?.startsWith("Mời góp ý dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo"))).toHaveLength(20);

    // The deadline extended for everyone: each of the 20 is told.
    const later = endOfVnDayAfter(deadline, 7);
    await page.goto(`${portal.server.url}/office/lay-y-kien/${consultationId}/thoi-han`);
    await page.getByLabel("Hạn mới: ngày").fill(calendarDateString(toCalendarDate(later)));
    await page.getByRole("button", { name: "Gia hạn cho tất cả" }).click();
    const told = (await portal.smtp.waitFor(before + 40, 30_000)).slice(before + 20);
    expect(told.filter((m) => m.subject?.startsWith("Gia hạn góp ý dự thảo Kế hoạch ứng dụng trí tuệ nhân tạo"))).toHaveLength(20);
    expect(new Set(told.map((m) => JSON.stringify(m.to))).size).toBe(20);
    await shot(page, `flow-${round}-extended`);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
}

describe("an Office clerk runs a consultation from the browser", () => {
  it("with JavaScript", () => runRound(true), 180_000);
  it("without JavaScript", () => runRound(false), 180_000);
});
