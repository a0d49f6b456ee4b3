-- A comment names the receipt digest that lists it: the digest's items are read from the comments
-- when it goes out, instead of each comment rewriting the digest's JSON (app/models/receipt.server.ts).
ALTER TABLE "Comment" ADD COLUMN "receiptId" TEXT;
