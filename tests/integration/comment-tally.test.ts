// The decision screen's counts kept by the comment triggers (CommentTally, app/db/tally.ts), on the
// suite's database: after comments are written, withdrawn, decided, edited past their decision,
// moderated and deleted, the counts per section and per slot are what counting the comments gives;
// folding them together changes no sum, also while others write; and every page of the decision
// screen, which starts a deep page at its slot, lists exactly the comments of a full sort.
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../helpers/database";
import { createTestConsultation } from "../helpers/fixtures";

const { db, newClient } = await useFreshDatabase();
const { compactCommentTally, readTally, rebuildCommentTally } = await import("~/db/tally");
const { decisionScreen, DECISIONS_PER_PAGE } = await import("~/models/disposition.server");
const { Prisma } = await import("~/generated/prisma/client");

const now = new Date("2026-12-01T02:00:00Z");
const consultation = await createTestConsultation(db, {
  now,
  deadline: new Date("2026-12-20T16:59:59Z"),
  recipients: [
    { name: "Lê Văn An", email: "an@example.gov.vn" },
    { name: "Trần Thị Bình", email: "binh@example.gov.vn" },
  ],
});
const c = await db.consultation.findUniqueOrThrow({ where: { id: consultation.consultationId }, include: { recipients: true } });
const sections = await db.section.findMany({ where: { versionId: c.documentVersionId }, orderBy: { position: "asc" } });

// A small deterministic generator, so that a failure can be run again as it was.
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

let made = 0;
/** `n` comments over the whole draft and four sections, written over three days, in every state. */
function comments(n: number) {
  return Array.from({ length: n }, () => {
    made++;
    const section = random() < 0.15 ? null : pick(sections.slice(0, 4));
    const onPassage = section !== null && random() < 0.6;
    const r = pick(c.recipients);
    const isPublic = random() < 0.08;
    const withdrawn = random() < 0.06;
    const decided = !withdrawn && random() < 0.4;
    return {
      id: `tally-${String(made).padStart(5, "0")}`,
      consultationId: c.id,
      recipientId: isPublic ? null : r.id,
      authorId: r.userId,
      versionId: c.documentVersionId,
      scope: section === null ? "general" : onPassage ? "passage" : "section",
      sectionId: section?.id ?? null,
      anchorStart: onPassage ? Math.floor(random() * 400) : null,
      anchorEnd: null,
      body: "{}",
      bodyText: `Góp ý số ${made}`,
      moderation: isPublic ? pick(["pending", "approved", "rejected"]) : "none",
      // Minutes apart over three days, some at the same instant (the id decides).
      createdAt: new Date(now.getTime() + Math.floor(random() * 3 * 24 * 60) * 60_000),
      withdrawnAt: withdrawn ? now : null,
      dispositionKind: decided ? pick(["accepted", "explained"]) : null,
      dispositionNeedsReview: decided && random() < 0.2,
    };
  });
}

interface Reference {
  sectionId: string | null;
  shown: number;
  decided: number;
  review: number;
  withdrawnDecided: number;
}

/** The counts as the comments themselves give them. */
async function counted(): Promise<Map<string | null, Reference>> {
  const rows = await db.comment.findMany({ where: { consultationId: c.id, moderation: { in: ["none", "approved"] } } });
  const by = new Map<string | null, Reference>();
  for (const r of rows) {
    const t = by.get(r.sectionId) ?? { sectionId: r.sectionId, shown: 0, decided: 0, review: 0, withdrawnDecided: 0 };
    if (r.withdrawnAt === null) {
      t.shown++;
      if (r.dispositionKind !== null && !r.dispositionNeedsReview) t.decided++;
      if (r.dispositionNeedsReview) t.review++;
    } else if (r.dispositionKind !== null) t.withdrawnDecided++;
    by.set(r.sectionId, t);
  }
  return by;
}

async function expectTallyRight() {
  const tally = await readTally(db, c.id);
  const reference = await counted();
  const expected = new Map([...reference].filter(([, r]) => r.shown > 0).map(([id, r]) => [id, { shown: r.shown, decided: r.decided, review: r.review }]));
  expect(tally.sections).toEqual(expected);
  expect(tally.withdrawnDecided).toBe([...reference.values()].reduce((n, r) => n + r.withdrawnDecided, 0));
}

/** Every shown comment's id in the screen's order: the draft's order of sections, then the section's own, then passages by start. */
async function fullSort(): Promise<string[]> {
  const rows = await db.comment.findMany({ where: { consultationId: c.id, withdrawnAt: null, moderation: { in: ["none", "approved"] } } });
  const place = new Map<string | null, number>([[null, -1], ...sections.map((s, i) => [s.id, i] as [string, number])]);
  return rows
    .sort(
      (a, b) =>
        place.get(a.sectionId)! - place.get(b.sectionId)! ||
        (a.anchorStart ?? -1) - (b.anchorStart ?? -1) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((r) => r.id);
}

async function expectEveryPageRight() {
  const order = await fullSort();
  const pages = Math.ceil(order.length / DECISIONS_PER_PAGE);
  for (let page = 1; page <= pages; page++) {
    const screen = (await decisionScreen(db, c.id, { page }, now))!;
    const items = screen.groups.flatMap((g) => g.items);
    const from = (page - 1) * DECISIONS_PER_PAGE;
    expect(
      items.map((i) => i.id),
      `page ${page}`,
    ).toEqual(order.slice(from, from + DECISIONS_PER_PAGE));
    expect(items.map((i) => i.number)).toEqual(items.map((_, i) => from + i + 1));
  }
}

describe("the decision screen's counts kept by triggers", () => {
  afterAll(() => db.$disconnect());

  it("count every comment written, in its section, as counting the comments does", async () => {
    await db.comment.createMany({ data: comments(600) });
    await expectTallyRight();
    // One row of differences a comment counted, until folded.
    expect(await db.commentTally.count({ where: { consultationId: c.id } })).toBeGreaterThan(400);
  });

  it("follow withdrawals, decisions, edits past a decision, moderation and deletions", async () => {
    const ids = (await db.comment.findMany({ where: { consultationId: c.id }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    await db.comment.updateMany({ where: { id: { in: ids.slice(0, 30) } }, data: { withdrawnAt: now } });
    await db.comment.updateMany({ where: { id: { in: ids.slice(30, 80) } }, data: { dispositionKind: "partly_accepted", dispositionNeedsReview: false } });
    await db.comment.updateMany({ where: { id: { in: ids.slice(60, 90) } }, data: { dispositionNeedsReview: true } });
    await db.comment.updateMany({ where: { id: { in: ids.slice(90, 140) } }, data: { moderation: "approved" } });
    await db.comment.updateMany({ where: { id: { in: ids.slice(140, 160) } }, data: { moderation: "pending" } });
    await db.comment.updateMany({ where: { id: { in: ids.slice(160, 180) } }, data: { withdrawnAt: null } });
    // An edit of the wording alone moves no count and writes no row.
    const before = await db.commentTally.count();
    await db.comment.updateMany({ where: { id: { in: ids.slice(200, 260) } }, data: { bodyText: "Đã sửa", revision: { increment: 1 } } });
    expect(await db.commentTally.count()).toBe(before);
    // A passage anchored again moves to another slot.
    await db.comment.updateMany({ where: { id: { in: ids.slice(260, 300) }, anchorStart: { not: null } }, data: { anchorStart: 399 } });
    await db.comment.deleteMany({ where: { id: { in: ids.slice(300, 320) } } });
    await expectTallyRight();
  });

  it("list every page of the decision screen in the order of a full sort, from the slots before and after folding", async () => {
    await expectEveryPageRight();
    await compactCommentTally(db);
    await expectTallyRight();
    // One row per slot at most: the rows of each (section, slot) folded into one.
    const rows = await db.commentTally.findMany({ where: { consultationId: c.id } });
    const slots = new Set(rows.map((r) => `${r.sectionId}/${r.slot}`));
    expect(rows.length).toBe(slots.size);
    await expectEveryPageRight();
    // With nothing new since, folding again leaves the rows as they are.
    await compactCommentTally(db);
    const again = await db.commentTally.findMany({ where: { consultationId: c.id } });
    expect(again.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("fold the same sums while other clients write comments at once", async () => {
    const clients = await Promise.all([newClient(), newClient(), newClient()]);
    try {
      const writers = clients.map(async (client) => {
        for (let i = 0; i < 10; i++) await client.comment.createMany({ data: comments(10) });
      });
      const folding = (async () => {
        for (let i = 0; i < 10; i++) await compactCommentTally(db, i % 2 ? c.id : undefined);
      })();
      await Promise.all([...writers, folding]);
      await expectTallyRight();
      await compactCommentTally(db);
      await expectTallyRight();
      await expectEveryPageRight();
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });

  it("are made again from the comments by a rebuild", async () => {
    await db.$executeRaw(Prisma.sql`UPDATE "CommentTally" SET "shown" = "shown" + 5`);
    await rebuildCommentTally(db);
    await expectTallyRight();
    await expectEveryPageRight();
  });
});
