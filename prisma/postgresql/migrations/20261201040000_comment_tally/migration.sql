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
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "sectionId" TEXT,
    "slot" INTEGER NOT NULL,
    "shown" INTEGER NOT NULL,
    "decided" INTEGER NOT NULL,
    "review" INTEGER NOT NULL,
    "withdrawnDecided" INTEGER NOT NULL,

    CONSTRAINT "CommentTally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommentTally_consultationId_sectionId_slot_idx" ON "CommentTally"("consultationId", "sectionId", "slot");

-- CreateIndex
CREATE INDEX "Comment_decisions_idx" ON "Comment"("consultationId", "sectionId", "anchorStart", "createdAt", "id", "withdrawnAt", "moderation", "dispositionKind", "dispositionNeedsReview", "recipientId");

-- CreateIndex
CREATE INDEX "Comment_consultationId_withdrawnAt_idx" ON "Comment"("consultationId", "withdrawnAt");

-- CreateIndex
CREATE INDEX "Comment_recipientId_withdrawnAt_idx" ON "Comment"("recipientId", "withdrawnAt");

-- What one comment adds to its section's counts: shown unless withdrawn or held by moderation
-- (public comments waiting or refused), as the decision screen and the report count; in its slot
-- (app/db/tally.ts): the hour it was written for a comment without a passage, the passage's start
-- in steps of 64 characters otherwise. A change that moves a count adds a row of differences (old
-- counts taken away, new ones added), one row when the comment stays in its slot; one that moves
-- none (an edit of the wording alone) writes nothing. Rows are only ever inserted here, so comments
-- written at once never wait for each other on a counter.
-- A row's id: the time in microseconds, then a random part, so that new rows go to the end of the
-- key's index (a random key dirtied a page of it anywhere for every comment: a tenth of PostgreSQL's
-- time per comment).
CREATE FUNCTION "comment_tally_id"() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000000)::bigint), 14, '0') || lpad(to_hex((random() * 2147483647)::integer), 8, '0')
$$;

CREATE FUNCTION "comment_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_slot integer;
  new_slot integer;
  shown integer := 0;
  decided integer := 0;
  review integer := 0;
  withdrawn_decided integer := 0;
BEGIN
  -- (Nested IFs: NEW is null in a DELETE trigger, OLD in an INSERT one.)
  IF TG_OP <> 'INSERT' THEN IF OLD."moderation" IN ('none', 'approved') THEN
    old_slot := CASE WHEN OLD."anchorStart" IS NULL THEN floor(extract(epoch FROM OLD."createdAt") / 3600)::integer - 1000000000 ELSE OLD."anchorStart" / 64 END;
    shown := -(OLD."withdrawnAt" IS NULL)::integer;
    decided := -(OLD."withdrawnAt" IS NULL AND OLD."dispositionKind" IS NOT NULL AND NOT OLD."dispositionNeedsReview")::integer;
    review := -(OLD."withdrawnAt" IS NULL AND OLD."dispositionNeedsReview")::integer;
    withdrawn_decided := -(OLD."withdrawnAt" IS NOT NULL AND OLD."dispositionKind" IS NOT NULL)::integer;
    IF TG_OP = 'UPDATE' AND (OLD."consultationId", OLD."sectionId", old_slot)
        IS DISTINCT FROM (NEW."consultationId", NEW."sectionId", CASE WHEN NEW."anchorStart" IS NULL THEN floor(extract(epoch FROM NEW."createdAt") / 3600)::integer - 1000000000 ELSE NEW."anchorStart" / 64 END) THEN
      -- Moved to another slot (a passage anchored again): its counts leave the old one.
      INSERT INTO "CommentTally" VALUES ("comment_tally_id"(), OLD."consultationId", OLD."sectionId", old_slot, shown, decided, review, withdrawn_decided);
      shown := 0; decided := 0; review := 0; withdrawn_decided := 0;
    END IF;
  END IF; END IF;
  IF TG_OP <> 'DELETE' THEN IF NEW."moderation" IN ('none', 'approved') THEN
    new_slot := CASE WHEN NEW."anchorStart" IS NULL THEN floor(extract(epoch FROM NEW."createdAt") / 3600)::integer - 1000000000 ELSE NEW."anchorStart" / 64 END;
    shown := shown + (NEW."withdrawnAt" IS NULL)::integer;
    decided := decided + (NEW."withdrawnAt" IS NULL AND NEW."dispositionKind" IS NOT NULL AND NOT NEW."dispositionNeedsReview")::integer;
    review := review + (NEW."withdrawnAt" IS NULL AND NEW."dispositionNeedsReview")::integer;
    withdrawn_decided := withdrawn_decided + (NEW."withdrawnAt" IS NOT NULL AND NEW."dispositionKind" IS NOT NULL)::integer;
  END IF; END IF;
  IF shown <> 0 OR decided <> 0 OR review <> 0 OR withdrawn_decided <> 0 THEN
    IF new_slot IS NULL THEN
      -- Deleted, or held by moderation now: the old slot loses its counts.
      INSERT INTO "CommentTally" VALUES ("comment_tally_id"(), OLD."consultationId", OLD."sectionId", old_slot, shown, decided, review, withdrawn_decided);
    ELSE
      INSERT INTO "CommentTally" VALUES ("comment_tally_id"(), NEW."consultationId", NEW."sectionId", new_slot, shown, decided, review, withdrawn_decided);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Comment_tally"
AFTER INSERT OR DELETE OR UPDATE OF "consultationId", "sectionId", "anchorStart", "createdAt", "moderation", "withdrawnAt", "dispositionKind", "dispositionNeedsReview"
ON "Comment" FOR EACH ROW EXECUTE FUNCTION "comment_tally"();

-- The counts of the comments already there, folded (their ids start with "z", app/db/tally.ts).
INSERT INTO "CommentTally"
SELECT 'z' || "comment_tally_id"(), c."consultationId", c."sectionId", CASE WHEN c."anchorStart" IS NULL THEN floor(extract(epoch FROM c."createdAt") / 3600)::integer - 1000000000 ELSE c."anchorStart" / 64 END,
  COUNT(*) FILTER (WHERE c."withdrawnAt" IS NULL),
  COUNT(*) FILTER (WHERE c."withdrawnAt" IS NULL AND c."dispositionKind" IS NOT NULL AND NOT c."dispositionNeedsReview"),
  COUNT(*) FILTER (WHERE c."withdrawnAt" IS NULL AND c."dispositionNeedsReview"),
  COUNT(*) FILTER (WHERE c."withdrawnAt" IS NOT NULL AND c."dispositionKind" IS NOT NULL)
FROM "Comment" c
WHERE c."moderation" IN ('none', 'approved')
GROUP BY 2, 3, 4;
