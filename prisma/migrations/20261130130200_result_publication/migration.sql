-- The Office publishes the outcome of a consultation ("Công bố kết quả"): when, and by whom.
-- AlterTable
ALTER TABLE "Consultation" ADD COLUMN "resultPublishedAt" DATETIME;
ALTER TABLE "Consultation" ADD COLUMN "resultPublishedById" TEXT;
