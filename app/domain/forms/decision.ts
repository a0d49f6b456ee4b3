// The decision screen's two forms: a decision on a comment, and "keep the decision" for a comment
// edited since. The browser checks the decision form with the same schema before sending it, so
// "explanation required unless Tiếp thu" is said beside the textarea without a round trip.
import { dispositionProblem, isDispositionKind, MAX_EXPLANATION_CHARS } from "../report";
import { z } from "../validation";

const BROKEN = "Biểu mẫu xử lý ý kiến không hợp lệ; vui lòng tải lại trang và thử lại.";

// The wording the page showed (Comment.revision) travels with every decision, so one taken on a page
// opened before the official's edit is refused instead of being attached to the new wording.
const revision = z.coerce.number({ error: BROKEN }).int(BROKEN).min(0, BROKEN).max(1_000_000, BROKEN);
const commentId = z.string({ error: BROKEN }).trim().min(1, BROKEN).max(100, BROKEN);
// Present only once the page's script runs: the action then answers data instead of a redirect.
const stay = z.string().optional();

export const decideSchema = z
  .object({
    intent: z.literal("decide"),
    commentId,
    revision,
    // Empty inputs reach the schema as undefined (Conform), so both are optional here and the
    // report's own rule below says what is missing.
    kind: z.string().max(50).optional(),
    explanation: z
      .string()
      .max(MAX_EXPLANATION_CHARS * 2)
      .optional(),
    stay,
  })
  .superRefine((form, ctx) => {
    const problem = dispositionProblem(form.kind ?? "", form.explanation ?? "");
    if (problem) ctx.addIssue({ code: "custom", path: [isDispositionKind(form.kind) ? "explanation" : "kind"], message: problem });
  });

export const confirmSchema = z.object({ intent: z.literal("confirm"), commentId, revision, stay });

export const decisionSchema = z.discriminatedUnion("intent", [decideSchema, confirmSchema], { error: BROKEN });

/** The fields a person fills in; an error on any other (hidden) field means the page is stale or forged. */
export const DECISION_INPUTS = ["kind", "explanation"] as const;
export { BROKEN as BROKEN_DECISION_FORM };
