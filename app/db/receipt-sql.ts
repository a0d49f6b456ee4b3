// The statements of a comment's receipt digest (app/models/receipt.server.ts), whose JSON functions
// differ by database.
import { sql } from "./direct";

/**
 * Parameters: the item as JSON, the new send time twice, the open digest's key, the most items a
 * digest holds. The item is appended; the send time moves to the new one, but never past the
 * digest's `sendBy`.
 */
export const APPEND_TO_RECEIPT = sql(
  // SQLite's JSON1; ISO instants in one format compare as text.
  `UPDATE "OutboxMessage"
  SET "props" = json_insert("props", '$.items[#]', json(?)),
      "nextAttemptAt" = CASE WHEN ? < json_extract("props", '$.sendBy') THEN ? ELSE json_extract("props", '$.sendBy') END
  WHERE "key" = ? AND "status" = 'pending' AND json_array_length("props", '$.items') < ?`,
  {
    // props is text holding JSON; sendBy is an ISO instant with its offset, made a UTC timestamp.
    postgresql: `UPDATE "OutboxMessage"
  SET "props" = jsonb_insert("props"::jsonb, '{items,-1}', $1::jsonb, true)::text,
      "nextAttemptAt" = LEAST($2::timestamp(3), $3::timestamp(3), (("props"::jsonb ->> 'sendBy')::timestamptz AT TIME ZONE 'UTC'))
  WHERE "key" = $4 AND "status" = 'pending' AND jsonb_array_length("props"::jsonb -> 'items') < $5`,
  },
);

/** Closes a claimed or spent digest by renaming its key, so a new one can open. */
export const CLOSE_RECEIPT = sql(`UPDATE "OutboxMessage" SET "key" = 'receipt:' || "recipientId" || ':' || "id" WHERE "key" = ?`);
