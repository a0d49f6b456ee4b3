// The statements of a comment's receipt digest (app/models/receipt.server.ts), whose upsert and
// JSON functions differ by database. Neither rewrites the digest's JSON: the comments name the
// digest (Comment.receiptId), and the digest's email reads them when it goes out.
import { sql } from "./direct";

/**
 * Parameters: the open digest's key. A digest that was claimed, sent or failed without the claim
 * closing it (rows queued before claims closed digests; the demo marks its messages sent) is
 * closed here by renaming its key, so a new one can open. Usually it changes nothing.
 */
export const CLOSE_SPENT_RECEIPT = sql(
  `UPDATE "OutboxMessage" SET "key" = 'receipt:' || "recipientId" || ':' || "id" WHERE "key" = ? AND "status" <> 'pending'`,
);

const COLUMNS = `"id", "key", "kind", "toEmail", "subject", "template", "props", "consultationId", "recipientId", "status", "attempts", "nextAttemptAt", "createdAt"`;

/**
 * Parameters: the digest as a new outbox row (as ENQUEUE_ONE takes it: its values, then when it is
 * due, then now), then that due time less RECEIPT_DUE_STEP_MS. Opens the digest, or, when one is
 * open, moves its send time to this one's, never past the `sendBy` its props were opened with, and
 * only when that moves it by more than the step: in a burst the row is rewritten about twice a
 * minute, not once per comment (each rewrite of the row, its indexes included, cost more than the
 * comment's own insert). Either way the open row stays locked until the comment commits, so the
 * outbox worker (which skips locked rows) cannot claim it in between.
 */
export const OPEN_RECEIPT = sql(
  // SQLite: ISO instants in one format compare as text.
  `INSERT INTO "OutboxMessage" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "nextAttemptAt" = CASE WHEN excluded."nextAttemptAt" < json_extract("OutboxMessage"."props", '$.sendBy')
      THEN excluded."nextAttemptAt" ELSE json_extract("OutboxMessage"."props", '$.sendBy') END
  WHERE "OutboxMessage"."status" = 'pending' AND "OutboxMessage"."nextAttemptAt" < ?
    AND "OutboxMessage"."nextAttemptAt" < json_extract("OutboxMessage"."props", '$.sendBy')`,
  {
    // props is text holding JSON (the digest's header alone, a few hundred bytes); sendBy is an
    // ISO instant with its offset, made a UTC timestamp. ON CONFLICT locks the row even when the
    // WHERE leaves it as it is.
    postgresql: `INSERT INTO "OutboxMessage" AS o (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $11)
  ON CONFLICT ("key") DO UPDATE SET "nextAttemptAt" = LEAST(excluded."nextAttemptAt", ((o."props"::json ->> 'sendBy')::timestamptz AT TIME ZONE 'UTC'))
  WHERE o."status" = 'pending' AND o."nextAttemptAt" < $12::timestamp(3)
    AND o."nextAttemptAt" < ((o."props"::json ->> 'sendBy')::timestamptz AT TIME ZONE 'UTC')`,
  },
);
