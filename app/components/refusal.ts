// What an error boundary says when a request was refused for its input (app/utils/request.server.ts
// throws these with a Vietnamese reason): the reason itself, not "the system failed".
import { isRouteErrorResponse } from "@remix-run/react";

const REFUSALS = [400, 413, 415];

export const REFUSAL_TITLE = "Yêu cầu không hợp lệ";

export function refusalReason(error: unknown): string | null {
  return isRouteErrorResponse(error) && REFUSALS.includes(error.status) && typeof error.data === "string" ? error.data : null;
}
