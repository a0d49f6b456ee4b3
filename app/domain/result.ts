// One result type for every mutation the Office and the officials make, from a route or the CLI.
// A refusal carries the HTTP status a route answers with and a Vietnamese sentence the person
// reads; `problems` lists every fault of a form at once, `fields` puts them beside their inputs.

export type FailureStatus = 400 | 403 | 404 | 409 | 413 | 415;

export interface Failure {
  ok: false;
  status: FailureStatus;
  error: string;
  problems?: string[];
  fields?: Record<string, string>;
}

export type Result<T = object> = ({ ok: true } & T) | Failure;

export function fail(status: FailureStatus, error: string, extra: Pick<Failure, "problems" | "fields"> = {}): Failure {
  return { ok: false, status, error, ...extra };
}

export const notFound = (what: string): Failure => fail(404, `Không tìm thấy ${what}.`);

/** Many problems with one input: the first is the headline, all are listed. */
export function invalid(problems: string[], fields?: Record<string, string>): Failure {
  return fail(400, problems[0] ?? "Dữ liệu không hợp lệ.", { problems, fields });
}

export function isFailure<T>(r: Result<T>): r is Failure {
  return !r.ok;
}
