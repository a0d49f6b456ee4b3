// Officials comment, edit, withdraw, agree and ask for more time, through the page's action,
// against a real SQLite file; refused requests are made for real.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";

const { db } = await useFreshDatabase();
const { createSession } = await import("~/models/auth.server");
const { sessionCookie } = await import("~/utils/session.server");
const { decideExtension } = await import("~/models/extension.server");
const { endOfVnDay } = await import("~/domain/time");
const page = await import("~/routes/lay-y-kien.$consultationId");

const now = new Date();
const people = ["an", "binh", "cuong"].map((n) => ({ name: `Người ${n}`, email: `${n}@example.gov.vn`, title: `Giám đốc Sở ${n}` }));
const open = (await createTestConsultation(db, { now, deadline: new Date(now.getTime() + 7 * 86_400_000), recipients: people })).consultationId;
const closed = (
  await createTestConsultation(db, { now: new Date(now.getTime() - 10 * 86_400_000), deadline: new Date(now.getTime() - 60_000), recipients: people })
).consultationId;
const office = await db.user.create({ data: { email: "vanphong@example.gov.vn", name: "Văn phòng", role: "office" } });
const outsider = await db.user.create({ data: { email: "ngoai@example.gov.vn", name: "Người ngoài" } });

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return sessionCookie.serialize(await createSession(db, user.id, new Date()));
}

async function post(consultationId: string, cookie: string | null, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request(`http://portal.test/lay-y-kien/${consultationId}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
  try {
    return (await page.action({ request, params: { consultationId }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function view(consultationId: string, cookie: string | null) {
  const request = new Request(`http://portal.test/lay-y-kien/${consultationId}`, { headers: cookie ? { Cookie: cookie } : {} });
  return page.loader({ request, params: { consultationId }, context: {} });
}

async function sectionOf(consultationId: string, label: string, parentLabel: string) {
  const c = await db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
  const parent = await db.section.findFirstOrThrow({ where: { versionId: c.documentVersionId, label: parentLabel, level: 1 } });
  return db.section.findFirstOrThrow({ where: { versionId: c.documentVersionId, parentId: parent.id, label } });
}

const an = await cookieFor("an@example.gov.vn");
const binh = await cookieFor("binh@example.gov.vn");
const target = await sectionOf(open, "2.", "III.");
const quote = "Hình thành các cơ sở dữ liệu dùng chung, chia sẻ, mở";
const start = target.plainText.indexOf(quote);

describe("commenting on a passage", () => {
  it("stores the anchor checked against the section's text, and confirms by email", async () => {
    const r = await post(open, an, {
      intent: "comment",
      target: target.id,
      start: String(start),
      end: String(start + quote.length),
      exact: quote,
      text: "Đề nghị bổ sung cơ chế bảo vệ dữ liệu cá nhân.\n\nVà quy định trách nhiệm.",
    });
    expect(r.status).toBe(303);
    const c = await db.comment.findFirstOrThrow({ where: { consultationId: open } });
    // Back at the section commented on, flagged so the page says it was sent.
    expect(r.headers.get("Location")).toBe(`/lay-y-kien/${open}?da-gui=${c.id}#${target.anchor}`);
    expect(c).toMatchObject({ scope: "passage", sectionId: target.id, anchorStart: start, anchorEnd: start + quote.length, anchorExact: quote, isLate: false });
    expect(c.anchorPrefix).toBe(target.plainText.slice(Math.max(0, start - 32), start));
    expect(c.anchorSuffix).toBe(target.plainText.slice(start + quote.length, start + quote.length + 32));
    expect(c.bodyText).toBe("Đề nghị bổ sung cơ chế bảo vệ dữ liệu cá nhân.\nVà quy định trách nhiệm.");
    const receipt = await db.outboxMessage.findUniqueOrThrow({ where: { key: `receipt:${c.recipientId}:open` } });
    expect(receipt.toEmail).toBe("an@example.gov.vn");
    expect(c.receiptId).toBe(receipt.id);
    const { withCommentItems } = await import("~/models/receipt.server");
    const { items } = await withCommentItems(db, receipt, JSON.parse(receipt.props));
    expect(items).toEqual([expect.objectContaining({ quote, where: expect.stringMatching(/^2\. Xây dựng hạ tầng dữ liệu/), text: c.bodyText })]);
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    ["an empty comment", { text: "   " }, /không được để trống/],
    ["a comment over 10,000 characters", { text: "a".repeat(10_001) }, /quá giới hạn 10\.000 ký tự/],
    ["a quote that is not at that place", { exact: "một đoạn khác hẳn" }, /không khớp/],
    ["a passage outside the text", { start: "999999", end: "1000010" }, /không nằm trong/],
  ];
  for (const [what, patch, message] of refusals) {
    it(`refuses ${what} and stores nothing`, async () => {
      const before = await db.comment.count();
      const r = await post(open, an, {
        intent: "comment",
        target: target.id,
        start: String(start),
        end: String(start + quote.length),
        exact: quote,
        text: "Góp ý",
        ...patch,
      });
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatch(message);
      expect(await db.comment.count()).toBe(before);
    });
  }

  it("creates one comment for a double click", async () => {
    const key = crypto.randomUUID();
    const fields = { intent: "comment", target: "", text: "Góp ý chung: thống nhất về cơ bản.", idempotencyKey: key };
    const [a, b] = [await post(open, binh, fields), await post(open, binh, fields)];
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await db.comment.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});

describe("who may do what", () => {
  // The server's direct handler names the session, and the comment's own first read finds who it is.
  it("takes a comment from a live session alone, and nothing from a revoked or expired one or a disabled account", async () => {
    const { createComment } = await import("~/models/response.server");
    const { sessionIdFromCookieHeader } = await import("~/utils/session.server");
    // A consultation of its own, so that the answers below change nobody's standing in the others.
    const dung = { name: "Người dung", email: "dung@example.gov.vn", title: "Giám đốc Sở dung" };
    const mine = (await createTestConsultation(db, { now, deadline: new Date(now.getTime() + 7 * 86_400_000), recipients: [dung] })).consultationId;
    const commentAs = async (cookie: string, text: string, when = new Date()) =>
      createComment(db, { sessionId: (await sessionIdFromCookieHeader(cookie))! }, { consultationId: mine, scope: "general", text }, when);
    const stored = (text: string) => db.comment.count({ where: { bodyText: text } });

    const live = await cookieFor("dung@example.gov.vn");
    const ok = await commentAs(live, "Qua phiên còn hiệu lực.");
    expect(ok).toMatchObject({ ok: true, duplicate: false });
    const c = await db.comment.findFirstOrThrow({ where: { bodyText: "Qua phiên còn hiệu lực." }, include: { author: true } });
    expect(c.author.email).toBe("dung@example.gov.vn");

    const expired = await commentAs(live, "Phiên đã hết hạn.", new Date(Date.now() + 400 * 86_400_000));
    expect(expired).toMatchObject({ ok: false, error: expect.stringContaining("Phiên đăng nhập đã hết hạn") });
    expect(await stored("Phiên đã hết hạn.")).toBe(0);

    const outsiderCookie = await cookieFor("ngoai@example.gov.vn");
    expect(await commentAs(outsiderCookie, "Người ngoài góp ý.")).toMatchObject({
      ok: false,
      status: 403,
      error: expect.stringContaining("không có trong danh sách"),
    });
    const officeCookie = await cookieFor("vanphong@example.gov.vn");
    expect(await commentAs(officeCookie, "Văn phòng góp ý.")).toMatchObject({ ok: false, status: 403 });
    expect(await stored("Người ngoài góp ý.")).toBe(0);
    expect(await stored("Văn phòng góp ý.")).toBe(0);

    const revoked = await cookieFor("dung@example.gov.vn");
    await db.session.update({ where: { id: (await sessionIdFromCookieHeader(revoked))! }, data: { revokedAt: new Date() } });
    expect(await commentAs(revoked, "Phiên bị thu hồi.")).toMatchObject({ ok: false });
    expect(await stored("Phiên bị thu hồi.")).toBe(0);

    await db.user.update({ where: { email: "dung@example.gov.vn" }, data: { disabledAt: new Date() } });
    expect(await commentAs(live, "Tài khoản bị khóa.")).toMatchObject({ ok: false });
    expect(await stored("Tài khoản bị khóa.")).toBe(0);
  });

  it("sends the signed-out to sign in and refuses someone not invited", async () => {
    const anonymous = await post(open, null, { intent: "comment", text: "x" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/dang-nhap\?tiep=/);
    const r = await post(open, await cookieFor(outsider.email), { intent: "comment", text: "Tôi muốn góp ý" });
    expect(r.status).toBe(403);
    expect(await db.comment.count({ where: { authorId: outsider.id } })).toBe(0);
  });

  it("shows each recipient only their own comments, and the Office all of them", async () => {
    const forBinh = await view(open, binh);
    const binhTexts = forBinh.comments.flatMap((g) => g.items.map((i) => i.text));
    expect(binhTexts).toEqual(["Góp ý chung: thống nhất về cơ bản."]);
    const forOffice = await view(open, await cookieFor(office.email));
    expect(forOffice.comments.flatMap((g) => g.items).length).toBe(2);
    expect(forOffice.comments[0]!.title).toBe("Góp ý chung cho toàn bộ dự thảo");
    const anonymous = await view(open, null);
    expect(anonymous.comments).toEqual([]);
    expect(anonymous.me).toBeNull();
  });

  it("lets only the author edit, keeping the earlier wording, and withdraw", async () => {
    const c = await db.comment.findFirstOrThrow({ where: { consultationId: open, scope: "passage" } });
    expect((await post(open, binh, { intent: "edit", commentId: c.id, text: "Sửa của người khác" })).status).toBe(404);
    expect((await post(open, an, { intent: "edit", commentId: c.id, text: "Đề nghị bổ sung cơ chế bảo vệ dữ liệu." })).status).toBe(303);
    const revisions = await db.commentRevision.findMany({ where: { commentId: c.id } });
    expect(revisions.map((r) => r.bodyText)).toEqual(["Đề nghị bổ sung cơ chế bảo vệ dữ liệu cá nhân.\nVà quy định trách nhiệm."]);
    expect((await post(open, binh, { intent: "withdraw", commentId: c.id })).status).toBe(404);
    expect((await post(open, an, { intent: "withdraw", commentId: c.id })).status).toBe(303);
    expect((await db.comment.findUniqueOrThrow({ where: { id: c.id } })).withdrawnAt).toBeTruthy();
  });
});

describe("agreeing and asking for more time", () => {
  it("records an explicit agreement once, with its note", async () => {
    const cuong = await cookieFor("cuong@example.gov.vn");
    expect((await post(open, cuong, { intent: "agree", note: "Thống nhất, không có ý kiến khác." })).status).toBe(303);
    expect((await post(open, cuong, { intent: "agree", note: "lần hai" })).status).toBe(303);
    const r = await db.recipient.findFirstOrThrow({ where: { consultationId: open, user: { email: "cuong@example.gov.vn" } } });
    expect(r.agreeNote).toBe("Thống nhất, không có ý kiến khác.");
    expect(await db.outboxMessage.count({ where: { key: `receipt:agree:${r.id}` } })).toBe(1);
    expect((await view(open, cuong)).me!.standing).toBe("thống nhất");
  });

  it("refuses a date that is not after the deadline, then takes a proper request", async () => {
    const early = await post(open, an, { intent: "extension", until: "2000-01-01", reason: "Cần thêm thời gian" });
    expect(early.status).toBe(400);
    expect((await early.json()).error).toMatch(/phải sau hạn góp ý hiện tại/);
    const noReason = await post(open, an, { intent: "extension", until: "2099-01-01", reason: " " });
    expect((await noReason.json()).error).toMatch(/nêu lý do/);
    expect((await post(open, an, { intent: "extension", until: "2099-01-01", reason: "Chờ ý kiến các phòng chuyên môn" })).status).toBe(303);
    const again = await post(open, an, { intent: "extension", until: "2099-01-02", reason: "Lần nữa" });
    expect(again.status).toBe(409);
    // An has withdrawn the only comment, so the pending request is what the Office sees.
    const { listRecipientsForOffice } = await import("~/models/recipient.server");
    const table = await listRecipientsForOffice(db, open, new Date());
    expect(table!.recipients.find((r) => r.user.email === "an@example.gov.vn")!.standingLabel).toBe("xin gia hạn");
  });

  it("lets the Office grant it, and tells the recipient", async () => {
    const req = await db.extensionRequest.findFirstOrThrow({ where: { status: "pending" }, include: { recipient: true } });
    const officeViewer = { userId: office.id, role: "office" as const, email: office.email, name: office.name };
    const until = endOfVnDay(2099, 1, 1);
    expect(
      await decideExtension(
        db,
        { ...officeViewer, role: "recipient" },
        { consultationId: req.recipient.consultationId, requestId: req.id, grant: true, until },
        now,
      ),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    // Posted from another consultation's page: not found there, and nothing decided.
    const elsewhere = await decideExtension(db, officeViewer, { consultationId: "another-consultation", requestId: req.id, grant: true, until }, now);
    expect(elsewhere).toMatchObject({ ok: false, status: 404 });
    expect((await db.extensionRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("pending");
    expect(await decideExtension(db, officeViewer, { consultationId: req.recipient.consultationId, requestId: req.id, grant: true, until }, now)).toEqual({
      ok: true,
    });
    const r = await db.recipient.findUniqueOrThrow({ where: { id: req.recipientId } });
    expect(r.extensionUntil).toEqual(until);
    const mail = await db.outboxMessage.findUniqueOrThrow({ where: { key: `extension:${req.id}` } });
    expect(mail.subject).toMatch(/^Đồng ý gia hạn góp ý/);
    expect(await decideExtension(db, officeViewer, { consultationId: req.recipient.consultationId, requestId: req.id, grant: false }, now)).toMatchObject({
      ok: false,
      status: 409,
    });
  });
});

describe("after the deadline", () => {
  it("refuses comments, agreement and edits with a clear message, except inside an extension", async () => {
    const attempts: Record<string, string>[] = [
      { intent: "comment", text: "Muộn" },
      { intent: "agree" },
      { intent: "extension", until: "2099-01-01", reason: "x" },
    ];
    for (const fields of attempts) {
      const r = await post(closed, an, fields);
      expect(r.status).toBe(403);
      expect((await r.json()).error).toMatch(/Đã hết hạn góp ý/);
    }
    expect(await db.comment.count({ where: { consultationId: closed } })).toBe(0);
    const me = (await view(closed, an)).me!;
    expect(me.canRespond).toBe(false);
    expect(me.standing).toBe("không có ý kiến — xem như thống nhất");

    const binhHere = await db.recipient.findFirstOrThrow({ where: { consultationId: closed, user: { email: "binh@example.gov.vn" } } });
    await db.recipient.update({ where: { id: binhHere.id }, data: { extensionUntil: new Date(now.getTime() + 86_400_000) } });
    expect((await post(closed, binh, { intent: "comment", text: "Trong thời gian gia hạn" })).status).toBe(303);
    expect(await db.comment.findFirstOrThrow({ where: { consultationId: closed } })).toMatchObject({ isLate: false });
  });

  it("takes a late comment, marked, where the consultation accepts them", async () => {
    await db.consultation.update({ where: { id: closed }, data: { latePolicy: "accept_marked" } });
    expect((await post(closed, an, { intent: "comment", text: "Ý kiến gửi muộn" })).status).toBe(303);
    expect(await db.comment.findFirstOrThrow({ where: { consultationId: closed, bodyText: "Ý kiến gửi muộn" } })).toMatchObject({ isLate: true });
    const c = await db.comment.findFirstOrThrow({ where: { consultationId: closed, bodyText: "Ý kiến gửi muộn" } });
    const edit = await post(closed, an, { intent: "edit", commentId: c.id, text: "Sửa muộn" });
    expect(edit.status).toBe(403);
  });
});

const marksRoute = await import("~/routes/lay-y-kien.$consultationId.danh-dau");

describe("the highlights' marks", () => {
  const marks = async (cookie: string | null) => {
    const request = new Request(`http://portal.test/lay-y-kien/${open}/danh-dau`, { headers: cookie ? { Cookie: cookie } : {} });
    const r = (await marksRoute.loader({ request, params: { consultationId: open }, context: {} })) as Response;
    return {
      status: r.status,
      cache: r.headers.get("Cache-Control"),
      body: (await r.json()) as { id: string; sectionId: string; start: number; end: number }[],
    };
  };

  it("gives each recipient their own passages (the default visibility), the Office everyone's, a stranger none", async () => {
    const posted = await post(open, an, {
      intent: "comment",
      target: target.id,
      start: String(start),
      end: String(start + quote.length),
      exact: quote,
      text: "Đoạn này cần rõ hơn.",
    });
    expect(posted.status).toBe(303);
    const own = await db.comment.findMany({ where: { consultationId: open, scope: "passage", withdrawnAt: null, author: { email: "an@example.gov.vn" } } });
    expect(own.length).toBeGreaterThan(0);
    const forAn = await marks(an);
    expect(forAn.cache).toBe("private, no-store");
    expect(forAn.body.map((m) => m.id).sort()).toEqual(own.map((c) => c.id).sort());
    expect(forAn.body[0]).toMatchObject({ sectionId: own[0]!.sectionId, start: own[0]!.anchorStart, end: own[0]!.anchorEnd });
    expect((await marks(binh)).body.some((m) => own.some((c) => c.id === m.id))).toBe(false);
    expect((await marks(await cookieFor("vanphong@example.gov.vn"))).body.length).toBeGreaterThanOrEqual(own.length);
    expect((await marks(null)).body).toEqual([]);
  });
});
