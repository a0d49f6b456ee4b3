// One receipt per quiet period, not one per comment: an official who sends three comments in two
// minutes gets one email listing the three. The open digest of a recipient is one outbox row under
// the key `receipt:<recipient>:open`; each comment appends itself to the row's items and pushes its
// send time to QUIET_MS after that comment, while the row is still pending. Once the worker has
// claimed it (or it was sent, or failed), the next comment renames it to `receipt:<recipient>:<id>`
// and opens a new one. The statements run in the comment's own transaction, which on SQLite holds
// the write lock from BEGIN IMMEDIATE (docs/decisions/0008-write-contention.md): two comments at
// once, from two processes, are one after the other here, so both land in one digest and none is
// listed twice. On PostgreSQL one official's comments queue behind an advisory lock, and the
// digest's row is locked for the worker (app/db/unit.ts, app/db/receipt-sql.ts). Each step is one look-up by the key's unique index.

import { APPEND_TO_RECEIPT, CLOSE_SPENT_RECEIPT, LOCK_OPEN_RECEIPT } from "~/db/receipt-sql";
import { later, type Unit } from "~/db/unit";
import type { ReceiptProps } from "../../emails/receipt";
import { enqueueLater, type NewMessage } from "./outbox.server";

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

/**
 * Adds a comment to its author's open receipt, or opens one due QUIET_MS from now, inside the
 * comment's unit of work. `message` is the receipt as it would go out for this comment alone (its
 * props hold this one item).
 *
 * Three writes whose outcome the unit never waits for, so that on PostgreSQL they go out with the
 * comment's other writes and its COMMIT (app/db/unit.ts): a digest that can take no more is
 * closed; a new one holding this item is queued if no open one is left (its key is unique); the
 * item is appended to the open one unless that is the new one. Exactly one of the last two writes
 * takes the item.
 */
export function* queueCommentReceipt(recipientId: string, message: NewMessage, item: Item, now: Date): Unit<void> {
  const key = openReceiptKey(recipientId);
  const due = new Date(now.getTime() + RECEIPT_QUIET_MS);
  yield* later(LOCK_OPEN_RECEIPT, [key]);
  yield* later(CLOSE_SPENT_RECEIPT, [key, RECEIPT_MAX_ITEMS]);
  const sendBy = new Date(now.getTime() + RECEIPT_MAX_WAIT_MS).toISOString().replace("Z", "+00:00");
  const props = { ...(message.content.props as ReceiptProps), sendBy };
  const opened = yield* enqueueLater({ ...message, key, content: { ...message.content, props } as NewMessage["content"] }, now, due);
  yield* later(APPEND_TO_RECEIPT, [JSON.stringify(item), due, due, key, RECEIPT_MAX_ITEMS, opened]);
}
