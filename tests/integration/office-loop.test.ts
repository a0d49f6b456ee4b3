// The whole loop of a consultation driven through the models, on SQLite and (in the `postgresql`
// Vitest project) on PostgreSQL: the Office adds people and an account, an official signs in by the
// emailed link, agrees and takes it back, asks for more time and gets it, comments, edits, withdraws
// and restores; the sweep reminds once; after the deadline the Office decides on every comment and
// publishes the result, once. Every step answers the same on both databases.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";

const { db } = await useFreshDatabase();
const { loadDemoIfEmpty } = await import("~/models/demo.server");
const { CONSOLE_ACTOR } = await import("~/domain/actor");
const { addRecipients } = await import("~/models/recipient-list.server");
const { requestSignIn, signInWithToken } = await import("~/models/auth.server");
const { agree, requestExtension, createComment, editComment } = await import("~/models/response.server");
const { retractAgreement, withdrawComment, restoreComment } = await import("~/models/reconsider.server");
const { decideExtension, pendingExtensions } = await import("~/models/extension.server");
const { sweep } = await import("~/models/sweep.server");
const { setDisposition } = await import("~/models/disposition.server");
const { publishResult } = await import("~/models/result-publication.server");
const { addOfficeAccount, listOfficeAccounts } = await import("~/models/office-account.server");
const { saveContact, listContacts } = await import("~/models/contact.server");

const LOADED = new Date("2026-11-02T03:00:00Z");
const at = (days: number) => new Date(LOADED.getTime() + days * 86_400_000);
const consultationId = (await loadDemoIfEmpty(db, LOADED))!;
const person = { name: "Lê Thị Mai", title: "Phó Giám đốc", organization: "Sở Tư pháp", email: "Le.Thi.Mai@SoTuPhap.gov.vn", group: "Sở, ban, ngành" };

describe("a consultation from invitation to published result", () => {
  let viewer: import("~/domain/viewer").Viewer;

  it("adds an official once, invites them, and keeps the address book", async () => {
    const added = await addRecipients(db, CONSOLE_ACTOR, { consultationId, people: [person], saveToBook: true }, at(1));
    expect(added).toMatchObject({ ok: true, added: 1, invited: 1, alreadyThere: [] });
    const again = await addRecipients(db, CONSOLE_ACTOR, { consultationId, people: [{ ...person, email: "le.thi.mai@sotuphap.gov.vn" }] }, at(1));
    expect(again).toMatchObject({ ok: true, added: 0, alreadyThere: ["le.thi.mai@sotuphap.gov.vn"] });
    expect(await db.outboxMessage.count({ where: { kind: "invitation", toEmail: "le.thi.mai@sotuphap.gov.vn" } })).toBe(1);
    await saveContact(
      db,
      CONSOLE_ACTOR,
      { name: "Không nhóm", title: "Chuyên viên", organization: "Văn phòng", email: "khong.nhom@example.gov.vn", group: null },
      at(1),
    );
    const contacts = await listContacts(db);
    expect(JSON.stringify(contacts)).toContain("le.thi.mai@sotuphap.gov.vn");
  });

  it("signs the official in by the emailed link, once", async () => {
    expect(await requestSignIn(db, { email: person.email, ip: "10.0.0.7", now: at(1) })).toEqual({ outcome: "sent" });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { kind: "login", toEmail: "le.thi.mai@sotuphap.gov.vn" } });
    const token = new URL(JSON.parse(mail.props).link).searchParams.get("token")!;
    const first = await signInWithToken(db, token, at(1));
    expect(first.ok).toBe(true);
    expect(await signInWithToken(db, token, at(1))).toMatchObject({ ok: false, reason: "used" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "le.thi.mai@sotuphap.gov.vn" } });
    viewer = { userId: user.id, role: "recipient", email: user.email, name: user.name };
  });

  it("agrees, takes it back, asks for more time and is granted it", async () => {
    expect(await agree(db, viewer, consultationId, "Thống nhất.", at(2))).toMatchObject({ ok: true });
    expect(await retractAgreement(db, viewer, { consultationId }, at(2))).toMatchObject({ ok: true });
    expect(await requestExtension(db, viewer, consultationId, at(20), "Cần thêm thời gian lấy ý kiến các phòng.", at(3))).toMatchObject({ ok: true });
    const [request] = await pendingExtensions(db, consultationId);
    expect(request).toBeDefined();
    expect(
      await decideExtension(db, CONSOLE_ACTOR, { consultationId, requestId: request!.id, grant: true, until: at(20), note: "Đồng ý." }, at(4)),
    ).toMatchObject({ ok: true });
    expect(await pendingExtensions(db, consultationId)).toEqual([]);
    const recipient = await db.recipient.findFirstOrThrow({ where: { consultationId, userId: viewer.userId } });
    expect(recipient.extensionUntil).toEqual(at(20));
  });

  it("comments, edits, withdraws and restores", async () => {
    const created = await createComment(db, viewer, { consultationId, scope: "general", text: "Đề nghị bổ sung lộ trình." }, at(5));
    expect(created.ok).toBe(true);
    const commentId = created.ok ? created.commentId : "";
    expect(await editComment(db, viewer, commentId, "Đề nghị bổ sung lộ trình thực hiện theo từng năm.", at(6))).toMatchObject({ ok: true });
    expect(await withdrawComment(db, viewer, { consultationId, commentId }, at(7))).toMatchObject({ ok: true });
    expect(await restoreComment(db, viewer, { consultationId, commentId }, at(7))).toMatchObject({ ok: true });
    const comment = await db.comment.findUniqueOrThrow({ where: { id: commentId }, include: { revisions: true } });
    expect(comment).toMatchObject({ revision: 1, withdrawnAt: null, bodyText: "Đề nghị bổ sung lộ trình thực hiện theo từng năm." });
    expect(comment.revisions.map((r) => r.bodyText)).toEqual(["Đề nghị bổ sung lộ trình."]);
  });

  it("reminds those who have not answered once per slot, however often it sweeps", async () => {
    const first = await sweep(db, at(12));
    const second = await sweep(db, at(12));
    expect(second.reminders).toEqual([]);
    const keys = (await db.outboxMessage.findMany({ where: { kind: "reminder" }, select: { key: true } })).map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(first.reminders.length);
  });

  it("after every deadline, decides on each comment and publishes the result once", async () => {
    const after = at(21);
    const clerk = await db.user.findFirstOrThrow({ where: { role: "office" } });
    const office = { userId: clerk.id, role: "office" as const, email: clerk.email, name: clerk.name };
    const comments = await db.comment.findMany({ where: { consultationId, withdrawnAt: null } });
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) {
      const r = await setDisposition(db, office, { consultationId, commentId: c.id, kind: "explained", explanation: "Đã giải trình tại cuộc họp." }, after);
      expect(r.ok).toBe(true);
    }
    const published = await publishResult(db, office, { consultationId, undecidedAcknowledged: false }, after);
    expect(published).toMatchObject({ ok: true, alreadyPublished: false });
    const emailed = published.ok ? published.emailed : 0;
    expect(emailed).toBe(new Set(comments.map((c) => c.recipientId)).size);
    expect(await publishResult(db, CONSOLE_ACTOR, { consultationId, undecidedAcknowledged: false }, after)).toMatchObject({ ok: true, alreadyPublished: true });
    expect(await db.outboxMessage.count({ where: { kind: "result_published", consultationId } })).toBe(emailed);
  });

  it("adds an Office account", async () => {
    expect(await addOfficeAccount(db, CONSOLE_ACTOR, { email: "Van.Phong2@SoctRang.gov.vn", name: "Chuyên viên 2" }, at(1))).toMatchObject({ ok: true });
    expect((await listOfficeAccounts(db)).map((a) => a.email)).toContain("van.phong2@soctrang.gov.vn");
  });
});
