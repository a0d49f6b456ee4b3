// The statements of a comment's receipt digest (app/models/receipt.server.ts), whose JSON functions
// differ by database.
import { postgresOnly, sql } from "./direct";

/**
 * The open digest's row, locked until the comment commits, so that the outbox worker (which skips
 * locked rows) cannot claim it between the statements below. SQLite's writer has it to itself.
 */
export const LOCK_OPEN_RECEIPT = postgresOnly(`SELECT 1 FROM "OutboxMessage" WHERE "key" = $1 FOR UPDATE`);

/**
 * Parameters: the open digest's key, the most items a digest holds. A digest that can take no more
 * (claimed by the worker, sent, failed, full) is closed by renaming its key, so a new one can open.
 */
export const CLOSE_SPENT_RECEIPT = sql(
  `UPDATE "OutboxMessage" SET "key" = 'receipt:' || "recipientId" || ':' || "id"
  WHERE "key" = ? AND NOT COALESCE("status" = 'pending' AND json_array_length("props", '$.items') < ?, FALSE)`,
  {
    postgresql: `UPDATE "OutboxMessage" SET "key" = 'receipt:' || "recipientId" || ':' || "id"
  WHERE "key" = $1 AND NOT COALESCE("status" = 'pending' AND jsonb_array_length("props"::jsonb -> 'items') < $2, FALSE)`,
  },
);

/**
 * Parameters: the item as JSON, the new send time twice, the open digest's key, the most items a
 * digest holds, the id of the digest this comment may just have opened (which holds the item
 * already). The item is appended; the send time moves to the new one, but never past the
 * digest's `sendBy`.
 */
export const APPEND_TO_RECEIPT = sql(
  // SQLite's JSON1; ISO instants in one format compare as text.
  `UPDATE "OutboxMessage"
  SET "props" = json_insert("props", '$.items[#]', json(?)),
      "nextAttemptAt" = CASE WHEN ? < json_extract("props", '$.sendBy') THEN ? ELSE json_extract("props", '$.sendBy') END
  WHERE "key" = ? AND "status" = 'pending' AND json_array_length("props", '$.items') < ? AND "id" <> ?`,
  {
    // props is text holding JSON; sendBy is an ISO instant with its offset, made a UTC timestamp.
    // The digest's text is decompressed and parsed once (MATERIALIZED), not once for each use:
    // at 50 items each parse cost about 0.2 ms.
    postgresql: `WITH d AS MATERIALIZED (SELECT "id", "props"::jsonb AS j FROM "OutboxMessage" WHERE "key" = $4 AND "status" = 'pending' AND "id" <> $6)
  UPDATE "OutboxMessage" o
  SET "props" = jsonb_insert(d.j, '{items,-1}', $1::jsonb, true)::text,
      "nextAttemptAt" = LEAST($2::timestamp(3), $3::timestamp(3), ((d.j ->> 'sendBy')::timestamptz AT TIME ZONE 'UTC'))
  FROM d WHERE o."id" = d."id" AND jsonb_array_length(d.j -> 'items') < $5`,
  },
);
