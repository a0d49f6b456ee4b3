// One receipt per quiet period, not one per comment: an official who sends three comments in two
// minutes gets one email listing the three. The open digest of a recipient is one outbox row under
// the key `receipt:<recipient>:open`, opened by their first comment with its send time QUIET_MS
// later; each comment after it pushes that time to QUIET_MS after itself (in steps of DUE_STEP_MS),
// never past MAX_WAIT_MS after the first, and names the digest in its own row (Comment.receiptId). The digest's row holds
// no items: its email reads the comments that name it when it goes out (withCommentItems), so a
// comment costs the same however many came before it. When the outbox worker claims the digest it
// closes it (renames its key to `receipt:<recipient>:<id>`, app/db/outbox-claim.ts), and the next
// comment opens another.
//
// The statements run in the comment's own transaction, before the comment's insert, which reads the
// open digest's id. On SQLite the transaction holds the write lock from BEGIN IMMEDIATE
// (docs/decisions/0008-write-contention.md); on PostgreSQL one official's comments take turns
// behind an advisory lock (app/db/unit.ts), and the open digest's row, locked by the upsert until
// the comment commits, is skipped by the worker's claim. So each comment lands in exactly one
// digest, and a digest is read only after every comment naming it has committed.

import { CLOSE_SPENT_RECEIPT, OPEN_RECEIPT } from "~/db/receipt-sql";
import { later, type Unit } from "~/db/unit";
import { GENERAL_COMMENTS_TITLE, sectionTitle } from "~/domain/sections";
import { formatVnDateTime } from "~/domain/time";
import type { Tx } from "~/utils/db.server";
import type { ReceiptProps } from "../../emails/receipt";
import { type NewMessage, outboxRow } from "./outbox.server";

/** How long after a recipient's latest comment the receipt waits for another. */
export const RECEIPT_QUIET_MS = 5 * 60_000;
/** Someone commenting without pause still hears back within this, from the digest's first comment. */
export const RECEIPT_MAX_WAIT_MS = 30 * 60_000;
/** A digest's send time moves only by more than this, so a burst rewrites its row twice a minute. */
export const RECEIPT_DUE_STEP_MS = 30_000;
/** A digest's email lists at most this many comments, and says how many more there were. */
export const RECEIPT_MAX_ITEMS = 50;

export const openReceiptKey = (recipientId: string) => `receipt:${recipientId}:open`;

/**
 * Opens its author's receipt digest, or keeps the open one waiting, inside the comment's unit of
 * work; the key the comment's insert names the digest by. `message` is the receipt as it would go
 * out for this comment alone: its items are read from the comments when it is sent.
 *
 * Two writes whose outcome the unit never waits for, so that on PostgreSQL they go out with the
 * comment's other writes and its COMMIT (app/db/unit.ts).
 */
export function* openCommentReceipt(recipientId: string, message: NewMessage, now: Date): Unit<string> {
  const key = openReceiptKey(recipientId);
  const due = new Date(now.getTime() + RECEIPT_QUIET_MS);
  const sendBy = new Date(now.getTime() + RECEIPT_MAX_WAIT_MS).toISOString().replace("Z", "+00:00");
  const props: ReceiptProps = { ...(message.content.props as ReceiptProps), items: [], sendBy };
  yield* later(CLOSE_SPENT_RECEIPT, [key]);
  const row = outboxRow({ ...message, key, content: { ...message.content, props } as NewMessage["content"] });
  yield* later(OPEN_RECEIPT, [...row, due, now, new Date(due.getTime() - RECEIPT_DUE_STEP_MS)]);
  return key;
}

/**
 * A receipt's props as it goes out: the items it was queued with (an agreement; a digest queued
 * before digests read their comments) followed by the comments that name it, in the order they
 * came in, at most RECEIPT_MAX_ITEMS listed and the rest counted.
 */
export async function withCommentItems(db: Tx, message: { id: string; recipientId: string | null }, props: ReceiptProps): Promise<ReceiptProps> {
  if (!message.recipientId) return props;
  // The author's comments, by the (recipientId, withdrawnAt) index: a digest names only its author's.
  const where = { recipientId: message.recipientId, receiptId: message.id };
  const comments = await db.comment.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: RECEIPT_MAX_ITEMS,
    select: { anchorExact: true, bodyText: true, isLate: true, createdAt: true, section: { select: { label: true, heading: true } } },
  });
  if (comments.length === 0) return props;
  const more = comments.length < RECEIPT_MAX_ITEMS ? 0 : (await db.comment.count({ where })) - comments.length;
  const items = comments.map((c) => ({
    kind: "comment" as const,
    where: c.section ? sectionTitle(c.section) : GENERAL_COMMENTS_TITLE,
    quote: c.anchorExact,
    text: c.bodyText,
    late: c.isLate,
    at: formatVnDateTime(c.createdAt),
  }));
  return { ...props, items: [...props.items, ...items], ...(more > 0 ? { more } : {}) };
}
