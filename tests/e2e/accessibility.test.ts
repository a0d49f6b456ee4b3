// axe-core in a real Chromium over the pages and states a person meets: reading, signing in, the
// Office's screens (including a decision that needs review, the masked mailbox and its sessions),
// and the refusals (a bad page number, a page that does not exist), at a desktop and a phone width.
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

let server: RunningServer;
let browser: Browser;
let open: string;
let closed: string;
let office: string;
let official: string;
let draftImport: string;
let sentComment: string;

const post = (path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  [open, closed] = (await server.db.all<{ id: string }>(`SELECT id FROM "Consultation" ORDER BY "deadlineAt" DESC`)).map((c) => c.id) as [string, string];
  const { email } = (await server.db.get<{ email: string }>(
    `SELECT u.email FROM "Recipient" r JOIN "User" u ON u.id = r."userId" WHERE r."consultationId" = ? ORDER BY u.email LIMIT 1`,
    open,
  ))!;
  office = await sessionCookieFor(server, { role: "office" });
  official = await sessionCookieFor(server, { email });
  // A comment decided on, then edited: the decision screen shows it as needing review.
  await post(`/lay-y-kien/${open}`, official, {
    intent: "comment",
    text: "Đề nghị bổ sung chỉ tiêu về doanh nghiệp khởi nghiệp.",
    idempotencyKey: randomUUID(),
  });
  const c = (await server.db.get<{ id: string; revision: number }>(
    `SELECT id, revision FROM "Comment" WHERE "consultationId" = ? ORDER BY "createdAt" DESC LIMIT 1`,
    open,
  ))!;
  await post(`/office/lay-y-kien/${open}/xu-ly`, office, {
    intent: "decide",
    commentId: c.id,
    revision: String(c.revision),
    kind: "accepted",
    explanation: "",
  });
  await post(`/lay-y-kien/${open}`, official, { intent: "edit", commentId: c.id, text: "Đề nghị bổ sung chỉ tiêu về doanh nghiệp khởi nghiệp và sáng chế." });
  sentComment = c.id;
  // A draft being imported, for the page that shows its split.
  const form = new FormData();
  form.append("intent", "paste");
  form.append("text", "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n\n1. Mục đích chung\n\nĐoạn một.\n\nĐoạn hai.\n\nII. THỰC HIỆN\n\nNội dung.");
  const started = await fetch(`${server.url}/office/tao-moi`, { method: "POST", redirect: "manual", headers: { cookie: office }, body: form });
  draftImport = /\/office\/tao-moi\/([^/?#]+)/.exec(started.headers.get("location") ?? "")![1]!;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Who = "anyone" | "official" | "office";

const states: [string, Who, () => string][] = [
  ["the list of drafts", "anyone", () => "/"],
  ["a consultation, read by anyone", "anyone", () => `/lay-y-kien/${open}`],
  ["a consultation, for an invited official", "official", () => `/lay-y-kien/${open}`],
  ["a closed consultation", "official", () => `/lay-y-kien/${closed}`],
  ["a consultation, just after a comment sent without JavaScript", "official", () => `/lay-y-kien/${open}?da-gui=${sentComment}#y-kien-${sentComment}`],
  ["signing in", "anyone", () => "/dang-nhap?tiep=%2F%09%2Fevil.example"],
  ["a sign-in link that does not work", "anyone", () => "/dang-nhap/xac-nhan?token=khong-hop-le"],
  ["the Office's home", "office", () => "/office"],
  ["a consultation for the Office", "office", () => `/office/lay-y-kien/${open}`],
  ["deciding, with a decision to review", "office", () => `/office/lay-y-kien/${open}/xu-ly?tinh-trang=can-xem-lai`],
  ["deciding on the closed round", "office", () => `/office/lay-y-kien/${closed}/xu-ly`],
  ["the consolidated report", "office", () => `/office/lay-y-kien/${closed}/bao-cao`],
  ["publishing the result, the confirmation", "office", () => `/office/lay-y-kien/${closed}/bao-cao?congBoKetQua=1`],
  ["deciding, undecided only", "office", () => `/office/lay-y-kien/${closed}/xu-ly?tinh-trang=chua-xu-ly`],
  ["the audit log", "office", () => `/office/lay-y-kien/${closed}/nhat-ky`],
  ["the local mailbox", "office", () => "/office/mailbox"],
  ["the Office's sessions", "office", () => "/office/phien-dang-nhap"],
  ["a consultation's recipients, with the address book to pick from", "office", () => `/office/lay-y-kien/${open}/nguoi-nhan`],
  ["the address book", "office", () => "/office/danh-ba"],
  ["the Office's accounts", "office", () => "/office/tai-khoan"],
  ["the Office's settings", "office", () => "/office/cai-dat"],
  ["choosing a draft for a new consultation", "office", () => "/office/lay-y-kien/moi"],
  ["correcting a published letter", "office", () => `/office/lay-y-kien/${open}/cong-van`],
  ["the deadline and rules of a running consultation", "office", () => `/office/lay-y-kien/${open}/thoi-han?ketThuc=1`],
  ["the preview of a published letter", "office", () => `/office/lay-y-kien/${open}/cong-bo`],
  ["a bad page number", "office", () => "/office/mailbox?trang=1e308"],
  ["a page that does not exist", "anyone", () => "/khong-co-trang-nay"],
  ["starting a consultation from a draft", "office", () => "/office/tao-moi"],
  ["checking a draft's split, one section in the editor", "office", () => `/office/tao-moi/${draftImport}?muc=1#muc-1`],
  ["an official's own consultations", "official", () => "/cua-toi"],
];

describe.each([1280, 390])("axe-core at %i px", (width) => {
  it.each(states)("finds nothing on %s", async (_name, who, path) => {
    // axe is injected as a script of its own, which the page's Content-Security-Policy rightly refuses.
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const cookie = who === "office" ? office : who === "official" ? official : null;
    if (cookie) await context.addCookies([{ name: "__session", value: cookie.slice(cookie.indexOf("=") + 1), url: server.url }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}${path()}`, { waitUntil: "networkidle" });
      const found = await axeViolations(page);
      expect(found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
