// What an action answers when a model function refuses a Conform form: the refusal's status, its
// sentence for the page's alert, and its problems beside the inputs they belong to.
import type { Submission } from "@conform-to/react";
import type { Failure } from "~/domain/result";

export interface FormAnswer {
  intent: string;
  error?: string;
  notice?: string;
  problems?: string[];
  reply?: ReturnType<Submission<unknown>["reply"]>;
}

/** `field`: the input every problem belongs to (a pasted list's textarea), else the failure's own fields. */
export function refuseForm(intent: string, submission: Submission<unknown>, failure: Failure, field?: string): Response {
  const fieldErrors: Record<string, string[]> = field
    ? { [field]: failure.problems ?? [failure.error] }
    : Object.fromEntries(Object.entries(failure.fields ?? {}).map(([k, v]) => [k, [v]]));
  // A pasted list's lines are listed beside it; the alert says only that nothing was saved.
  const error =
    field && failure.problems && failure.problems.length > 1
      ? `Danh sách có ${failure.problems.length} lỗi; chưa lưu người nào. Hãy sửa các dòng được báo rồi gửi lại.`
      : failure.error;
  const answer: FormAnswer = { intent, error, problems: failure.problems, reply: submission.reply({ fieldErrors }) };
  return Response.json(answer, { status: failure.status });
}

export function invalidForm(intent: string, submission: Submission<unknown>): Response {
  const answer: FormAnswer = { intent, error: "Vui lòng sửa các ô được đánh dấu.", reply: submission.reply() };
  return Response.json(answer, { status: 400 });
}
