// The passage reader in a real Chromium: a static page holds one section as the server renders it,
// the bundled reader replaces it, and a person selects passages with the mouse and the keyboard
// and clicks commented ones.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RichText } from "~/components/rich-text";
import { docToPlainText, paragraphsToDoc } from "~/domain/tiptap";
import { launchBrowser } from "../helpers/browser";
import { ROOT } from "../helpers/cli";

const doc = paragraphsToDoc([
  {
    runs: [
      { text: "Quyết định này quy định về " },
      { text: "việc lấy ý kiến góp ý", bold: true },
      { text: " đối với dự thảo văn bản quy phạm pháp luật của Ủy ban nhân dân tỉnh." },
    ],
  },
  { runs: [{ text: "Các sở, ban, ngành có trách nhiệm:\nnghiên cứu, góp ý đúng thời hạn;\ngửi ý kiến bằng văn bản." }] },
  { runs: [] },
  { runs: [{ text: "Trường hợp quá thời hạn mà không có ý kiến thì được xem là " }, { text: "thống nhất", italic: true }, { text: " với dự thảo." }] },
  // Two spaces, as Word documents often have: both renderings must keep them alike.
  { runs: [{ text: "Quyết định có hiệu lực  kể từ ngày ký.\n" }] },
]);
const text = docToPlainText(doc);

/** [start, end) of a quote that occurs once in the canonical text. */
function span(from: string, to: string): { start: number; end: number } {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  if (start < 0 || text.indexOf(from, start + 1) >= 0 || end < start + from.length) throw new Error(`not a unique span: ${from}…${to}`);
  return { start, end };
}

const first = { id: "gop-y-1", ...span("việc lấy ý kiến", "dự thảo văn bản") };
const second = { id: "gop-y-2", ...span("góp ý đối với", "Các sở") };
const highlights = [first, second];
const label = "Nội dung Điều 1, chọn đoạn văn để góp ý";

const serverBody = renderToStaticMarkup(createElement(RichText, { doc }));
const page = (bundle: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Thử đọc đoạn văn</title>
<link rel="stylesheet" href="/app.css"><link rel="stylesheet" href="/passage.css"></head>
<body><main id="noi-dung">
<p><a id="truoc" href="#dieu-1">Đến Điều 1</a></p>
<article class="paper draft">
<section id="dieu-1" class="draft-section"><div class="section-head"><h2 class="section-heading">Điều 1. Phạm vi điều chỉnh</h2></div>
<div class="section-body">${serverBody}</div></section>
<p id="ngoai">Đoạn văn nằm ngoài phần được góp ý.</p>
</article></main>
<script>window.passageSample = ${JSON.stringify({ doc, highlights, label }).replace(/</g, "\\u003c")};</script>
<script>${bundle}</script>
</body></html>`;

let server: http.Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, "tests/fixtures/passage-reader-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const html = page(result.outputFiles[0]!.text.replace(/<\/script/gi, "<\\/script"));
  const styles: Record<string, string> = {
    "/app.css": fs.readFileSync(path.join(ROOT, "app/styles/app.css"), "utf8"),
    "/passage.css": fs.readFileSync(path.join(ROOT, "app/styles/passage.css"), "utf8"),
  };
  server = http.createServer((req, res) => {
    const css = styles[req.url ?? ""];
    if (req.url === "/favicon.ico") res.writeHead(204).end();
    else if (css !== undefined) res.writeHead(200, { "content-type": "text/css; charset=utf-8" }).end(css);
    else if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const pageErrors = new WeakMap<Page, string[]>();

async function openPage({ mount = true, height = 900 } = {}): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 900, height } });
  const errors: string[] = [];
  pageErrors.set(p, errors);
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("console", (m) => void ((m.type() === "error" || m.type() === "warning") && errors.push(m.text())));
  await p.goto(url);
  if (mount) await p.evaluate(() => window.mountReader());
  return p;
}

async function closePage(p: Page) {
  expect(pageErrors.get(p)).toEqual([]);
  await p.close();
}

/** Viewport points at the left edge of a quote's first character and the right edge of its last. */
async function edges(p: Page, quote: string) {
  return p.evaluate((q) => {
    const root = document.querySelector("#dieu-1 .section-body")!;
    const nodes: { node: Text; at: number }[] = [];
    let all = "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, at: all.length });
      all += n.nodeValue;
    }
    const charRect = (i: number) => {
      const hit = nodes.findLast((n) => n.at <= i)!;
      const r = document.createRange();
      r.setStart(hit.node, i - hit.at);
      r.setEnd(hit.node, i - hit.at + 1);
      return r.getBoundingClientRect();
    };
    const start = all.indexOf(q);
    if (start < 0 || all.indexOf(q, start + 1) >= 0) throw new Error(`quote not unique in the page: ${q}`);
    const a = charRect(start);
    const b = charRect(start + q.length - 1);
    return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: b.right - 1, y: b.top + b.height / 2 } };
  }, quote);
}

async function drag(p: Page, quote: string) {
  const { from, to } = await edges(p, quote);
  await p.mouse.move(from.x, from.y);
  await p.mouse.down();
  await p.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await p.mouse.move(to.x, to.y, { steps: 4 });
  await p.mouse.up();
}

/** Runs an action and returns what the reader reported because of it. */
async function reported(p: Page, action: () => Promise<unknown>) {
  const before = await p.evaluate(() => window.reports.length);
  await action();
  await p.waitForFunction((n) => window.reports.length > n, before);
  return p.evaluate(() => window.reports.at(-1)!);
}

const anchorAfter = (p: Page, action: () => Promise<unknown>) => reported(p, action).then((r) => r.anchor);
const anchorOf = (quote: string) => {
  const start = text.indexOf(quote);
  if (start < 0 || text.indexOf(quote, start + 1) >= 0) throw new Error(`not a unique quote: ${quote}`);
  return { start, end: start + quote.length, exact: quote };
};

describe("passage reader", () => {
  it("shows the same text, in the same place, as the server markup it replaces", async () => {
    const p = await openPage({ mount: false });
    const layout = () =>
      p.evaluate(() => {
        const body = document.querySelector("#dieu-1 .section-body")!;
        return {
          paragraphs: [...body.querySelectorAll("p")].map((el) => {
            const r = el.getBoundingClientRect();
            return { text: el.textContent, top: r.top, height: r.height, width: r.width, display: getComputedStyle(el).display };
          }),
          bodyHeight: body.getBoundingClientRect().height,
          after: document.querySelector("#ngoai")!.getBoundingClientRect().top,
          text: (body as HTMLElement).textContent,
        };
      });
    const before = await layout();
    // The browser serialises <br/> as <br>.
    const served = serverBody.replaceAll("<br/>", "<br>");
    expect(await p.locator("#dieu-1 .section-body").innerHTML()).toBe(served);
    await p.evaluate(() => window.mountReader());
    await p.locator(".ProseMirror").waitFor();
    const after = await layout();
    expect(after.paragraphs.map((x) => x.text)).toEqual(before.paragraphs.map((x) => x.text));
    expect(after.text).toBe(before.text);
    expect(after.paragraphs).toEqual(before.paragraphs);
    expect(after.bodyHeight).toBe(before.bodyHeight);
    expect(after.after).toBe(before.after);
    const view = p.getByRole("document", { name: label });
    expect(await view.getAttribute("contenteditable")).toBe("false");
    expect(await view.getAttribute("tabindex")).toBe("0");

    // The caret drawn while the reader has focus moves nothing either.
    await view.focus();
    await p.locator(".passage-caret").waitFor({ state: "attached" });
    expect((await layout()).paragraphs).toEqual(before.paragraphs);

    // Taking it down puts the server markup back, and it mounts again (React StrictMode does both).
    await p.evaluate(() => window.reader!.destroy());
    expect(await p.locator("#dieu-1 .section-body").innerHTML()).toBe(served);
    await p.evaluate(() => window.mountReader());
    expect((await layout()).paragraphs).toEqual(before.paragraphs);
    await closePage(p);
  });

  it("draws overlapping comments as decorations over the right text", async () => {
    const p = await openPage();
    const marks = await p
      .locator("mark.passage-highlight")
      .evaluateAll((els) =>
        els.map((el) => ({ text: el.textContent, ids: el.getAttribute("data-comment-ids"), className: el.className, parent: el.parentElement!.tagName })),
      );
    const textOf = (id: string) =>
      marks
        .filter((m) => m.ids!.split(" ").includes(id))
        .map((m) => m.text)
        .join("");
    // Decorations cover inline text only, not the line break between paragraphs.
    expect(textOf("gop-y-1")).toBe(text.slice(first.start, first.end).replaceAll("\n", ""));
    expect(textOf("gop-y-2")).toBe(text.slice(second.start, second.end).replaceAll("\n", ""));
    const both = marks.filter((m) => m.ids === "gop-y-1 gop-y-2");
    expect(both.map((m) => m.text).join("")).toBe("góp ý đối với dự thảo văn bản");
    expect(both.every((m) => m.className.includes("passage-highlight--overlap"))).toBe(true);
    // Inside the bold run the decoration sits within <strong>: emphasis renders as on the server.
    expect(marks.find((m) => m.text === "việc lấy ý kiến ")?.parent).toBe("STRONG");
    expect(await p.locator("#dieu-1 p").nth(1).locator("mark").first().textContent()).toBe("Các sở");

    await p.evaluate(() => window.reader!.setHighlights([{ id: "gop-y-3", start: 0, end: 12, active: true }]));
    expect(await p.locator("mark.passage-highlight").allTextContents()).toEqual(["Quyết định n"]);
    expect(await p.locator("mark.passage-highlight--active").count()).toBe(1);
    await closePage(p);
  });

  it("reports a passage selected with the mouse, with its canonical offsets", async () => {
    const p = await openPage();
    const quote = "quy định về việc lấy ý kiến";
    const { anchor, rect } = await reported(p, () => drag(p, quote));
    const { start, end } = anchorOf(quote);
    expect(anchor).toEqual({ start, end, exact: quote, prefix: text.slice(0, start), suffix: text.slice(end, end + 32) });
    // One report when the mouse is released, not one per mouse move.
    expect(await p.evaluate(() => window.reports.length)).toBe(1);
    const { from } = await edges(p, quote);
    expect(rect!.width).toBeGreaterThan(50);
    expect(Math.abs(rect!.x - from.x)).toBeLessThan(3);
    expect(Math.abs(rect!.y + rect!.height / 2 - from.y)).toBeLessThan(3);

    // Across paragraphs, a hard break included.
    const across = await anchorAfter(p, () => drag(p, "Ủy ban nhân dân tỉnh.Các sở, ban, ngành có trách nhiệm:nghiên cứu"));
    expect(across).toMatchObject(anchorOf("Ủy ban nhân dân tỉnh.\nCác sở, ban, ngành có trách nhiệm:\nnghiên cứu"));

    // A click collapses the selection: the reader has none any more.
    const { to } = await edges(p, "hiệu lực");
    expect(await reported(p, () => p.mouse.click(to.x, to.y))).toEqual({ anchor: null, rect: null });

    // Triple click takes the whole paragraph.
    const { from: inside } = await edges(p, "quá thời hạn");
    const paragraph = "Trường hợp quá thời hạn mà không có ý kiến thì được xem là thống nhất với dự thảo.";
    expect(await anchorAfter(p, () => p.mouse.click(inside.x, inside.y, { clickCount: 3 }))).toMatchObject(anchorOf(paragraph));
    await closePage(p);
  });

  it("reports a selection made without the mouse, as touch selection handles make it", async () => {
    const p = await openPage();
    const anchor = await anchorAfter(p, () =>
      p.evaluate(() => {
        const strong = document.querySelector("#dieu-1 strong")!;
        const em = document.querySelector("#dieu-1 em")!;
        document.getSelection()!.setBaseAndExtent(strong, 0, em.firstChild!, 5);
      }),
    );
    expect(anchor!.exact.startsWith("việc lấy ý kiến góp ý đối với")).toBe(true);
    expect(anchor!.exact.endsWith("thống")).toBe(true);
    expect(text.slice(anchor!.start, anchor!.end)).toBe(anchor!.exact);

    // Selecting text elsewhere on the page takes the selection away from the reader.
    const gone = await reported(p, () => p.evaluate(() => document.getSelection()!.selectAllChildren(document.querySelector("#ngoai")!)));
    expect(gone).toEqual({ anchor: null, rect: null });
    await closePage(p);
  });

  it("lets a keyboard user tab in and select with Shift and the arrow keys", async () => {
    const p = await openPage();
    await p.locator("#truoc").focus();
    await p.keyboard.press("Tab");
    const view = p.getByRole("document", { name: label });
    expect(await view.evaluate((el) => el === document.activeElement && el.matches(":focus-visible"))).toBe(true);
    // A caret is drawn at the start of the text, where the selection will begin.
    await p.locator(".ProseMirror .passage-caret").waitFor({ state: "attached" });
    const shiftRight = async (n: number) => {
      for (let i = 0; i < n; i++) await p.keyboard.press("Shift+ArrowRight");
    };
    expect(await anchorAfter(p, () => shiftRight(8))).toMatchObject({ start: 0, end: 8, exact: "Quyết đị" });
    expect(await anchorAfter(p, () => p.keyboard.press("Control+Shift+ArrowRight"))).toMatchObject({ start: 0, end: 10, exact: "Quyết định" });

    // Arrows without Shift move the caret.
    expect(await reported(p, () => p.keyboard.press("ArrowRight"))).toEqual({ anchor: null, rect: null });
    expect(await anchorAfter(p, () => p.keyboard.press("Control+Shift+ArrowRight"))).toMatchObject(anchorOf("này"));

    // With the caret placed by a click first.
    const { from } = await edges(p, "nghiên cứu");
    expect(await reported(p, () => p.mouse.click(from.x, from.y))).toEqual({ anchor: null, rect: null });
    expect(await anchorAfter(p, () => shiftRight(10))).toMatchObject(anchorOf("nghiên cứu"));
    const down = await anchorAfter(p, () => p.keyboard.press("Shift+ArrowDown"));
    expect(down!.start).toBe(text.indexOf("nghiên cứu"));
    expect(down!.exact.startsWith("nghiên cứu, góp ý đúng thời hạn;\ngửi")).toBe(true);

    // Select-all takes this section's text, not the whole page.
    const all = await anchorAfter(p, () => p.keyboard.press("Control+a"));
    expect(all).toMatchObject({ start: 0, end: text.trimEnd().length, exact: text.trimEnd() });
    expect(await p.evaluate(() => document.getSelection()!.toString().includes("bên ngoài"))).toBe(false);

    // Moving past the end stays in the reader. The section ends with a line break, which a
    // passage never starts or ends with, so it takes two steps back to select the full stop.
    await p.keyboard.press("Control+End");
    await p.keyboard.press("ArrowDown");
    await p.keyboard.press("ArrowRight");
    const last = await anchorAfter(p, async () => {
      await p.keyboard.press("Shift+ArrowLeft");
      await p.keyboard.press("Shift+ArrowLeft");
    });
    expect(last).toMatchObject({ start: text.length - 2, end: text.length - 1, exact: "." });
    await closePage(p);
  });

  it("tells which comments are under a click on a highlight, or under the caret on Enter", async () => {
    const p = await openPage();
    const click = async (quote: string) => {
      const { from } = await edges(p, quote);
      await p.mouse.click(from.x + 3, from.y);
    };
    await click("đối với");
    await click("việc lấy");
    await click("quy phạm");
    await click("hiệu lực");
    expect(await p.evaluate(() => window.highlightClicks)).toEqual([["gop-y-1", "gop-y-2"], ["gop-y-1"], ["gop-y-2"]]);

    // Dragging across a highlight selects; it is not a click on it.
    await drag(p, "việc lấy ý kiến");
    expect(await p.evaluate(() => window.highlightClicks.length)).toBe(3);

    await click("quy phạm");
    await p.keyboard.press("Enter");
    await click("dự thảo văn bản quy");
    await p.keyboard.press("Enter");
    expect((await p.evaluate(() => window.highlightClicks)).slice(3)).toEqual([["gop-y-2"], ["gop-y-2"], ["gop-y-1", "gop-y-2"], ["gop-y-1", "gop-y-2"]]);
    await closePage(p);
  });

  it("scrolls a highlight into view and marks it active", async () => {
    const p = await openPage({ mount: false, height: 300 });
    await p.evaluate(() => {
      window.mountReader();
      window.scrollTo(0, document.body.scrollHeight);
      window.reader!.setHighlights([
        { id: "dau", start: 0, end: 5, active: true },
        { ...window.passageSample.highlights[0]!, id: "giua" },
      ]);
      window.reader!.focusHighlight("giua");
    });
    await p.waitForFunction(() => {
      const r = document.querySelector('[data-comment-ids~="giua"]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    const active = await p.locator("mark.passage-highlight--active").evaluateAll((els) => els.map((el) => el.getAttribute("data-comment-ids")));
    expect(new Set(active)).toEqual(new Set(["giua"]));
    await closePage(p);
  });
});
