// The Office's decision screen (tiếp thu / giải trình), for real: the production build on a
// loopback port, officials commenting through the consultation page, the Office deciding through
// the screen's forms, and the database read afterwards.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestConsultation } from "../helpers/fixtures";
import { startServer, useServerDatabase } from "../helpers/server";

const server = await startServer({ SCHEDULER: "off" });
afterAll(() => server.stop());
// This process reads and prepares the same database the server uses.
const db = await useServerDatabase(server);
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const { decisionScreen } = await import("~/models/disposition.server");

// The demo's open consultation (the closed first round beside it is past its deadline).
const demo = await db.consultation.findFirstOrThrow({ where: { isDemo: true, deadlineAt: { gt: new Date() } } });
const screen = `/office/lay-y-kien/${demo.id}/xu-ly`;

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}

async function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
}

async function post(path: string, cookie: string | null, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    redirect: "manual",
  });
}

/** The page's text as a reader gets it: React's text separators gone, entities decoded. */
function text(html: string) {
  return html.replaceAll("<!-- -->", "").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

/** The HTML of one comment's entry on the screen, or null when it is not there. */
function entry(html: string, commentId: string): string | null {
  const start = html.indexOf(`id="y-kien-${commentId}"`);
  if (start < 0) return null;
  return html.slice(start, html.indexOf("</li>", start));
}

async function sectionOf(versionId: string, label: string, parentLabel?: string) {
  const parent = parentLabel ? await db.section.findFirstOrThrow({ where: { versionId, label: parentLabel, level: 1 } }) : null;
  return db.section.findFirstOrThrow({ where: { versionId, label, ...(parent ? { parentId: parent.id } : { level: 1 }) } });
}

/** A comment posted by an official through the consultation page; returns its id. */
async function comment(consultationId: string, cookie: string, fields: Record<string, string>) {
  const r = await post(`/lay-y-kien/${consultationId}`, cookie, { intent: "comment", idempotencyKey: randomUUID(), ...fields });
  expect(r.status, await r.clone().text()).toBe(303);
  return /[?&]da-gui=([^&#]+)/.exec(r.headers.get("location") ?? "")![1]!;
}

const office = await cookieFor("van.phong@example.gov.vn");
const trang = await cookieFor("doan.thi.thu.trang@example.gov.vn"); // Sở Y tế
const tung = await cookieFor("nguyen.thanh.tung@example.gov.vn"); // Sở Khoa học và Công nghệ
const hoa = await cookieFor("lam.van.hoa@example.gov.vn"); // Ủy ban nhân dân tỉnh
const phuc = await cookieFor("le.hoang.phuc@example.gov.vn"); // Sở Thông tin và Truyền thông
const lan = await cookieFor("pham.ngoc.lan@example.gov.vn"); // Sở Kế hoạch và Đầu tư

const partI = await sectionOf(demo.documentVersionId, "I.");
const item32 = await sectionOf(demo.documentVersionId, "2.", "III.");
const quote = "Hình thành các cơ sở dữ liệu dùng chung, chia sẻ, mở";
const start = item32.plainText.indexOf(quote);

// In the order of the draft: general, part I, then item III.2 — the comment on the whole item
// before the one on a passage of it, though written later.
const general = await comment(demo.id, trang, { text: "Đề nghị rà soát lại toàn bộ các chỉ tiêu.\n\nBổ sung phụ lục kinh phí." });
const onPartI = await comment(demo.id, tung, { target: partI.id, text: "Mục đích cần nêu rõ đối tượng thụ hưởng." });
const onPassage = await comment(demo.id, trang, {
  target: item32.id,
  start: String(start),
  end: String(start + quote.length),
  exact: quote,
  text: "Cần quy định rõ đơn vị chủ trì cơ sở dữ liệu.",
});
const onItem = await comment(demo.id, hoa, { target: item32.id, text: "Đề nghị bổ sung lộ trình theo từng năm." });
const withdrawn = await comment(demo.id, phuc, { text: "Ý kiến sẽ rút lại." });
expect((await post(`/lay-y-kien/${demo.id}`, phuc, { intent: "withdraw", commentId: withdrawn })).status).toBe(303);
expect((await post(`/lay-y-kien/${demo.id}`, lan, { intent: "agree", note: "" })).status).toBe(303);

// Another consultation, with a comment the demo's screen must not decide on.
const now = new Date();
const other = (
  await createTestConsultation(db, {
    now,
    deadline: new Date(now.getTime() + 7 * 86_400_000),
    recipients: [{ name: "Người khác", email: "nguoi.khac@example.gov.vn" }],
  })
).consultationId;
const foreign = await comment(other, await cookieFor("nguoi.khac@example.gov.vn"), { text: "Góp ý cho đợt khác." });

describe("who may use the decision screen", () => {
  it("sends the signed-out to sign in and refuses a recipient, for the page and for a decision", async () => {
    const anonymous = await get(screen);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/dang-nhap?tiep=${encodeURIComponent(screen)}`);
    expect((await get(screen, trang)).status).toBe(403);

    const anonymousPost = await post(screen, null, { commentId: general, revision: "0", kind: "accepted", explanation: "" });
    expect(anonymousPost.status).toBe(302);
    expect(anonymousPost.headers.get("location")).toMatch(/^\/dang-nhap\?tiep=/);
    const recipientPost = await post(screen, trang, { commentId: general, revision: "0", kind: "accepted", explanation: "" });
    expect(recipientPost.status).toBe(403);
    expect(await db.disposition.count({ where: { comment: { consultationId: demo.id } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { event: "disposition.set", consultationId: demo.id } })).toBe(0);
  });

  it("answers 404 in Vietnamese for a consultation that does not exist", async () => {
    const r = await get("/office/lay-y-kien/khong-ton-tai/xu-ly", office);
    expect(r.status).toBe(404);
    expect(text(await r.text())).toContain("Không tìm thấy đợt lấy ý kiến");
  });

  it("is linked from the Office's page of the consultation", async () => {
    const html = await (await get(`/office/lay-y-kien/${demo.id}`, office)).text();
    expect(html).toContain(`href="${screen}"`);
  });
});

describe("the screen", () => {
  it("lists the comments not withdrawn in the order of the draft, each with its form", async () => {
    const r = await get(screen, office);
    expect(r.status).toBe(200);
    const html = text(await r.text());
    const order = [general, onPartI, onItem, onPassage].map((id) => html.indexOf(`id="y-kien-${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain(`y-kien-${withdrawn}`);
    expect(html).not.toContain(`y-kien-${foreign}`);

    const passage = entry(html, onPassage)!;
    expect(passage).toContain(`“${quote}”`);
    expect(passage).toContain("Sở Y tế — ");
    expect(passage).toContain(`href="/lay-y-kien/${demo.id}#${item32.anchor}"`);
    expect(entry(html, general)).toContain("<p>Đề nghị rà soát lại toàn bộ các chỉ tiêu.</p><p>Bổ sung phụ lục kinh phí.</p>");
    for (const label of ["Tiếp thu", "Tiếp thu một phần", "Giải trình", "Không tiếp thu"]) expect(passage).toContain(label);
    expect(passage).toMatch(/<fieldset><legend>Hình thức xử lý ý kiến số 4<\/legend>/);
    expect(passage).toContain(`<label for="giai-trinh-${onPassage}">`);
    expect(passage).toContain(`action="${screen}#y-kien-${onPassage}"`);
    expect(html).toContain("Đã xử lý 0/4 ý kiến");
  });

  it("marks a late comment 'quá hạn'", async () => {
    await db.comment.update({ where: { id: onPartI }, data: { isLate: true } });
    const html = text(await (await get(screen, office)).text());
    expect(entry(html, onPartI)).toContain("quá hạn");
    expect(entry(html, general)).not.toContain("quá hạn");
  });
});

describe("deciding", () => {
  const kinds = [
    [general, "accepted", "", "Tiếp thu"],
    [onPartI, "partly_accepted", "Tiếp thu phần đối tượng thụ hưởng.", "Tiếp thu một phần"],
    [onItem, "explained", "Lộ trình đã có ở Phần V.", "Giải trình"],
    [onPassage, "not_accepted", "Đơn vị chủ trì do Quyết định khác quy định.", "Không tiếp thu"],
  ] as const;

  it("saves each of the four kinds, back to the same list at that comment", async () => {
    for (const [id, kind, explanation, label] of kinds) {
      const r = await post(`${screen}?tinh-trang=chua-xu-ly`, office, { commentId: id, revision: "0", kind, explanation });
      expect(r.status).toBe(303);
      expect(r.headers.get("location")).toBe(`${screen}?tinh-trang=chua-xu-ly&da-luu=${id}#y-kien-${id}`);
      const d = await db.disposition.findUniqueOrThrow({ where: { commentId: id }, include: { comment: { select: { dispositionKind: true } } } });
      expect(d).toMatchObject({ kind, explanation });
      expect(d.comment.dispositionKind).toBe(kind);
      const html = text(await (await get(`${screen}?da-luu=${id}`, office)).text());
      expect(entry(html, id)).toContain(`Đã xử lý: <strong>${label}</strong>`);
      expect(entry(html, id)).toContain('role="status"');
    }
    const html = text(await (await get(screen, office)).text());
    expect(html).toContain("Đã xử lý 4/4 ý kiến");
    expect(html).toMatch(/<progress max="4" value="4"/);
  });

  it("requires an explanation except for Tiếp thu: 400 beside the comment, the text kept, nothing changed", async () => {
    const before = await db.disposition.findUniqueOrThrow({ where: { commentId: onItem } });
    for (const kind of ["partly_accepted", "explained", "not_accepted"]) {
      const r = await post(screen, office, { commentId: onItem, revision: "0", kind, explanation: "   " });
      expect(r.status).toBe(400);
      const html = text(await r.text());
      const mine = entry(html, onItem)!;
      expect(mine).toMatch(/role="alert"[^>]*>Vui lòng ghi nội dung giải trình cho ý kiến "(Tiếp thu một phần|Giải trình|Không tiếp thu)"\./);
      expect(mine).toMatch(new RegExp(`<input[^>]*value="${kind}"[^>]*checked=""|<input[^>]*checked=""[^>]*value="${kind}"`));
    }
    // No kind chosen: the words typed come back, as text, not markup.
    const r = await post(screen, office, { commentId: onItem, revision: "0", explanation: "Lý do <b>riêng</b>" });
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(text(entry(html, onItem)!)).toContain("Vui lòng chọn một hình thức xử lý");
    expect(entry(html, onItem)).toContain("Lý do &lt;b&gt;riêng&lt;/b&gt;</textarea>");
    expect(entry(html, general)).not.toContain('role="alert"');
    expect(await db.disposition.findUniqueOrThrow({ where: { commentId: onItem } })).toEqual(before);
  });

  it("accepts Tiếp thu without an explanation", async () => {
    const r = await post(screen, office, { commentId: onItem, revision: "0", kind: "accepted", explanation: "" });
    expect(r.status).toBe(303);
    expect((await db.disposition.findUniqueOrThrow({ where: { commentId: onItem } })).kind).toBe("accepted");
  });

  it("refuses a withdrawn comment and another consultation's comment", async () => {
    const w = await post(screen, office, { commentId: withdrawn, revision: "0", kind: "accepted", explanation: "" });
    expect(w.status).toBe(409);
    expect(text(await w.text())).toContain("Ý kiến này đã được người góp ý rút lại");
    const f = await post(screen, office, { commentId: foreign, revision: "0", kind: "accepted", explanation: "" });
    expect(f.status).toBe(404);
    expect(text(await f.text())).toContain("Không tìm thấy ý kiến góp ý này trong đợt lấy ý kiến.");
    expect(await db.disposition.count({ where: { commentId: { in: [withdrawn, foreign] } } })).toBe(0);
  });

  it("audits every change with the kind before and after, and nothing for a save that changes nothing", async () => {
    const events = async () =>
      (await db.auditEvent.findMany({ where: { event: "disposition.set", entityId: general }, orderBy: { at: "asc" } })).map((e) => ({
        actor: e.actorId,
        consultation: e.consultationId,
        ...JSON.parse(e.payload),
      }));
    const officeUser = await db.user.findUniqueOrThrow({ where: { email: "van.phong@example.gov.vn" } });
    expect(await events()).toEqual([
      { actor: officeUser.id, consultation: demo.id, kind: "accepted", previousKind: null, explanationLength: 0, previousExplanationLength: null, revision: 0 },
    ]);
    const explanation = "Tiếp thu chỉ tiêu; phụ lục kinh phí do Sở Tài chính lập.";
    expect((await post(screen, office, { commentId: general, revision: "0", kind: "partly_accepted", explanation })).status).toBe(303);
    expect((await post(screen, office, { commentId: general, revision: "0", kind: "partly_accepted", explanation: `  ${explanation}\r\n` })).status).toBe(303);
    const after = await events();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ kind: "partly_accepted", previousKind: "accepted", explanationLength: explanation.length, previousExplanationLength: 0 });
  });
});

describe("filters, progress and charts", () => {
  it("filters by state, organisation and section, and counts progress over all comments", async () => {
    await db.disposition.delete({ where: { commentId: onPartI } });
    await db.comment.update({ where: { id: onPartI }, data: { dispositionKind: null } });
    const ids = (html: string) => [general, onPartI, onItem, onPassage].filter((id) => html.includes(`id="y-kien-${id}"`));

    const undecided = text(await (await get(`${screen}?tinh-trang=chua-xu-ly`, office)).text());
    expect(ids(undecided)).toEqual([onPartI]);
    expect(undecided).toContain("Đã xử lý 3/4 ý kiến");
    expect(undecided).toContain('<option value="chua-xu-ly" selected="">Chưa xử lý</option>');
    expect(ids(text(await (await get(`${screen}?tinh-trang=da-xu-ly`, office)).text()))).toEqual([general, onItem, onPassage]);
    expect(ids(text(await (await get(`${screen}?don-vi=${encodeURIComponent("Sở Y tế")}`, office)).text()))).toEqual([general, onPassage]);
    expect(ids(text(await (await get(`${screen}?phan=chung`, office)).text()))).toEqual([general]);
    const section = text(await (await get(`${screen}?phan=${item32.id}&tinh-trang=da-xu-ly`, office)).text());
    expect(ids(section)).toEqual([onItem, onPassage]);
    expect(section).toContain("Danh sách ý kiến (2)");
    const none = text(await (await get(`${screen}?don-vi=${encodeURIComponent("Sở Y tế")}&tinh-trang=chua-xu-ly`, office)).text());
    expect(ids(none)).toEqual([]);
    expect(none).toContain("Không có ý kiến nào khớp với điều kiện lọc.");

    // The options: organisations with comments (not the one whose only comment was withdrawn).
    const all = text(await (await get(screen, office)).text());
    for (const org of ["Sở Y tế", "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh"]) expect(all).toContain(`<option value="${org}">${org}</option>`);
    expect(all).not.toContain('<option value="Sở Thông tin và Truyền thông">');
    // Labelled with its part, as the report labels it: "III.2. …", not one of several "2. …".
    expect(all).toContain(`<option value="${item32.id}">III.2. ${item32.heading} (2)</option>`);
  });

  it("draws the standings and the comments per section as SVG with the numbers for screen readers", async () => {
    const html = text(await (await get(screen, office)).text());
    expect(html.match(/<svg role="img"/g)).toHaveLength(2);
    // 12 asked: 3 with comments (the one who withdrew is silent again), 1 agreed, 8 still in time.
    expect(html).toContain('<title id="bieu-do-tinh-trang-tieu-de">Tình trạng của 12 người được lấy ý kiến</title>');
    expect(html).toContain("Đã góp ý: 3; Thống nhất: 1; Không có ý kiến — xem như thống nhất: 0; Chưa phản hồi: 8; Được gia hạn: 0.");
    expect(html).toContain('aria-labelledby="bieu-do-tinh-trang-tieu-de bieu-do-tinh-trang-mo-ta"');
    const table = (id: string) => html.slice(html.indexOf(`id="${id}-chu-thich"`)).split("</table>")[0]!;
    expect(table("bieu-do-tinh-trang")).toMatch(/<th scope="row">Đã góp ý<\/th><td>3<\/td>/);
    const sections = table("bieu-do-phan-muc");
    expect(sections).toMatch(/<th scope="row">Góp ý chung<\/th><td>1<\/td><td>1<\/td>/);
    expect(sections).toMatch(/<th scope="row">I\. [^<]*<\/th><td>1<\/td><td>0<\/td>/);
    expect(sections).toMatch(new RegExp(`<th scope="row">III\\.2\\. ${item32.heading}</th><td>2</td><td>2</td>`));
    expect(sections).toContain(">2/2</text>");
    expect(sections).toContain(">0/1</text>");
  });
});

describe("paging a larger consultation", () => {
  it("reads pages across sections in the order of the draft, none lost or repeated", async () => {
    const c = await db.consultation.findUniqueOrThrow({ where: { id: other }, include: { recipients: true } });
    const sections = await db.section.findMany({ where: { versionId: c.documentVersionId }, orderBy: { position: "asc" }, take: 5 });
    const r = c.recipients[0]!;
    const base = new Date("2026-01-01T00:00:00Z").getTime();
    const rows = Array.from({ length: 130 }, (_, i) => {
      const section = i % 6 === 0 ? null : sections[i % 5]!;
      const passage = section && i % 3 === 0;
      return {
        id: `trang-${String(i).padStart(3, "0")}`,
        consultationId: other,
        recipientId: r.id,
        authorId: r.userId,
        versionId: c.documentVersionId,
        scope: section ? (passage ? "passage" : "section") : "general",
        sectionId: section?.id ?? null,
        anchorStart: passage ? 130 - i : null,
        anchorEnd: passage ? 131 - i : null,
        anchorExact: passage ? "x" : null,
        body: "{}",
        bodyText: `Ý kiến ${i}`,
        createdAt: new Date(base + (i % 7) * 60_000),
        withdrawnAt: i % 10 === 9 ? new Date(base) : null,
      };
    });
    await db.comment.createMany({ data: rows });
    const position = new Map(sections.map((s) => [s.id, s.position]));
    const expected = rows
      .filter((x) => !x.withdrawnAt)
      .concat([]) // the comment posted earlier in this consultation is general
      .sort((a, b) => {
        const pa = a.sectionId ? position.get(a.sectionId)! : -1;
        const pb = b.sectionId ? position.get(b.sectionId)! : -1;
        return (
          pa - pb || (a.anchorStart ?? -1) - (b.anchorStart ?? -1) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
        );
      })
      .map((x) => x.id);
    const seen: string[] = [];
    const first = (await decisionScreen(db, other, { page: 1 }, new Date()))!;
    expect(first.total).toBe(expected.length + 1);
    expect(first.pages).toBe(Math.ceil((expected.length + 1) / 50));
    for (let page = 1; page <= first.pages; page++) {
      const s = (await decisionScreen(db, other, { page }, new Date()))!;
      const items = s.groups.flatMap((g) => g.items);
      expect(items[0]!.number).toBe((page - 1) * 50 + 1);
      seen.push(...items.map((i) => i.id));
    }
    expect(seen.filter((id) => id !== foreign)).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    // A page past the end shows the last one.
    expect((await decisionScreen(db, other, { page: 99 }, new Date()))!.filters.page).toBe(first.pages);
  });
});
