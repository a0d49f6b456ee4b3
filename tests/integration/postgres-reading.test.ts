// The reading page and the comment post on PostgreSQL (issue 12): the page's reads come back as on
// SQLite (booleans, Dates, numbers), and comments posted at once by one official — the deadline-day
// burst — are each stored once, all land in one receipt digest, and an identical POST sent twice
// at once creates one comment.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

const NOW = new Date("2026-11-05T03:00:00Z"); // the open demo consultation is taking comments

describe.skipIf(skip)("the reading page and the comment post on PostgreSQL", () => {
  let server: TestPostgres;
  // biome-ignore lint/suspicious/noExplicitAny: the Db type, imported once the environment is set
  let db: any;
  let consultationId: string;
  let viewer: import("~/domain/viewer").Viewer;
  let sectionIds: string[];

  beforeAll(async () => {
    server = await startPostgres();
    process.env.DATABASE_URL = await server.createDatabase();
    process.env.APP_URL = "http://portal.test";
    process.env.SCHEDULER = "off";
    process.env.MAILBOX_DIR = tempDir();
    const { boot } = await import("~/server/boot.server");
    const report = await boot("single", new Date("2026-11-02T03:00:00Z"));
    consultationId = report.demoConsultationId!;
    const { getDb } = await import("~/utils/db.server");
    db = getDb();
    await db.consultation.update({ where: { id: consultationId }, data: { receiptsEnabled: true } });
    const recipient = await db.recipient.findFirstOrThrow({
      where: { consultationId, removedAt: null },
      orderBy: { position: "asc" },
      include: { user: true },
    });
    viewer = { userId: recipient.userId, role: "recipient", email: recipient.user.email, name: recipient.user.name };
    const c = await db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    sectionIds = (await db.section.findMany({ where: { versionId: c.documentVersionId }, orderBy: { position: "asc" }, select: { id: true } })).map(
      (s: { id: string }) => s.id,
    );
  }, 120_000);
  afterAll(async () => {
    const { closeDb } = await import("~/utils/db.server");
    await closeDb();
    await server?.stop();
  });

  it("stores twenty comments sent at once by one official, once each, in one receipt digest", async () => {
    const { createComment } = await import("~/models/response.server");
    const { openReceiptKey } = await import("~/models/receipt.server");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createComment(db, viewer, { consultationId, scope: "section", sectionId: sectionIds[i % 5]!, text: `Góp ý số ${i + 1}: đề nghị làm rõ.` }, NOW),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.comment.count({ where: { consultationId, authorId: viewer.userId } })).toBe(20);
    const recipient = await db.recipient.findFirstOrThrow({ where: { consultationId, userId: viewer.userId } });
    const digests = await db.outboxMessage.findMany({ where: { recipientId: recipient.id, kind: "receipt" } });
    expect(digests.map((d: { key: string }) => d.key)).toEqual([openReceiptKey(recipient.id)]);
    const { withCommentItems } = await import("~/models/receipt.server");
    const items = (await withCommentItems(db, digests[0], JSON.parse(digests[0].props))).items.map((i: { text: string }) => i.text);
    expect(items.sort()).toEqual(results.map((_, i) => `Góp ý số ${i + 1}: đề nghị làm rõ.`).sort());
    expect(recipient.answeredAt).toEqual(NOW);
    expect(await db.auditEvent.count({ where: { event: "comment.created", actorId: viewer.userId } })).toBe(20);
  });

  it("creates one comment for an identical POST sent ten times at once", async () => {
    const { createComment } = await import("~/models/response.server");
    const idempotencyKey = randomBytes(16).toString("hex");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        createComment(db, viewer, { consultationId, scope: "general", text: "Thống nhất, kèm một ý nhỏ.", idempotencyKey }, NOW),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.commentId : r.error)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(await db.comment.count({ where: { idempotencyKey } })).toBe(1);
  });

  it("refuses, changing nothing, a comment from someone not invited", async () => {
    const before = await db.comment.count();
    const stranger = await db.user.create({ data: { email: "nguoi-la@example.gov.vn", name: "Người lạ" } });
    const r = await createCommentAs({ userId: stranger.id, role: "recipient", email: stranger.email, name: stranger.name });
    expect(r).toMatchObject({ ok: false, status: 403 });
    expect(await db.comment.count()).toBe(before);
  });

  it("reads the page as on SQLite: the consultation, the official's standing, their comments and the counts", async () => {
    const { getConsultationForReading } = await import("~/models/consultation.server");
    const { commentsForViewer, recipientSelf, marksForViewer } = await import("~/models/comment.server");
    const { commentCountsBySection } = await import("~/models/comment-counts.server");
    const c = await getConsultationForReading(db, consultationId, viewer);
    expect(c).toMatchObject({ id: consultationId, isDemo: true, silenceIsConsent: expect.any(Boolean), publicCanRead: expect.any(Boolean) });
    expect(c!.deadlineAt).toBeInstanceOf(Date);
    const self = await recipientSelf(db, consultationId, viewer);
    expect(self!._count.comments).toBe(21);
    const page = await commentsForViewer(db, consultationId, "own", viewer);
    expect(page.total).toBe(21);
    expect(page.items).toHaveLength(21);
    expect(page.items[0]!.sectionId).toBeNull(); // the general comment first, as on SQLite
    expect(page.items.every((i) => i.isOwn && i.isLate === false && i.edited === false && i.createdAt.getTime() === NOW.getTime())).toBe(true);
    const counts = await commentCountsBySection(db, consultationId, "own", viewer);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(20);
    expect(counts[sectionIds[0]!]).toBe(4);
    expect(await marksForViewer(db, consultationId, "own", viewer)).toEqual([]);
    const office = await db.user.findFirstOrThrow({ where: { role: "office" } });
    expect(await getConsultationForReading(db, consultationId, { userId: office.id, role: "office", email: office.email, name: office.name })).not.toBeNull();
  });

  it("knows a signed-in official by their session cookie, and notes when they were last seen", async () => {
    const { sessionCookie, viewerFromCookieHeader } = await import("~/utils/session.server");
    const { sha256 } = await import("~/utils/crypto.server");
    const token = randomBytes(32).toString("base64url");
    await db.session.create({ data: { id: sha256(token), userId: viewer.userId, createdAt: NOW, expiresAt: new Date(NOW.getTime() + 86_400_000) } });
    const cookie = await sessionCookie.serialize(token);
    expect(await viewerFromCookieHeader(cookie, NOW)).toMatchObject({ userId: viewer.userId, role: "recipient" });
    await expect.poll(async () => (await db.session.findUniqueOrThrow({ where: { id: sha256(token) } })).lastSeenAt).toEqual(NOW);
    expect(await viewerFromCookieHeader(cookie, new Date(NOW.getTime() + 2 * 86_400_000))).toBeNull(); // expired
    const { poolOf } = await import("~/utils/db.server");
    expect(poolOf(db).totalCount - poolOf(db).idleCount).toBe(0);
  });

  function createCommentAs(who: import("~/domain/viewer").Viewer) {
    return import("~/models/response.server").then(({ createComment }) => createComment(db, who, { consultationId, scope: "general", text: "Ý kiến." }, NOW));
  }
});
