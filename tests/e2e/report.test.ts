// The Office in a real Chromium: signs in with the link `npm start` prints, opens the demo's closed
// consultation's report, and downloads the CSV over a slow connection, seeing the progress.
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the consolidated report in the browser", () => {
  it("shows the closed round's report and downloads its CSV with progress on a slow line", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const link = /http:\/\/\S+\/dang-nhap\/xac-nhan\?token=\S+/.exec(server.output())![0];
    await page.goto(link);
    await page.getByRole("button", { name: /Tiếp tục đăng nhập/ }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();

    await page.goto(`${server.url}/office`);
    await page
      .getByRole("link", { name: /đợt 1, đã kết thúc/ })
      .first()
      .click();
    await page.getByRole("link", { name: "Bảng tổng hợp ý kiến" }).click();
    await page.getByRole("heading", { level: 1, name: /BẢNG TỔNG HỢP Ý KIẾN, TIẾP THU, GIẢI TRÌNH/ }).waitFor();
    expect(await page.getByText("(TẠM THỜI)").count()).toBe(0);
    expect(await page.locator(".report__table tbody tr").count()).toBe(8);
    expect(await page.locator(".report__table tbody tr").first().textContent()).toContain("Góp ý chung");
    expect(await page.getByText("Các đơn vị không có ý kiến phản hồi được xem như thống nhất với dự thảo").isVisible()).toBe(true);

    // A slow line: the answer takes over a second, so the page says how much has arrived.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 1500, downloadThroughput: 50_000, uploadThroughput: 50_000 });
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /Tải dữ liệu \(CSV/ }).click();
    await page.getByText(/Đang tạo tệp… đã nhận/).waitFor();
    const download = await downloading;
    await page.getByText(/Đã tải xong/).waitFor();
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Khái toán kinh phí thực hiện kế hoạch: 64.200.000.000 đồng");
    await context.close();
  }, 60_000);
});
