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

// A model's refusal handed back to a Conform form: the headline above the form, each field's
// problem beside its input, with the refusal's HTTP status.
export function replyFailure(submission: Submission<unknown>, failure: Failure) {
  const fieldErrors = Object.fromEntries(Object.entries(failure.fields ?? {}).map(([k, v]) => [k, [v]]));
  const formErrors = failure.fields
    ? (failure.problems ?? []).filter((p) => !Object.values(failure.fields!).includes(p))
    : (failure.problems ?? [failure.error]);
  return Response.json(submission.reply({ formErrors: formErrors.length ? formErrors : failure.fields ? [] : [failure.error], fieldErrors }), {
    status: failure.status,
  });
}

/** A form's own check failed: its errors go back beside their fields, status 400. */
export function replyInvalid(submission: Submission<unknown>) {
  return Response.json(submission.reply(), { status: 400 });
}
