import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { launchBrowser } from "./helpers/browser";
import { startServer } from "./helpers/server";
import { sessionCookieFor } from "./helpers/session";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const server = await startServer();
const browser = await launchBrowser();
const db = new Database(server.databasePath, { readonly: true });
const [open] = (db.prepare(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC`).all() as { id: string }[]).map((c) => c.id);
const office = sessionCookieFor(server.databasePath, { role: "office" });
const bad = ["Nguyễn Văn A\tGiám đốc\tSở A\ta@x.vn", "Trần B\t\tSở B\tb@x.vn", "Lê C\tGiám đốc\tSở C\tabc@", "Phạm D\tGiám đốc\tSở D\tA@x.vn"].join("\n");
try {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    await context.addCookies([{ name: "__session", value: office.slice(office.indexOf("=") + 1), url: server.url }]);
    const page = await context.newPage();
    const shots: [string, () => Promise<unknown>][] = [
      ["nguoi-nhan", () => page.goto(`${server.url}/office/lay-y-kien/${open}/nguoi-nhan`, { waitUntil: "networkidle" })],
      [
        "nguoi-nhan-loi",
        async () => {
          await page.goto(`${server.url}/office/lay-y-kien/${open}/nguoi-nhan`, { waitUntil: "networkidle" });
          await page.fill("textarea[name=rows]", bad);
          await page.click("form#paste button[type=submit]");
          await page.waitForSelector("#paste .field-error, .form-error");
        },
      ],
      ["danh-ba", () => page.goto(`${server.url}/office/danh-ba`, { waitUntil: "networkidle" })],
      ["tai-khoan", () => page.goto(`${server.url}/office/tai-khoan`, { waitUntil: "networkidle" })],
      [
        "tai-khoan-loi",
        async () => {
          await page.goto(`${server.url}/office/tai-khoan`, { waitUntil: "networkidle" });
          await page.fill("input[name=email]", "khong-hop-le");
          await page.click("form#add-account button[type=submit]");
          await page.waitForTimeout(500);
        },
      ],
    ];
    for (const [name, go] of shots) {
      await go();
      await page.screenshot({ path: `/tmp/shots-recipients/${name}-${width}.png`, fullPage: true });
      await page.screenshot({ path: `/tmp/shots-recipients/${name}-${width}-top.png` });
      if (name === "nguoi-nhan-loi") await page.locator("form#paste").screenshot({ path: `/tmp/shots-recipients/${name}-${width}-form.png` });
      if (name === "nguoi-nhan") await page.locator("fieldset.book-group").first().screenshot({ path: `/tmp/shots-recipients/${name}-${width}-book.png` });
      await page.addScriptTag({ path: AXE });
      const v = await page.evaluate(async () => {
        const axe = (window as any).axe;
        const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return r.violations.map((x: any) => `${x.id} (${x.impact}): ${x.nodes.map((n: any) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      console.log(width, name, v.length ? v : "axe: nothing");
    }
    await context.close();
  }
} finally {
  db.close();
  await browser.close();
  await server.stop();
}
