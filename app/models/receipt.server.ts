// One receipt per quiet period, not one per comment: an official who sends three comments in two
// minutes gets one email listing the three. The open digest of a recipient is one outbox row under
// the key `receipt:<recipient>:open`; each comment appends itself to the row's items and pushes its
// send time to QUIET_MS after that comment, while the row is still pending. Once the worker has
// claimed it (or it was sent, or failed), the next comment renames it to `receipt:<recipient>:<id>`
// and opens a new one. The statements run in the comment's own transaction, which on SQLite holds
// the write lock from BEGIN IMMEDIATE (docs/decisions/0008-write-contention.md): two comments at
// once, from two processes, are one after the other here, so both land in one digest and none is
// listed twice. Each step is one look-up by the key's unique index.

import { type Sqlite, sqlInstant, statement } from "~/utils/db.server";
import type { ReceiptProps } from "../../emails/receipt";
import { enqueueOneDirect, type NewMessage } from "./outbox.server";

/** How long after a recipient's latest comment the receipt waits for another. */
export const RECEIPT_QUIET_MS = 5 * 60_000;
/** Someone commenting without pause still hears back within this, from the digest's first comment. */
export const RECEIPT_MAX_WAIT_MS = 30 * 60_000;
/**
 * A digest holds at most this many comments: each comment rewrites the row's JSON, so an unbounded
 * digest would cost a burst of one person's comments more with each one (the comment benchmark
 * posts thousands as one recipient). A full digest is closed and still goes out when due.
 */
export const RECEIPT_MAX_ITEMS = 50;

export const openReceiptKey = (recipientId: string) => `receipt:${recipientId}:open`;

type Item = ReceiptProps["items"][number];

// The item is appended as JSON; the send time moves to now + quiet, but never past `sendBy`
// (ISO instants in one format compare as text). json_insert and json_array_length are SQLite's
// JSON1; PostgreSQL would use jsonb_insert and jsonb_array_length.
const APPEND_SQL = `
  UPDATE "OutboxMessage"
  SET "props" = json_insert("props", '$.items[#]', json(?)),
      "nextAttemptAt" = CASE WHEN ? < json_extract("props", '$.sendBy') THEN ? ELSE json_extract("props", '$.sendBy') END
  WHERE "key" = ? AND "status" = 'pending' AND json_array_length("props", '$.items') < ${RECEIPT_MAX_ITEMS}`;

const CLOSE_SQL = `UPDATE "OutboxMessage" SET "key" = 'receipt:' || "recipientId" || ':' || "id" WHERE "key" = ?`;

/**
 * Adds a comment to its author's open receipt, or opens one due QUIET_MS from now. `message` is
 * the receipt as it would go out for this comment alone (its props hold this one item).
 */
export function queueCommentReceiptDirect(conn: Sqlite, recipientId: string, message: NewMessage, item: Item, now: Date): void {
  const key = openReceiptKey(recipientId);
  const due = sqlInstant(new Date(now.getTime() + RECEIPT_QUIET_MS));
  if (statement(conn, APPEND_SQL).run(JSON.stringify(item), due, due, key).changes > 0) return;
  statement(conn, CLOSE_SQL).run(key);
  const sendBy = new Date(now.getTime() + RECEIPT_MAX_WAIT_MS).toISOString().replace("Z", "+00:00");
  const props = { ...(message.content.props as ReceiptProps), sendBy };
  enqueueOneDirect(conn, { ...message, key, content: { ...message.content, props } as NewMessage["content"] }, now, new Date(now.getTime() + RECEIPT_QUIET_MS));
}
