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
}

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
      SET "status" = 'sending', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = o."attempts" + 1
      FROM batch WHERE o."id" = batch."id"
      RETURNING o."id", o."key", o."toEmail", o."template", o."props", o."attempts"`;
  }
  // SQLite has one writer at a time: the batch is chosen and claimed under its write lock. The
  // condition stands twice all the same, so the statement is right on any database.
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage"
    SET "status" = 'sending', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE ${due} ORDER BY "nextAttemptAt" LIMIT ${limit})
      AND (${due})
    RETURNING "id", "key", "toEmail", "template", "props", "attempts"`;
}
