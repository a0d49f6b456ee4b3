// Officials at work in a real Chromium: sign in from the invitation email, select a passage in
// "III. NỘI DUNG", comment, see it highlighted after a reload; another agrees; in a consultation
// whose deadline has passed the controls are gone and a crafted POST is refused.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { usePortalWithMail } from "../helpers/portal";

const portal = usePortalWithMail();

beforeAll(async () => {
  await portal.smtp.waitFor(12); // the demo's invitations, sent at start
});

function invitationLink(email: string): string {
  const mail = portal.smtp.messages.find((m) => m.subject!.startsWith("Mời góp ý") && JSON.stringify(m.to).includes(email))!;
  return /(http:\/\/127\.0\.0\.1:\d+\/dang-nhap\/xac-nhan\?token=[A-Za-z0-9_-]+)/.exec(mail.text!)![1]!;
}

async function signInFromInvitation(email: string): Promise<Page> {
  const context = await portal.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(invitationLink(email));
  await page.getByRole("button", { name: "Tiếp tục đăng nhập" }).click();
  await page.waitForURL(/\/lay-y-kien\//);
  return page;
}

describe("commenting in the browser", () => {
  it("selects a passage in III. NỘI DUNG, comments, and finds it highlighted after a reload", async () => {
    const page = await signInFromInvitation("doan.thi.thu.trang@example.gov.vn");
    expect(await page.getByText("Góp ý với tư cách:").textContent()).toContain("Giám đốc Sở Y tế");
    const paragraph = page.locator("#phan-iii-muc-2 .section-body .ProseMirror p").first();
    await paragraph.waitFor();
    await paragraph.scrollIntoViewIfNeeded();
    const box = (await paragraph.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 8);
    await page.mouse.down();
    await page.mouse.move(box.x + 250, box.y + box.height / 8, { steps: 5 });
    await page.mouse.up();
    await page.getByRole("button", { name: "Góp ý đoạn này" }).click();
    const form = page.locator(".passage-form");
    const quote = await form.locator(".passage-form-quote").textContent();
    expect(quote).toMatch(/^“Hình thành các cơ sở/);
    await form.getByLabel("Nội dung góp ý").fill("Đề nghị <b>làm rõ</b> <script>window.hacked = 1</script> cơ chế chia sẻ dữ liệu.");
    await form.getByRole("button", { name: "Gửi góp ý" }).click();
    await page.getByRole("status").filter({ hasText: "Đã gửi góp ý" }).waitFor();

    await page.reload();
    const highlight = page.locator("#phan-iii-muc-2 .passage-highlight");
    await highlight.first().waitFor();
    expect(`“${(await highlight.allTextContents()).join("")}”`).toBe(quote);
    const comment = page.locator(".comment").first();
    expect(await comment.locator(".comment-text").textContent()).toBe("Đề nghị <b>làm rõ</b> <script>window.hacked = 1</script> cơ chế chia sẻ dữ liệu.");
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    expect(await comment.locator("b").count()).toBe(0);

    // From the comment to its passage, and from the passage back to the comment.
    await comment.locator("[data-focus-comment]").click();
    await page.locator(".passage-highlight--active").first().waitFor();
    await highlight.first().click();
    await page.locator(".draft-margin .margin-card--active").waitFor();
    await page.context().close();
  });

  it("lets another recipient agree explicitly", async () => {
    const page = await signInFromInvitation("kieu.van.sang@example.gov.vn");
    await page.getByText("Thống nhất với dự thảo", { exact: true }).first().click(); // opens the <details>
    await page.getByLabel("Ghi chú (không bắt buộc)").fill("Thanh tra tỉnh thống nhất.");
    await page.getByRole("button", { name: "Thống nhất với dự thảo" }).click();
    await page.getByText(/Đồng chí đã thống nhất với dự thảo lúc/).waitFor();
    expect(await page.getByText("Tình trạng:").textContent()).toContain("thống nhất");
    await page.context().close();
  });

  it("removes the controls after the deadline and refuses a crafted POST", async () => {
    const page = await signInFromInvitation("vo.quoc.bao@example.gov.vn");
    const url = page.url().replace(/#.*$/, "");
    await portal.server.db.run(`UPDATE "Consultation" SET "deadlineAt" = ?`, new Date(Date.now() - 60_000));
    await page.goto(url);
    expect(await page.getByRole("button", { name: "Gửi góp ý" }).count()).toBe(0);
    expect(
      await page
        .getByText(/Đã hết hạn góp ý/)
        .first()
        .isVisible(),
    ).toBe(true);
    const status = await page.evaluate(async (target) => {
      const body = new FormData();
      body.set("intent", "comment");
      body.set("text", "Gửi sau hạn bằng một yêu cầu tự tạo");
      return (await fetch(target, { method: "POST", body })).status;
    }, url);
    expect(status).toBe(403);
    await page.context().close();
  });

  it("refuses a POST sent from another site", async () => {
    const list = await (await fetch(portal.server.url)).text();
    const path = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)![1]!;
    const r = await fetch(`${portal.server.url}${path}`, {
      method: "POST",
      headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=agree",
    });
    expect(r.status).toBe(403);
    expect(await r.text()).toMatch(/từ một trang web khác/);
  });
});
