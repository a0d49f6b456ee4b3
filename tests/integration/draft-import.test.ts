// The Office starts from its own draft in the browser (issue 10, "Start"): against the built
// server and a real database, a .docx upload and a paste are split and staged, each fix is
// applied with the page's revision (a stale one is 409), the save creates the Document through
// the CLI's code path once, and every bad upload is refused with its Vietnamese reason and
// leaves no row behind.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, docxParts, packedDocumentOf, zip } from "../fixtures/docx";
import { ROOT } from "../helpers/cli";
import { get, post } from "../helpers/http";
import { rawRequest } from "../helpers/raw-http";
import { type RunningServer, startServer } from "../helpers/server";
import { sessionCookieFor } from "../helpers/session";

const MB = 1024 * 1024;
let server: RunningServer;
let office: string;
let recipient: string;

beforeAll(async () => {
  server = await startServer();
  office = await sessionCookieFor(server, { role: "office" });
  const { email } = (await server.db.get<{ email: string }>(`SELECT email FROM "User" WHERE role = 'recipient' LIMIT 1`))!;
  recipient = await sessionCookieFor(server, { email });
});
afterAll(() => server?.stop());

async function count(table: string): Promise<number> {
  return (await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`))!.n;
}

const counts = async () => ({
  imports: await count("DraftImport"),
  documents: await count("Document"),
  versions: await count("DocumentVersion"),
  sections: await count("Section"),
});

function upload(fields: Record<string, string>, file?: { name: string; bytes: Buffer }, cookie = office): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  return fetch(`${server.url}/office/tao-moi`, { method: "POST", body: form, headers: { cookie }, redirect: "manual" });
}

function edit(id: string, fields: Record<string, string>, search = ""): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(`${server.url}/office/tao-moi/${id}${search}`, { method: "POST", body: form, headers: { cookie: office }, redirect: "manual" });
}

async function importOf(id: string): Promise<{
  revision: number;
  state: { sections: { level: number; label: string; heading: string; content: { content: unknown[] } }[] };
  savedVersionId: string | null;
}> {
  const row = (await server.db.get<{ revision: number; state: string; savedVersionId: string | null }>(
    `SELECT revision, state, "savedVersionId" FROM "DraftImport" WHERE id = ?`,
    id,
  ))!;
  return { ...row, state: JSON.parse(row.state) };
}

const idFrom = (r: Response) => /\/office\/tao-moi\/([^/?#]+)/.exec(r.headers.get("location") ?? "")![1]!;

const plan = buildDocx([
  { text: "KẾ HOẠCH" },
  { text: "Thử nghiệm nhập dự thảo" },
  { text: "I. MỤC ĐÍCH, YÊU CẦU" },
  { text: "1. Mục đích" },
  { text: "Đoạn thứ nhất." },
  { text: "Đoạn thứ hai." },
  { text: "2. Yêu cầu" },
  { text: "Nội dung yêu cầu." },
  { text: "II. NHIỆM VỤ" },
  { text: "Nhiệm vụ chung." },
]);

describe("starting from a .docx", () => {
  let id: string;

  it("splits and stages the upload without creating a document, with the title guessed", async () => {
    const before = await counts();
    const r = await upload({ intent: "upload", title: "" }, { name: "ke-hoach.docx", bytes: plan });
    expect(r.status).toBe(303);
    id = idFrom(r);
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
    const page = await (await get(server.url, `/office/tao-moi/${id}`, { cookie: office })).text();
    expect(page).toContain("Kế hoạch thử nghiệm nhập dự thảo");
    expect(page).toContain("MỤC ĐÍCH, YÊU CẦU");
    expect((await importOf(id)).state.sections.map((s) => `${s.level}:${s.label}`)).toEqual(["1:I.", "2:1.", "2:2.", "1:II."]);
    const start = await (await get(server.url, "/office/tao-moi", { cookie: office })).text();
    expect(start).toContain(`<a href="/office/tao-moi/${id}">Kế hoạch thử nghiệm nhập dự thảo</a>`);
  });

  it("applies each fix with the page's revision and refuses a stale one with 409", async () => {
    expect((await edit(id, { intent: "level", revision: "1", index: "2", delta: "1" })).status).toBe(303);
    expect((await importOf(id)).state.sections.map((s) => s.level)).toEqual([1, 2, 3, 1]);
    const stale = await edit(id, { intent: "level", revision: "1", index: "2", delta: "-1" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("đã được sửa ở một thẻ hoặc cửa sổ khác");
    expect((await importOf(id)).revision).toBe(2);

    expect((await edit(id, { intent: "relabel", revision: "2", index: "1", label: "1.", heading: "Mục đích chung" })).status).toBe(303);
    expect((await edit(id, { intent: "split", revision: "3", index: "1", paragraph: "1", label: "1a.", heading: "Tách ra" })).status).toBe(303);
    expect((await edit(id, { intent: "merge", revision: "4", index: "3" })).status).toBe(303);
    const text = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Chữ đậm", marks: [{ type: "bold" }] }] }] });
    expect((await edit(id, { intent: "content", revision: "5", index: "0", content: text })).status).toBe(303);
    expect((await edit(id, { intent: "content", revision: "6", index: "3", text: "Đoạn một.\n\nĐoạn hai." })).status).toBe(303);
    const { state, revision } = await importOf(id);
    expect(revision).toBe(7);
    expect(state.sections.map((s) => `${s.level}:${s.label} ${s.heading}`)).toEqual([
      "1:I. MỤC ĐÍCH, YÊU CẦU",
      "2:1. Mục đích chung",
      "2:1a. Tách ra",
      "1:II. NHIỆM VỤ",
    ]);
    expect(JSON.stringify(state.sections[2]!.content)).toContain("2. Yêu cầu");
    expect(state.sections[3]!.content.content).toHaveLength(2);
  });

  it("refuses an editor document with a node the portal does not draw, and a bad label, beside the field", async () => {
    const image = JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "https://example.com/x.png" } }] });
    const r = await edit(id, { intent: "content", revision: "7", index: "0", content: image }, "?muc=0");
    expect(r.status).toBe(400);
    const page = await r.text();
    expect(page).toMatch(/id="text-0-error" class="field-error">Nội dung không hợp lệ: không được đặt «image»/);
    expect(page).toMatch(/aria-invalid="true" aria-describedby="text-0-hint text-0-error"/);
    const empty = await edit(id, { intent: "relabel", revision: "7", index: "0", label: " ", heading: "" }, "?muc=0");
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    // The label's input says it is invalid and points at the sentence printed beside it.
    const input = /<input[^>]*id="label-0"[^>]*>/.exec(emptyPage)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    const errorId = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(emptyPage).toContain(`<p id="${errorId}" class="field-error">Hãy nhập số hiệu`);
    expect((await importOf(id)).revision).toBe(7);
  });

  it("saves once through the CLI's path; a second save is told where the first went", async () => {
    const before = await counts();
    const r = await edit(id, { intent: "save", revision: "7", title: "Kế hoạch đã sửa" });
    expect(r.status).toBe(303);
    const versionId = (await importOf(id)).savedVersionId!;
    expect(r.headers.get("location")).toBe(`/office/lay-y-kien/moi?banDuThao=${versionId}`);
    expect(await counts()).toMatchObject({ documents: before.documents + 1, versions: before.versions + 1, sections: before.sections + 4 });
    const rows = await server.db.all<{ label: string; level: number; parentId: string | null; anchor: string; content: string }>(
      `SELECT label, level, "parentId", anchor, content FROM "Section" WHERE "versionId" = ? ORDER BY position`,
      versionId,
    );
    const { title } = (await server.db.get<{ title: string }>(
      `SELECT d.title FROM "Document" d JOIN "DocumentVersion" v ON v."documentId" = d.id WHERE v.id = ?`,
      versionId,
    ))!;
    expect(title).toBe("Kế hoạch đã sửa");
    expect(rows.map((s) => s.label)).toEqual(["I.", "1.", "1a.", "II."]);
    expect(rows.map((s) => s.parentId === null)).toEqual([true, false, false, true]);
    expect(new Set(rows.map((s) => s.anchor)).size).toBe(4);
    expect(JSON.parse(rows[0]!.content).content[0].content[0].marks).toEqual([{ type: "bold" }]);

    const again = await edit(id, { intent: "save", revision: "7", title: "Lần hai" });
    expect(again.status).toBe(303);
    expect(await counts()).toMatchObject({ documents: before.documents + 1 });
    const page = await (await get(server.url, again.headers.get("location")!, { cookie: office })).text();
    expect(page).toContain(`/office/lay-y-kien/moi?banDuThao=${versionId}`);
    expect((await edit(id, { intent: "merge", revision: "7", index: "1" })).status).toBe(409);
  });
});

describe("starting from pasted text", () => {
  it("stages the seed draft's text", async () => {
    const text = readFileSync(path.join(ROOT, "prisma/demo/draft-plan.md"), "utf8");
    const r = await upload({ intent: "paste", text, title: "Kế hoạch dán vào" });
    expect(r.status).toBe(303);
    const { state } = await importOf(idFrom(r));
    expect(state.sections.length).toBeGreaterThan(10);
  });
});

describe("refusals save nothing", () => {
  const refusals: [string, () => Promise<Response>, number, RegExp][] = [
    ["an empty paste", () => upload({ intent: "paste", text: "   " }), 400, /Hãy dán nội dung dự thảo/],
    ["no file chosen", () => upload({ intent: "upload" }), 400, /Hãy chọn tệp dự thảo/],
    [
      "a file that is not a .docx",
      () => upload({ intent: "upload" }, { name: "du-thao.docx", bytes: Buffer.from("I. MỤC ĐÍCH\nVăn bản.") }),
      400,
      /không phải tệp Word \.docx hợp lệ/,
    ],
    [
      "another format",
      () => upload({ intent: "upload" }, { name: "du-thao.pdf", bytes: Buffer.from("%PDF-1.4") }),
      400,
      /Định dạng tệp không được hỗ trợ: \.pdf/,
    ],
    ["a text without structure", () => upload({ intent: "paste", text: "Kính gửi các sở.\nĐề nghị góp ý." }), 400, /Không nhận ra cấu trúc/],
    [
      "a text file over its limit",
      () => upload({ intent: "upload" }, { name: "lon.txt", bytes: Buffer.alloc(11 * 1024 * 1024, "a") }),
      413,
      /vượt giới hạn 10 MB/,
    ],
  ];
  for (const [what, send, status, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const before = await counts();
      const r = await send();
      expect(r.status).toBe(status);
      expect(await r.text()).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it("refuses a decompression bomb", async () => {
    const before = await counts();
    const bomb = zip(docxParts(await packedDocumentOf(100 * 1024 * 1024)));
    const r = await upload({ intent: "upload" }, { name: "bom.docx", bytes: bomb });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/khi giải nén có dung lượng 100 MB, vượt giới hạn 20 MB/);
    expect(await counts()).toEqual(before);
  });

  it("answers 413 before reading a body over the path's limit (25 MB and 1 MB of framing)", async () => {
    const before = await counts();
    const headers = { cookie: office, "content-type": "multipart/form-data; boundary=XX" };
    const over = await rawRequest(`${server.url}/office/tao-moi`, { headers: { ...headers, "content-length": String(27 * MB) }, streamBytes: 27 * MB });
    expect(over.status).toBe(413);
    expect(over.text).toBe("Nội dung gửi lên quá lớn: địa chỉ này nhận tối đa 26 MB.");
    const edit = await rawRequest(`${server.url}/office/tao-moi/x`, { headers: { ...headers, "transfer-encoding": "chunked" }, streamBytes: 5 * MB });
    expect(edit.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("refuses a second file and a file on another field", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new Blob([new Uint8Array(plan)]), "a.docx");
    form.append("file", new Blob([new Uint8Array(plan)]), "b.docx");
    const two = await fetch(`${server.url}/office/tao-moi`, { method: "POST", body: form, headers: { cookie: office }, redirect: "manual" });
    expect(two.status).toBe(400);
    const other = new FormData();
    other.append("intent", "upload");
    other.append("anh", new Blob([new Uint8Array(plan)]), "a.docx");
    const elsewhere = await fetch(`${server.url}/office/tao-moi`, { method: "POST", body: other, headers: { cookie: office }, redirect: "manual" });
    expect(elsewhere.status).toBe(400);
  });

  it("refuses everyone but the Office", async () => {
    const before = await counts();
    const staged = idFrom(await upload({ intent: "upload" }, { name: "ke-hoach.docx", bytes: plan }));
    const revision = (await importOf(staged)).revision;
    expect((await get(server.url, `/office/tao-moi/${staged}`, { cookie: recipient })).status).toBe(403);
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "save", revision: String(revision), title: "Không được" })) form.append(k, v);
    const save = await fetch(`${server.url}/office/tao-moi/${staged}`, { method: "POST", body: form, headers: { cookie: recipient }, redirect: "manual" });
    expect(save.status).toBe(403);
    expect(await importOf(staged)).toMatchObject({ revision, savedVersionId: null });
    expect((await get(server.url, "/office/tao-moi/khong-co", { cookie: office })).status).toBe(404);
    before.imports += 1;
    expect((await upload({ intent: "upload" }, { name: "ke-hoach.docx", bytes: plan }, recipient)).status).toBe(403);
    expect((await get(server.url, "/office/tao-moi", { cookie: recipient })).status).toBe(403);
    expect((await post(server.url, "/office/tao-moi", { intent: "paste", text: "I. MỘT\nHai." })).status).toBe(302);
    expect(await counts()).toEqual(before);
  });
});
