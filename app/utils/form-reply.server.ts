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
  const answer: FormAnswer = { intent, error: failure.error, problems: failure.problems, reply: submission.reply({ fieldErrors }) };
  return Response.json(answer, { status: failure.status });
}

export function invalidForm(intent: string, submission: Submission<unknown>): Response {
  const answer: FormAnswer = { intent, error: "Vui lòng sửa các ô được đánh dấu.", reply: submission.reply() };
  return Response.json(answer, { status: 400 });
}
