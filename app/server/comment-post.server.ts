// The comment form's POST, answered before Remix's request pipeline. In the last hour before a
// deadline hundreds of officials post at once; through Remix each POST cost ~2 ms of CPU (a Fetch
// Request built from Node's, the route tree matched, the response converted back), this ~0.5 ms.
// It reads the form with the action's own reader and calls the same model function; whatever it
// does not accept — another intent, a refusal to show with the page, a visitor not signed in — it
// hands back untouched and Remix answers as it always does. docs/decisions/0005-hot-path.md.
import { readCommentForm } from "~/domain/comment-form";
import { sentLocation } from "~/domain/comment-sent";
import { formKind, readUrlencoded } from "~/domain/form-body";
import { createComment } from "~/models/response.server";
import { getDb } from "~/utils/db.server";
import { sessionIdFromCookieHeader } from "~/utils/session.server";

/** The URL it answers (Express's pattern): the consultation page, where the comment form posts. */
export const COMMENT_POST_PATH = "/lay-y-kien/:consultationId";

export interface CommentPost {
  consultationId: string;
  cookieHeader: string | null;
  contentType: string | null;
  /** The body's bytes, as sent. */
  body: Uint8Array;
  now: Date;
}

/** Where to send the browser after a comment is stored (303), or null to let Remix answer. */
export async function postComment({ consultationId, cookieHeader, contentType, body, now }: CommentPost): Promise<string | null> {
  // Read as the action reads it (UTF-8 or refused), so what Remix would refuse is never stored here.
  const type = formKind(contentType);
  const form = type.ok && type.kind === "urlencoded" ? readUrlencoded(body) : null;
  if (!form?.ok) return null;
  const fields = form.fields;
  if (fields.intent !== "comment") return null;
  const read = readCommentForm(fields);
  if (!read.ok) return null;
  // The session is read with the comment's own first statement (one round trip fewer on PostgreSQL).
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);
  if (!sessionId) return null;
  const outcome = await createComment(getDb(), { sessionId }, { consultationId, ...read.input }, now);
  // Nothing was written (signed out, not invited, too late, a bad passage): Remix runs the action
  // again and answers as it always does (the sign-in page, or the refusal with the page).
  if (!outcome.ok) return null;
  // No notifyOutbox(): a comment queues nothing due now (its receipt waits RECEIPT_QUIET_MS for the
  // next), and waking the outbox worker on every comment cost it a claim query each time.
  return sentLocation(consultationId, outcome.commentId, outcome.sectionAnchor);
}
