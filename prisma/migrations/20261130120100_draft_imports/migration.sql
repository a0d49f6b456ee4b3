-- The Office's draft import (issue 10, "Start"): a draft is staged here while the clerk checks
-- and fixes its split, before it becomes a Document. A new table only, from `prisma migrate diff`.
-- CreateTable
CREATE TABLE "DraftImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "sourceFilename" TEXT,
    "sourceFormat" TEXT NOT NULL,
    "sourceSha256" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "savedVersionId" TEXT
);

-- CreateIndex
CREATE INDEX "DraftImport_createdById_createdAt_idx" ON "DraftImport"("createdById", "createdAt");

