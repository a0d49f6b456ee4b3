-- A decision remembers the wording it was made on (issue 9, section 6). Written by hand from
-- `prisma migrate diff`: Prisma redefines Comment, whose DROP TABLE would cascade to the
-- revisions and decisions while foreign keys are on (they are, and PRAGMA cannot turn them off
-- inside the migration's transaction), so columns are added in place instead.

-- AlterTable: the wording's number and the copy of "needs review" for the decision screen's index.
ALTER TABLE "Comment" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "dispositionNeedsReview" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTable: CommentRevision gets its wording's number, counted from 0 in the order the
-- wordings were written (nothing references this table, so it can be dropped and renamed).
CREATE TABLE "new_CommentRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CommentRevision" ("id", "commentId", "revision", "body", "bodyText", "createdAt")
SELECT "id", "commentId", ROW_NUMBER() OVER (PARTITION BY "commentId" ORDER BY "createdAt", "id") - 1, "body", "bodyText", "createdAt" FROM "CommentRevision";
DROP TABLE "CommentRevision";
ALTER TABLE "new_CommentRevision" RENAME TO "CommentRevision";
CREATE UNIQUE INDEX "CommentRevision_commentId_revision_key" ON "CommentRevision"("commentId", "revision");

-- Backfill: a comment's number is how many earlier wordings it kept.
UPDATE "Comment" SET "revision" = (SELECT COUNT(*) FROM "CommentRevision" cr WHERE cr."commentId" = "Comment"."id")
WHERE "id" IN (SELECT "commentId" FROM "CommentRevision");

-- AlterTable: decisions already taken stand on the wording the comment has now.
ALTER TABLE "Disposition" ADD COLUMN "commentRevision" INTEGER NOT NULL DEFAULT 0;
UPDATE "Disposition" SET "commentRevision" = (SELECT c."revision" FROM "Comment" c WHERE c."id" = "Disposition"."commentId");

-- CreateIndex: the decision screen's covering index, with the new copy beside the kind.
DROP INDEX "Comment_decisions_idx";
CREATE INDEX "Comment_decisions_idx" ON "Comment"("consultationId", "sectionId", "withdrawnAt", "moderation", "dispositionKind", "dispositionNeedsReview", "recipientId", "anchorStart", "createdAt", "id");
