-- The decision screen's counts per section, and where in each section they stand, kept by
-- triggers (CommentTally in schema.prisma); and the comment index in the screen's and the report's
-- order, so that a page of a section is read from the index in order instead of sorting the section
-- (docs/decisions/0011-national-scale.md).

-- DropIndex
DROP INDEX "Comment_decisions_idx";

-- DropIndex
DROP INDEX "Comment_recipientId_idx";

-- CreateTable
CREATE TABLE "CommentTally" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "sectionId" TEXT,
    "slot" INTEGER NOT NULL,
    "shown" INTEGER NOT NULL,
    "decided" INTEGER NOT NULL,
    "review" INTEGER NOT NULL,
    "withdrawnDecided" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "CommentTally_consultationId_sectionId_slot_idx" ON "CommentTally"("consultationId", "sectionId", "slot");

-- CreateIndex
CREATE INDEX "Comment_decisions_idx" ON "Comment"("consultationId", "sectionId", "anchorStart", "createdAt", "id", "withdrawnAt", "moderation", "dispositionKind", "dispositionNeedsReview", "recipientId");

-- CreateIndex
CREATE INDEX "Comment_consultationId_withdrawnAt_idx" ON "Comment"("consultationId", "withdrawnAt");

-- CreateIndex
CREATE INDEX "Comment_recipientId_withdrawnAt_idx" ON "Comment"("recipientId", "withdrawnAt");

-- A row's id: the time, then a random part, so that new rows go to the end of the key's index.
-- What one comment adds to its section's counts: shown unless withdrawn or held by moderation
-- (public comments waiting or refused), as the decision screen and the report count; in its slot
-- (app/db/tally.ts): the hour it was written for a comment without a passage, the passage's start
-- in steps of 64 characters otherwise. A new comment adds its counts.
CREATE TRIGGER "Comment_tally_insert" AFTER INSERT ON "Comment"
WHEN NEW."moderation" IN ('none', 'approved')
BEGIN
  INSERT INTO "CommentTally" ("id", "consultationId", "sectionId", "slot", "shown", "decided", "review", "withdrawnDecided")
  VALUES (printf('%014x', CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) || hex(randomblob(4)), NEW."consultationId", NEW."sectionId", CASE WHEN NEW."anchorStart" IS NULL THEN CAST(strftime('%s', NEW."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE NEW."anchorStart" / 64 END,
    (NEW."withdrawnAt" IS NULL),
    (NEW."withdrawnAt" IS NULL AND NEW."dispositionKind" IS NOT NULL AND NOT NEW."dispositionNeedsReview"),
    (NEW."withdrawnAt" IS NULL AND NEW."dispositionNeedsReview"),
    (NEW."withdrawnAt" IS NOT NULL AND NEW."dispositionKind" IS NOT NULL));
END;

-- A change that moves a count takes the old counts away and adds the new ones, in one row when the
-- comment stays in its slot; a change that moves none (an edit of the wording alone) writes nothing.
CREATE TRIGGER "Comment_tally_update" AFTER UPDATE OF "consultationId", "sectionId", "anchorStart", "createdAt", "moderation", "withdrawnAt", "dispositionKind", "dispositionNeedsReview" ON "Comment"
BEGIN
  INSERT INTO "CommentTally" ("id", "consultationId", "sectionId", "slot", "shown", "decided", "review", "withdrawnDecided")
  SELECT printf('%014x', CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) || hex(randomblob(4)), t."consultationId", t."sectionId", t."slot", SUM(t."shown"), SUM(t."decided"), SUM(t."review"), SUM(t."withdrawnDecided")
  FROM (
    SELECT OLD."consultationId" AS "consultationId", OLD."sectionId" AS "sectionId", CASE WHEN OLD."anchorStart" IS NULL THEN CAST(strftime('%s', OLD."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE OLD."anchorStart" / 64 END AS "slot",
    -(OLD."withdrawnAt" IS NULL) AS "shown",
    -(OLD."withdrawnAt" IS NULL AND OLD."dispositionKind" IS NOT NULL AND NOT OLD."dispositionNeedsReview") AS "decided",
    -(OLD."withdrawnAt" IS NULL AND OLD."dispositionNeedsReview") AS "review",
    -(OLD."withdrawnAt" IS NOT NULL AND OLD."dispositionKind" IS NOT NULL) AS "withdrawnDecided"
    WHERE OLD."moderation" IN ('none', 'approved')
    UNION ALL
    SELECT NEW."consultationId", NEW."sectionId", CASE WHEN NEW."anchorStart" IS NULL THEN CAST(strftime('%s', NEW."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE NEW."anchorStart" / 64 END,
    (NEW."withdrawnAt" IS NULL),
    (NEW."withdrawnAt" IS NULL AND NEW."dispositionKind" IS NOT NULL AND NOT NEW."dispositionNeedsReview"),
    (NEW."withdrawnAt" IS NULL AND NEW."dispositionNeedsReview"),
    (NEW."withdrawnAt" IS NOT NULL AND NEW."dispositionKind" IS NOT NULL)
    WHERE NEW."moderation" IN ('none', 'approved')
  ) t
  GROUP BY t."consultationId", t."sectionId", t."slot"
  HAVING SUM(t."shown") <> 0 OR SUM(t."decided") <> 0 OR SUM(t."review") <> 0 OR SUM(t."withdrawnDecided") <> 0;
END;

-- A comment removed (with its consultation) takes its counts away.
CREATE TRIGGER "Comment_tally_delete" AFTER DELETE ON "Comment"
WHEN OLD."moderation" IN ('none', 'approved')
BEGIN
  INSERT INTO "CommentTally" ("id", "consultationId", "sectionId", "slot", "shown", "decided", "review", "withdrawnDecided")
  VALUES (printf('%014x', CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) || hex(randomblob(4)), OLD."consultationId", OLD."sectionId", CASE WHEN OLD."anchorStart" IS NULL THEN CAST(strftime('%s', OLD."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE OLD."anchorStart" / 64 END,
    -(OLD."withdrawnAt" IS NULL),
    -(OLD."withdrawnAt" IS NULL AND OLD."dispositionKind" IS NOT NULL AND NOT OLD."dispositionNeedsReview"),
    -(OLD."withdrawnAt" IS NULL AND OLD."dispositionNeedsReview"),
    -(OLD."withdrawnAt" IS NOT NULL AND OLD."dispositionKind" IS NOT NULL));
END;

-- The counts of the comments already there, folded (their ids start with "z", app/db/tally.ts).
INSERT INTO "CommentTally" ("id", "consultationId", "sectionId", "slot", "shown", "decided", "review", "withdrawnDecided")
SELECT 'z' || printf('%014x', CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) || hex(randomblob(4)), c."consultationId", c."sectionId", CASE WHEN c."anchorStart" IS NULL THEN CAST(strftime('%s', c."createdAt") AS INTEGER) / 3600 - 1000000000 ELSE c."anchorStart" / 64 END,
  SUM(c."withdrawnAt" IS NULL),
  SUM(c."withdrawnAt" IS NULL AND c."dispositionKind" IS NOT NULL AND NOT c."dispositionNeedsReview"),
  SUM(c."withdrawnAt" IS NULL AND c."dispositionNeedsReview"),
  SUM(c."withdrawnAt" IS NOT NULL AND c."dispositionKind" IS NOT NULL)
FROM "Comment" c
WHERE c."moderation" IN ('none', 'approved')
GROUP BY 2, 3, 4;
