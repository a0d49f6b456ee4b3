-- DropIndex
DROP INDEX "Comment_consultationId_sectionId_idx";

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "dispositionKind" TEXT;

-- Backfill: the copy of each decision already taken.
UPDATE "Comment" SET "dispositionKind" = (SELECT d."kind" FROM "Disposition" d WHERE d."commentId" = "Comment"."id");

-- CreateIndex
CREATE INDEX "Comment_decisions_idx" ON "Comment"("consultationId", "sectionId", "withdrawnAt", "moderation", "dispositionKind", "recipientId", "anchorStart", "createdAt", "id");

