// Claiming due outbox rows for delivery (app/server/outbox-worker.server.ts): pending and due, or
// left "sending" by a worker whose lease ran out, marked as this worker's in one statement.
import { Prisma } from "~/generated/prisma/client";
import { type Db, dialectOf } from "~/utils/db.server";

export interface ClaimedMessage {
  id: string;
  key: string;
  toEmail: string;
  template: string;
  props: string;
  attempts: number;
  recipientId: string | null;
}

/**
 * A receipt digest still open to comments (`receipt:<recipient>:open`, app/models/receipt.server.ts)
 * is closed as it is claimed: its key is renamed, so the next comment opens another rather than
 * joining one whose email is being written.
 */
const closeOpenDigest = (row: string) =>
  Prisma.raw(`CASE WHEN ${row}"key" LIKE 'receipt:%:open' THEN 'receipt:' || ${row}"recipientId" || ':' || ${row}"id" ELSE ${row}"key" END`);

export function claimDue(db: Db, { now, workerId, limit, lease }: { now: Date; workerId: string; limit: number; lease: Date }): Promise<ClaimedMessage[]> {
  const due = Prisma.sql`("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "claimedAt" < ${lease})`;
  if (dialectOf(db) === "postgresql") {
    // Workers on several nodes take disjoint batches without waiting for each other's row locks:
    // rows another worker has locked are skipped, and it is they who send them.
    return db.$queryRaw<ClaimedMessage[]>`
      WITH batch AS (
        SELECT "id" FROM "OutboxMessage" WHERE ${due}
        ORDER BY "nextAttemptAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE "OutboxMessage" o
      SET "status" = 'sending', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = o."attempts" + 1, "key" = ${closeOpenDigest("o.")}
      FROM batch WHERE o."id" = batch."id"
      RETURNING o."id", o."key", o."toEmail", o."template", o."props", o."attempts", o."recipientId"`;
  }
  // SQLite has one writer at a time: the batch is chosen and claimed under its write lock. The
  // condition stands twice all the same, so the statement is right on any database.
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage"
    SET "status" = 'sending', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = "attempts" + 1, "key" = ${closeOpenDigest("")}
    WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE ${due} ORDER BY "nextAttemptAt" LIMIT ${limit})
      AND (${due})
    RETURNING "id", "key", "toEmail", "template", "props", "attempts", "recipientId"`;
}
