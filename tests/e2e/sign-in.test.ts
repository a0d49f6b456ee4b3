// A person signs in in a real Chromium: asks for a code, reads it from the mail that reached a
// real SMTP server, types it, is signed in, signs out.
import { describe, expect, it } from "vitest";
import { usePortalWithMail } from "../helpers/portal";

const portal = usePortalWithMail();

describe("signing in", () => {
  it("with the code from the email, then out again", async () => {
    const invitations = await portal.smtp.waitFor(12); // the demo's recipients were invited at start
    expect(invitations.every((m) => m.subject!.startsWith("Mời góp ý dự thảo"))).toBe(true);
    const page = await portal.browser.newPage();
    await page.goto(portal.server.url);
    await page.getByRole("link", { name: "Đăng nhập" }).click();
    await page.getByLabel("Địa chỉ email").fill("doan.thi.thu.trang@example.gov.vn");
    await page.getByRole("button", { name: "Gửi mã đăng nhập" }).click();
    await page.getByText("chúng tôi vừa gửi thư có mã đăng nhập").waitFor();

    const mails = await portal.smtp.waitFor(13);
    const mail = mails.find((m) => m.subject === "Đăng nhập Cổng góp ý dự thảo văn bản")!;
    expect(JSON.stringify(mail.to)).toContain("doan.thi.thu.trang@example.gov.vn");
    const code = /Mã đăng nhập: (\d{6})/.exec(mail.text!)![1]!;

    await page.getByLabel(/Mã đăng nhập/).fill(code);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
    expect(await page.getByText("Đoàn Thị Thu Trang").isVisible()).toBe(true);
    // A recipient is not the Office.
    const office = await page.goto(`${portal.server.url}/office`);
    expect(office!.status()).toBe(403);

    await page.goto(portal.server.url);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("link", { name: "Đăng nhập" }).waitFor();
    await page.close();
  });

  it("stays on the portal when the page it should lead back to is another host in disguise", async () => {
    const page = await portal.browser.newPage();
    // A tab inside "/\t/evil.example" is dropped by the browser, which then reads "//evil.example".
    await page.goto(`${portal.server.url}/dang-nhap?tiep=/%09/evil.example`);
    const before = portal.smtp.messages.length;
    await page.getByLabel("Địa chỉ email").fill("lam.van.hoa@example.gov.vn");
    await page.getByRole("button", { name: "Gửi mã đăng nhập" }).click();
    await page.getByText("chúng tôi vừa gửi thư có mã đăng nhập").waitFor();
    const mail = (await portal.smtp.waitFor(before + 1)).slice(before).find((m) => JSON.stringify(m.to).includes("lam.van.hoa@example.gov.vn"))!;
    await page.getByLabel(/Mã đăng nhập/).fill(/Mã đăng nhập: (\d{6})/.exec(mail.text!)![1]!);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(portal.server.url).origin);
    // Signed in, the same address leads home rather than away.
    await page.goto(`${portal.server.url}/dang-nhap?tiep=/%09/evil.example`);
    expect(new URL(page.url()).origin).toBe(new URL(portal.server.url).origin);
    await page.close();
  });

  it("refuses a wrong code with a clear message", async () => {
    const page = await portal.browser.newPage();
    await page.goto(`${portal.server.url}/dang-nhap`);
    await page.getByLabel("Địa chỉ email").fill("kieu.van.sang@example.gov.vn");
    await page.getByRole("button", { name: "Gửi mã đăng nhập" }).click();
    await page.getByLabel(/Mã đăng nhập/).fill("000000");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/không đúng/);
    await page.close();
  });
});
