// The comment form as the server reads it: one schema for the Remix action and for the server's
// direct handler of the same POST (app/server/comment-post.server.ts), so both read it alike.
import { z } from "./validation";

const commentFormSchema = z.object({
  intent: z.literal("comment"),
  target: z.string().default(""),
  start: z.string().default(""),
  end: z.string().default(""),
  exact: z.string().default(""),
  text: z.string().default(""),
  idempotencyKey: z.string().uuid().optional(),
});

export interface CommentFormInput {
  scope: "passage" | "section" | "general";
  sectionId: string | null;
  anchor: { start: number; end: number; exact: string } | null;
  text: string;
  idempotencyKey: string | null;
}

export const MALFORMED_COMMENT_FORM = "Biểu mẫu góp ý không hợp lệ; vui lòng tải lại trang và gửi lại.";

/** A passage when the reader filled the offsets, a section when one is chosen, else the whole draft. */
export function readCommentForm(fields: Record<string, unknown>): { ok: true; input: CommentFormInput } | { ok: false; error: string } {
  const parsed = commentFormSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, error: MALFORMED_COMMENT_FORM };
  const f = parsed.data;
  const passage = f.start !== "" && f.end !== "" && f.target !== "";
  return {
    ok: true,
    input: {
      scope: passage ? "passage" : f.target ? "section" : "general",
      sectionId: f.target || null,
      anchor: passage ? { start: Number(f.start), end: Number(f.end), exact: f.exact } : null,
      text: f.text,
      idempotencyKey: f.idempotencyKey ?? null,
    },
  };
}
