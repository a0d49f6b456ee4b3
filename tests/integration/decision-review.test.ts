// A decision stays true to the words it decided on (issue 9, section 6), for real: the production
// build on a loopback port, officials editing and withdrawing through the consultation page's
// forms, the Office deciding and confirming through the decision screen's forms, the report read
// as a page and as files, and the database read afterwards.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { createTestConsultation } from "../helpers/fixtures";
import { startServer, useServerDatabase } from "../helpers/server";

const server = await startServer({ SCHEDULER: "off", LOAD_DEMO: "never" });
afterAll(() => server.stop());
// This process reads and prepares the same database the server uses.
const db = await useServerDatabase(server);
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const { reportJsonSchema } = await import("~/domain/report-json");

const now = new Date();
const people = ["an", "binh", "cuong"].map((n) => ({ name: `Người ${n}`, email: `${n}.review@example.gov.vn`, organization: `Sở ${n}` }));
const consultationId = (await createTestConsultation(db, { now, deadline: new Date(now.getTime() + 7 * 86_400_000), recipients: people })).consultationId;
const officeUser = await db.user.create({ data: { email: "van.phong.review@example.gov.vn", name: "Chuyên viên Văn phòng", role: "office" } });
const screen = `/office/lay-y-kien/${consultationId}/xu-ly`;
const consultationPage = `/lay-y-kien/${consultationId}`;

async function cookieFor(userId: string) {
  return sessionCookie.serialize(await createSession(db, userId, new Date()));
}
const office = await cookieFor(officeUser.id);
const official = async (n: number) => cookieFor((await db.user.findUniqueOrThrow({ where: { email: people[n]!.email } })).id);
const an = await official(0);
const binh = await official(1);
const cuong = await official(2);

async function get(path: string, cookie: string) {
  return fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
}

async function post(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    redirect: "manual",
  });
}

/** The page's text as a reader gets it: React's text separators gone, entities decoded. */
function text(html: string) {
  return html.replaceAll("<!-- -->", "").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

/** The HTML of one comment's entry on the decision screen, or null when it is not there. */
function entry(html: string, commentId: string): string | null {
  const start = html.indexOf(`id="y-kien-${commentId}"`);
  if (start < 0) return null;
  return html.slice(start, html.indexOf("</li>", start));
}

async function screenText(query = "") {
  const r = await get(`${screen}${query}`, office);
  expect(r.status).toBe(200);
  return text(await r.text());
}

/** The wording number the decision screen's form carries for a comment, as the Office's browser would send it. */
async function shownRevision(commentId: string): Promise<string> {
  const e = entry(await screenText(), commentId)!;
  return /name="revision" value="(\d+)"/.exec(e)![1]!;
}

async function comment(cookie: string, body: string) {
  const r = await post(consultationPage, cookie, { intent: "comment", idempotencyKey: randomUUID(), text: body });
  expect(r.status, await r.clone().text()).toBe(303);
  return /[?&]da-gui=([^&#]+)/.exec(r.headers.get("location") ?? "")![1]!;
}

const edit = (cookie: string, commentId: string, body: string) => post(consultationPage, cookie, { intent: "edit", commentId, text: body });
const decide = (commentId: string, revision: string, kind: string, explanation = "") =>
  post(screen, office, { intent: "decide", commentId, revision, kind, explanation });
const confirm = (commentId: string, revision: string) => post(screen, office, { intent: "confirm", commentId, revision });

const state = async (commentId: string) => {
  const c = await db.comment.findUniqueOrThrow({ where: { id: commentId }, include: { disposition: true } });
  return { revision: c.revision, needsReview: c.dispositionNeedsReview, kind: c.dispositionKind, decision: c.disposition };
};
const audit = async (commentId: string, event: string) =>
  (await db.auditEvent.findMany({ where: { entityId: commentId, event }, orderBy: { at: "asc" } })).map((e) => ({
    actorId: e.actorId,
    ...JSON.parse(e.payload),
  }));

const ORIGINAL = "Đề nghị bổ sung lộ trình theo từng năm.";
const EDITED = "Đề nghị bổ sung kinh phí theo từng năm.";

const edited = await comment(an, ORIGINAL);
const kept = await comment(binh, "Cần quy định rõ đơn vị chủ trì cơ sở dữ liệu.");
const open = await comment(cuong, "Mục đích cần nêu rõ đối tượng thụ hưởng.");

describe("an edit after the Office decided", () => {
  it("marks the decision 'cần xem lại' in the edit's transaction, with its audit entry", async () => {
    expect((await decide(edited, await shownRevision(edited), "accepted")).status).toBe(303);
    expect((await decide(kept, await shownRevision(kept), "explained", "Đã có ở Phần V.")).status).toBe(303);
    expect(await state(edited)).toMatchObject({ revision: 0, needsReview: false, kind: "accepted", decision: { commentRevision: 0 } });

    expect((await edit(an, edited, EDITED)).status).toBe(303);
    expect(await state(edited)).toMatchObject({ revision: 1, needsReview: true, kind: "accepted", decision: { kind: "accepted", commentRevision: 0 } });
    const official = await db.user.findUniqueOrThrow({ where: { email: people[0]!.email } });
    expect(await audit(edited, "disposition.needs_review")).toEqual([{ actorId: official.id, kind: "accepted", decidedRevision: 0, revision: 1 }]);
    expect(await audit(edited, "comment.edited")).toEqual([{ actorId: official.id, previousLength: ORIGINAL.length, length: EDITED.length, revision: 1 }]);
    // The earlier wording is kept under its number.
    expect(await db.commentRevision.findMany({ where: { commentId: edited }, select: { revision: true, bodyText: true } })).toEqual([
      { revision: 0, bodyText: ORIGINAL },
    ]);
  });

  it("is not flagged by an edit that changes nothing", async () => {
    const before = await state(kept);
    expect((await edit(binh, kept, "  Cần quy định rõ đơn vị chủ trì cơ sở dữ liệu.  ")).status).toBe(303);
    expect(await state(kept)).toEqual(before);
    expect(await audit(kept, "disposition.needs_review")).toEqual([]);
    expect(await audit(kept, "comment.edited")).toEqual([]);
  });

  it("counts as undecided in the progress, the filters and the chart, and has a filter of its own", async () => {
    const all = await screenText();
    expect(all).toContain("Đã xử lý 1/3 ý kiến");
    expect(all).toMatch(/<progress max="3" value="1"/);
    expect(all).toContain(`href="${screen}?tinh-trang=can-xem-lai#danh-sach">1 ý kiến cần xem lại</a>`);
    expect(all).toContain('<option value="can-xem-lai">Cần xem lại</option>');
    expect(all).toMatch(/<th scope="row">Góp ý chung<\/th><td>3<\/td><td>1<\/td>/);
    const ids = (html: string) => [edited, kept, open].filter((id) => html.includes(`id="y-kien-${id}"`));
    expect(ids(await screenText("?tinh-trang=can-xem-lai"))).toEqual([edited]);
    expect(ids(await screenText("?tinh-trang=chua-xu-ly"))).toEqual([edited, open]);
    expect(ids(await screenText("?tinh-trang=da-xu-ly"))).toEqual([kept]);
  });

  it("shows the decided wording above the new one, what changed, and the button that keeps the decision", async () => {
    const e = entry(await screenText(), edited)!;
    expect(e).toContain("Cần xem lại:</strong> người góp ý đã sửa nội dung lúc");
    expect(e).toContain("(Tiếp thu · Chuyên viên Văn phòng,");
    const decidedAt = e.indexOf("Nội dung Văn phòng đã xử lý");
    const newAt = e.indexOf("Nội dung mới (sửa lúc");
    expect(decidedAt).toBeGreaterThan(0);
    expect(newAt).toBeGreaterThan(decidedAt);
    expect(e.slice(decidedAt, newAt)).toContain(`<p>${ORIGINAL}</p>`);
    expect(e.slice(newAt)).toContain(`<p>${EDITED}</p>`);
    expect(e).toMatch(/<del><span class="visually-hidden">\[bỏ: <\/span>lộ trình<span class="visually-hidden">\]<\/span><\/del>/);
    expect(e).toMatch(/<ins><span class="visually-hidden">\[thêm: <\/span>kinh phí<span class="visually-hidden">\]<\/span><\/ins>/);
    expect(e).toContain('<input type="hidden" name="intent" value="confirm"/>');
    expect(e).toContain("Giữ nguyên “Tiếp thu” cho nội dung mới");
    // Every form on the entry carries the new wording's number.
    expect(e.match(/name="revision" value="1"/g)).toHaveLength(2);
    // A decision standing on its wording is shown as before, without the review block.
    expect(entry(await screenText(), kept)).toContain("Đã xử lý: <strong>Giải trình</strong>");
    expect(entry(await screenText(), kept)).not.toContain("Cần xem lại");
  });

  it("is not given as an answer in the report: page, CSV and JSON say it is under review and count it as undecided", async () => {
    const page = text(await (await get(`/office/lay-y-kien/${consultationId}/bao-cao`, office)).text());
    expect(page).toContain(
      "Đã xử lý (tiếp thu, giải trình): 1/3 ý kiến. Chưa tính 1 ý kiến đang xem xét lại do người góp ý đã sửa nội dung sau khi Văn phòng xử lý.",
    );
    const row = page.slice(page.indexOf(`id="y-kien-${edited}"`), page.indexOf("</tr>", page.indexOf(`id="y-kien-${edited}"`)));
    expect(row).toContain("<strong>Đang xem xét lại</strong>");
    expect(row).toContain("Người góp ý đã sửa nội dung sau khi Văn phòng xử lý; ý kiến xử lý đang được xem xét lại.");
    expect(row).toContain(EDITED);
    expect(row).not.toContain("Tiếp thu");

    const json = reportJsonSchema.parse(await (await get(`/office/lay-y-kien/${consultationId}/bao-cao/json`, office)).json());
    expect(json.summary).toMatchObject({ comments: 3, decided: 1, dispositionsNeedingReview: 1 });
    expect(json.rows.find((r) => r.commentId === edited)).toMatchObject({
      text: EDITED,
      disposition: null,
      explanation: "",
      decidedAt: null,
      dispositionNeedsReview: true,
    });
    expect(json.rows.find((r) => r.commentId === kept)).toMatchObject({ disposition: "explained", dispositionNeedsReview: false });

    const csv = parse((await (await get(`/office/lay-y-kien/${consultationId}/bao-cao/csv`, office)).text()).replace(/^\uFEFF/, ""), {
      columns: true,
    }) as Record<string, string>[];
    const csvRow = csv.find((r) => r["Mã góp ý"] === edited)!;
    expect(csvRow).toMatchObject({ "Nội dung góp ý": EDITED, "Hình thức xử lý": "Đang xem xét lại", "Thời điểm xử lý (ISO 8601)": "" });
    expect(csvRow["Nội dung tiếp thu, giải trình"]).toMatch(/^Người góp ý đã sửa nội dung/);
  });
});

describe("a decision from a page that showed the earlier wording", () => {
  it("is refused with a Vietnamese message, changes nothing, and the page answered carries the new wording", async () => {
    const shown = await shownRevision(open);
    expect(shown).toBe("0");
    expect((await edit(cuong, open, "Mục đích cần nêu rõ đối tượng thụ hưởng và chỉ tiêu cụ thể.")).status).toBe(303);
    const r = await decide(open, shown, "not_accepted", "Không phù hợp.");
    expect(r.status).toBe(409);
    const html = text(await r.text());
    expect(entry(html, open)).toMatch(/role="alert"[^>]*>Người góp ý đã sửa nội dung ý kiến này sau khi trang được mở, nên ý kiến xử lý chưa được lưu\./);
    // What the Office typed comes back, and the form now carries the wording it shows.
    expect(entry(html, open)).toContain("Không phù hợp.</textarea>");
    expect(entry(html, open)).toContain('name="revision" value="1"');
    expect(await state(open)).toMatchObject({ revision: 1, needsReview: false, kind: null, decision: null });
    expect(await audit(open, "disposition.set")).toEqual([]);
  });

  it("refuses a confirmation or a change of a decision under review when the wording moved again", async () => {
    const shown = await shownRevision(edited);
    expect((await edit(an, edited, `${EDITED} Bổ sung thêm.`)).status).toBe(303);
    expect((await confirm(edited, shown)).status).toBe(409);
    expect((await decide(edited, shown, "not_accepted", "Không tiếp thu.")).status).toBe(409);
    expect(await state(edited)).toMatchObject({ revision: 2, needsReview: true, decision: { kind: "accepted", commentRevision: 0 } });
    // A second edit under review is the same review: one audit entry for it, from the first edit.
    expect(await audit(edited, "disposition.needs_review")).toHaveLength(1);
  });

  it("refuses a form without the wording's number, as an invalid form", async () => {
    const r = await post(screen, office, { commentId: open, kind: "accepted", explanation: "" });
    expect(r.status).toBe(400);
    expect(text(await r.text())).toContain("Biểu mẫu xử lý ý kiến không hợp lệ; vui lòng tải lại trang và thử lại.");
    expect((await state(open)).decision).toBeNull();
  });
});

describe("the Office reviews", () => {
  it("confirms the decision for the new wording in one action, audited, and it is decided again on that revision", async () => {
    const before = (await state(edited)).decision!;
    const r = await confirm(edited, await shownRevision(edited));
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(`${screen}?da-luu=${edited}#y-kien-${edited}`);
    const after = await state(edited);
    expect(after).toMatchObject({
      revision: 2,
      needsReview: false,
      kind: "accepted",
      decision: { kind: "accepted", explanation: "", commentRevision: 2, decidedById: officeUser.id },
    });
    expect(after.decision!.decidedAt.getTime()).toBeGreaterThan(before.decidedAt.getTime());
    expect(await audit(edited, "disposition.confirmed")).toEqual([{ actorId: officeUser.id, kind: "accepted", previousRevision: 0, revision: 2 }]);

    const html = await screenText();
    expect(html).toContain("Đã xử lý 2/3 ý kiến");
    expect(html).not.toContain("ý kiến cần xem lại</a>");
    expect(entry(html, edited)).toContain("Đã xử lý: <strong>Tiếp thu</strong>");
    const json = reportJsonSchema.parse(await (await get(`/office/lay-y-kien/${consultationId}/bao-cao/json`, office)).json());
    expect(json.summary).toMatchObject({ decided: 2, dispositionsNeedingReview: 0 });
    expect(json.rows.find((r) => r.commentId === edited)).toMatchObject({ disposition: "accepted", dispositionNeedsReview: false });
    // Confirming again changes nothing and records nothing.
    expect((await confirm(edited, "2")).status).toBe(303);
    expect(await audit(edited, "disposition.confirmed")).toHaveLength(1);
  });

  it("or changes it: the new decision stands on the new wording, audited as a change", async () => {
    expect((await edit(binh, kept, "Cần quy định rõ đơn vị chủ trì và đơn vị phối hợp.")).status).toBe(303);
    expect((await state(kept)).needsReview).toBe(true);
    expect((await decide(kept, "1", "partly_accepted", "Tiếp thu phần đơn vị chủ trì.")).status).toBe(303);
    expect(await state(kept)).toMatchObject({ revision: 1, needsReview: false, kind: "partly_accepted", decision: { commentRevision: 1 } });
    expect((await audit(kept, "disposition.set")).at(-1)).toMatchObject({ kind: "partly_accepted", previousKind: "explained", revision: 1 });
  });

  it("or saves the same decision again from the form, which confirms it", async () => {
    expect((await edit(binh, kept, "Cần quy định rõ đơn vị chủ trì, đơn vị phối hợp.")).status).toBe(303);
    expect((await decide(kept, "2", "partly_accepted", "Tiếp thu phần đơn vị chủ trì.")).status).toBe(303);
    expect(await state(kept)).toMatchObject({ revision: 2, needsReview: false, decision: { commentRevision: 2 } });
    expect(await audit(kept, "disposition.confirmed")).toEqual([{ actorId: officeUser.id, kind: "partly_accepted", previousRevision: 1, revision: 2 }]);
  });

  it("cannot confirm a comment that has no decision", async () => {
    const r = await confirm(open, "1");
    expect(r.status).toBe(409);
    expect(text(await r.text())).toContain("Ý kiến này chưa được xử lý nên không có gì để giữ nguyên");
  });
});

describe("an edit and a decision at the same moment", () => {
  it("leave a decision either refused or flagged, never attached to a wording the Office did not see", async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const id = await comment(an, `Ý kiến thử đồng thời số ${round}.`);
      const shown = await shownRevision(id);
      const editing = () => edit(an, id, `Ý kiến thử đồng thời số ${round}, đã sửa.`);
      const deciding = () => decide(id, shown, "accepted");
      // Sent in both orders: which lands first is up to the server.
      const [e, d] = round % 2 ? await Promise.all([editing(), deciding()]) : await Promise.all([deciding(), editing()]).then(([x, y]) => [y, x] as const);
      expect(e.status).toBe(303);
      expect([303, 409]).toContain(d.status);
      const s = await state(id);
      expect(s.revision).toBe(1);
      if (d.status === 303) {
        // Decided on the wording shown (0), then the edit landed: needs review.
        expect(s).toMatchObject({ needsReview: true, decision: { commentRevision: 0 } });
        outcomes.add("flagged");
      } else {
        expect(s).toMatchObject({ needsReview: false, kind: null, decision: null });
        outcomes.add("refused");
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe("a comment withdrawn after a decision", () => {
  it("leaves the list, the progress and the report, keeps its decision on record, and is listed for the Office to look again", async () => {
    const id = await comment(cuong, "Đề nghị bỏ khoản 3.");
    expect((await decide(id, await shownRevision(id), "accepted")).status).toBe(303);
    expect((await post(consultationPage, cuong, { intent: "withdraw", commentId: id })).status).toBe(303);
    expect((await db.disposition.findUniqueOrThrow({ where: { commentId: id } })).kind).toBe("accepted");
    const official = await db.user.findUniqueOrThrow({ where: { email: people[2]!.email } });
    expect(await audit(id, "comment.withdrawn")).toEqual([{ actorId: official.id, decidedKind: "accepted" }]);

    const html = await screenText();
    expect(entry(html, id)).toBeNull();
    expect(html).toContain("1 ý kiến đã xử lý nhưng sau đó được người góp ý rút lại");
    const listed = html.slice(html.indexOf(`id="da-rut-${id}"`));
    expect(listed).toContain("Sở cuong — Người cuong · rút lại lúc");
    expect(listed).toContain("đã xử lý: <strong>Tiếp thu</strong>");
    expect(listed).toContain("<p>Đề nghị bỏ khoản 3.</p>");
    const json = reportJsonSchema.parse(await (await get(`/office/lay-y-kien/${consultationId}/bao-cao/json`, office)).json());
    expect(json.rows.some((r) => r.commentId === id)).toBe(false);
  });
});
