// The counts per section of a consultation's comments (CommentTally in prisma/schema.prisma), kept
// by triggers on Comment that the "comment_tally" migrations create for each database. Every change
// to a comment that moves a count inserts one row of differences, so that a thousand comments a
// second never queue on a counter row; reading sums the rows, and compaction folds them into one
// row per slot now and then (each scheduler sweep, and a read that found many).
//
// A slot is a stretch of a section in the decision screen's and the report's order: its comments
// on the section as a whole (no passage) by the hour they were written, then its comments on
// passages by 64 characters of where the passage starts. Knowing how many comments each slot
// holds, a page deep into a section of 250,000 comments starts at its slot and skips a few
// hundred index entries, not the section's first 200,000.
import { type Db, dialectOf, poolOf, writeDirect } from "~/utils/db.server";
import { readAll, sql } from "./direct";

export interface SectionTally {
  /** Comments shown: not withdrawn, not held by moderation. */
  shown: number;
  /** Of them, decided on their current wording. */
  decided: number;
  /** Decided on an earlier wording, so needing review. */
  review: number;
}

/** Slots of comments on the section as a whole, by hour, are numbered below this; passages' from 0. */
const HOUR_SLOTS_FROM = -1_000_000_000;
const PASSAGE_SLOT_CHARS = 64;

/** Where in a section a slot begins: comments on the section as a whole from an instant, or on passages from a start. */
export type SlotStart = { unanchoredFrom: Date } | { anchoredFrom: number };

export function slotStart(slot: number): SlotStart {
  return slot < 0 ? { unanchoredFrom: new Date((slot - HOUR_SLOTS_FROM) * 3_600_000) } : { anchoredFrom: slot * PASSAGE_SLOT_CHARS };
}

/** The slot expression on a comment row `c`, in each database's SQL (the migrations' triggers write the same). */
const SLOT = {
  sqlite: `CASE WHEN c."anchorStart" IS NULL THEN CAST(strftime('%s', c."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE c."anchorStart" / 64 END`,
  postgresql: `CASE WHEN c."anchorStart" IS NULL THEN floor(extract(epoch FROM c."createdAt") / 3600)::integer - 1000000000 ELSE c."anchorStart" / 64 END`,
};

export interface ConsultationTally {
  /** By section id; null for comments on the whole draft. Sections with no comment shown are left out. */
  sections: Map<string | null, SectionTally>;
  /** Comments withdrawn after the Office decided on them. */
  withdrawnDecided: number;
}

/** Above this many rows still to fold for one consultation, a read folds them for the reads after it. */
const COMPACT_AFTER_ROWS = 5_000;

type Count = number | string;
type TallyRow = { sectionId: string | null; unfolded: Count; shown: Count; decided: Count; review: Count; withdrawnDecided: Count };

/**
 * Rows the triggers wrote have ids that start with the time in hexadecimal; rows folded together
 * start with "z", after every one of them: the rows still to fold are a range of the key's index.
 */
const FOLDED = "z";
const UNFOLDED = `"id" < '${FOLDED}'`;
const NEW_ID = {
  postgresql: `'${FOLDED}' || "comment_tally_id"()`,
  sqlite: `'${FOLDED}' || printf('%014x', CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) || hex(randomblob(4))`,
};

const READ = sql<TallyRow>(
  `SELECT t."sectionId" AS "sectionId", SUM(CASE WHEN t.${UNFOLDED} THEN 1 ELSE 0 END) AS "unfolded", SUM(t."shown") AS "shown", SUM(t."decided") AS "decided", SUM(t."review") AS "review",
     SUM(t."withdrawnDecided") AS "withdrawnDecided"
   FROM "CommentTally" t WHERE t."consultationId" = ? GROUP BY t."sectionId"`,
);

const SLOTS = {
  section: sql<{ slot: number; shown: Count }>(
    `SELECT t."slot" AS "slot", SUM(t."shown") AS "shown" FROM "CommentTally" t
     WHERE t."consultationId" = ? AND t."sectionId" = ? GROUP BY t."slot" HAVING SUM(t."shown") <> 0 ORDER BY t."slot"`,
  ),
  general: sql<{ slot: number; shown: Count }>(
    `SELECT t."slot" AS "slot", SUM(t."shown") AS "shown" FROM "CommentTally" t
     WHERE t."consultationId" = ? AND t."sectionId" IS NULL GROUP BY t."slot" HAVING SUM(t."shown") <> 0 ORDER BY t."slot"`,
  ),
};

/**
 * Where the `offset`-th shown comment of a section (0 first; null for the general comments) falls:
 * the start of its slot and how many of the slot's comments come before it.
 */
export async function slotOf(db: Db, consultationId: string, sectionId: string | null, offset: number): Promise<{ start: SlotStart; skip: number }> {
  const slots = sectionId === null ? await readAll(db, SLOTS.general, [consultationId]) : await readAll(db, SLOTS.section, [consultationId, sectionId]);
  let before = 0;
  for (const s of slots) {
    const shown = Number(s.shown);
    if (before + shown > offset) return { start: slotStart(Number(s.slot)), skip: offset - before };
    before += shown;
  }
  // Past the counted comments (written since): from the section's start.
  return { start: slotStart(HOUR_SLOTS_FROM), skip: offset };
}

export async function readTally(db: Db, consultationId: string): Promise<ConsultationTally> {
  const rows = await readAll(db, READ, [consultationId]);
  const sections = new Map<string | null, SectionTally>();
  let withdrawnDecided = 0;
  let unfolded = 0;
  for (const r of rows) {
    unfolded += Number(r.unfolded);
    withdrawnDecided += Number(r.withdrawnDecided);
    const shown = Number(r.shown);
    if (shown > 0) sections.set(r.sectionId, { shown, decided: Number(r.decided), review: Number(r.review) });
  }
  if (unfolded > COMPACT_AFTER_ROWS) await compactCommentTally(db, consultationId);
  return { sections, withdrawnDecided };
}

const SUMS = `SUM("shown"), SUM("decided"), SUM("review"), SUM("withdrawnDecided")`;
const NOT_ZERO = `SUM("shown") <> 0 OR SUM("decided") <> 0 OR SUM("review") <> 0 OR SUM("withdrawnDecided") <> 0`;
const COLUMNS = `"id", "consultationId", "sectionId", "slot", "shown", "decided", "review", "withdrawnDecided"`;

/**
 * Folds the rows of one consultation (or of every consultation with rows to fold) into one per
 * slot, dropping slots whose counts came to nothing; the sums read the same before and after. A
 * consultation with nothing new since the last fold is left as it is. On PostgreSQL one statement
 * that deletes the rows it sums, at READ COMMITTED: rows inserted meanwhile are not in its snapshot
 * and stay, and a second node folding at the same moment waits for the first, then finds the rows
 * it would delete gone and adds nothing. SQLite's single writer folds in one transaction.
 */
export async function compactCommentTally(db: Db, consultationId?: string): Promise<void> {
  if (dialectOf(db) === "postgresql") {
    const where =
      consultationId === undefined
        ? `WHERE "consultationId" IN (SELECT "consultationId" FROM "CommentTally" WHERE ${UNFOLDED})`
        : `WHERE "consultationId" = $1 AND EXISTS (SELECT 1 FROM "CommentTally" WHERE ${UNFOLDED} AND "consultationId" = $1)`;
    return readCommitted(db, [
      {
        text: `WITH gone AS (DELETE FROM "CommentTally" ${where} RETURNING *)
         INSERT INTO "CommentTally" (${COLUMNS})
         SELECT ${NEW_ID.postgresql}, "consultationId", "sectionId", "slot", ${SUMS} FROM gone GROUP BY "consultationId", "sectionId", "slot" HAVING ${NOT_ZERO}`,
        values: consultationId === undefined ? [] : [consultationId],
      },
    ]);
  }
  const where =
    consultationId === undefined
      ? `AND "consultationId" IN (SELECT "consultationId" FROM "CommentTally" WHERE ${UNFOLDED})`
      : `AND "consultationId" = ? AND EXISTS (SELECT 1 FROM "CommentTally" WHERE ${UNFOLDED} AND "consultationId" = ?)`;
  const params = consultationId === undefined ? [] : [consultationId, consultationId];
  await writeDirect(db, (conn) => {
    conn.transaction(() => {
      const last = (conn.prepare(`SELECT MAX(rowid) AS "last" FROM "CommentTally"`).get() as { last: number | null }).last;
      if (last === null) return;
      conn
        .prepare(
          `INSERT INTO "CommentTally" (${COLUMNS})
           SELECT ${NEW_ID.sqlite}, "consultationId", "sectionId", "slot", ${SUMS} FROM "CommentTally" WHERE rowid <= ? ${where}
           GROUP BY "consultationId", "sectionId", "slot" HAVING ${NOT_ZERO}`,
        )
        .run(last, ...params);
      conn.prepare(`DELETE FROM "CommentTally" WHERE rowid <= ? ${where}`).run(last, ...params);
    })();
  });
}

const COUNTS = (bool: (condition: string) => string) => `${bool(`c."withdrawnAt" IS NULL`)},
    ${bool(`c."withdrawnAt" IS NULL AND c."dispositionKind" IS NOT NULL AND NOT c."dispositionNeedsReview"`)},
    ${bool(`c."withdrawnAt" IS NULL AND c."dispositionNeedsReview"`)},
    ${bool(`c."withdrawnAt" IS NOT NULL AND c."dispositionKind" IS NOT NULL`)}`;
const FROM_COMMENTS = `FROM "Comment" c WHERE c."moderation" IN ('none', 'approved') GROUP BY 2, 3, 4`;

/**
 * PostgreSQL's counts made again from the comments, for a transaction to run (after a bulk load
 * that bypassed the triggers, or a copy that filled them row by row). The table is locked first,
 * so a comment written meanwhile adds its row after the rebuild, not into it twice.
 */
export const POSTGRES_REBUILD = [
  `LOCK TABLE "CommentTally" IN EXCLUSIVE MODE`,
  `DELETE FROM "CommentTally"`,
  `INSERT INTO "CommentTally" (${COLUMNS})
   SELECT ${NEW_ID.postgresql}, c."consultationId", c."sectionId", ${SLOT.postgresql}, ${COUNTS((x) => `COUNT(*) FILTER (WHERE ${x})`)} ${FROM_COMMENTS}`,
];

/** The counts made again from the comments themselves: to repair, or after a load that bypassed the triggers. */
export async function rebuildCommentTally(db: Db): Promise<void> {
  if (dialectOf(db) === "postgresql") {
    return readCommitted(
      db,
      POSTGRES_REBUILD.map((text) => ({ text, values: [] })),
    );
  }
  await writeDirect(db, (conn) => {
    conn.transaction(() => {
      conn.prepare(`DELETE FROM "CommentTally"`).run();
      conn
        .prepare(
          `INSERT INTO "CommentTally" (${COLUMNS}) SELECT ${NEW_ID.sqlite}, c."consultationId", c."sectionId", ${SLOT.sqlite}, ${COUNTS((x) => `SUM(${x})`)} ${FROM_COMMENTS}`,
        )
        .run();
    })();
  });
}

/** PostgreSQL statements run in one transaction at READ COMMITTED, on a connection of the pool. */
async function readCommitted(db: Db, statements: { text: string; values: unknown[] }[]): Promise<void> {
  const client = await poolOf(db).connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    for (const s of statements) await client.query(s.text, s.values);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
