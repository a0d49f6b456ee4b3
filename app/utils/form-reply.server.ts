// A model's refusal handed back to a Conform form: the headline above the form, each field's
// problem beside its input, with the refusal's HTTP status.
import type { Submission } from "@conform-to/react";
import type { Failure } from "~/domain/result";

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
