-- CreateTable
CREATE TABLE "SignInCodeFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "emailHash" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SignInCodeFailure_emailHash_createdAt_idx" ON "SignInCodeFailure"("emailHash", "createdAt");

