-- CreateTable
CREATE TABLE "OfficeProfile" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'office',
    "parentBody" TEXT NOT NULL,
    "issuingBody" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "numberPattern" TEXT NOT NULL,
    "distribution" TEXT NOT NULL,
    "officeEmail" TEXT,
    "minPeriodDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" DATETIME NOT NULL
);

