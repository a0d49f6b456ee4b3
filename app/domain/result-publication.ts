// Publishing the outcome ("Công bố kết quả"): when the Office may, what it is told before it does,
// and what an official reads of the decision on a comment once it has. Pure rules; the model
// reads the facts and writes the publication (app/models/result-publication.server.ts).
import { decisionStatus } from "./decision-review";
import { DISPOSITION_LABELS, isDispositionKind, NEEDS_REVIEW_IN_REPORT, NEEDS_REVIEW_NOTE } from "./report";
import { formatDeadline, formatVnDateTime } from "./time";

export function resultPath(consultationId: string): string {
  return `/lay-y-kien/${consultationId}/ket-qua`;
}

export interface ResultTiming {
  publishedAt: Date | null;
  deadlineAt: Date;
  /** The latest end of anyone's extension, if one was granted. */
  lastExtensionUntil: Date | null;
}

/**
 * Why the result cannot be published yet, or null. Not before the deadline, nor while anyone's
 * own extension runs: until then answers may still come in and the report is only interim.
 */
export function resultTimingProblem(c: ResultTiming, now: Date): string | null {
  if (!c.publishedAt) return "Đợt lấy ý kiến chưa được công bố nên chưa có kết quả để công bố.";
  if (now <= c.deadlineAt) return `Chưa hết hạn góp ý (${formatDeadline(c.deadlineAt)}): chỉ công bố kết quả được sau thời hạn này.`;
  if (c.lastExtensionUntil && now <= c.lastExtensionUntil)
    return `Còn người được gia hạn góp ý đến ${formatDeadline(c.lastExtensionUntil)}: chỉ công bố kết quả được sau thời hạn này.`;
  return null;
}

/** The checkbox the Office ticks to publish while some comments have no decision yet. */
export function undecidedWarning(undecided: number): string {
  return `Còn ${undecided.toLocaleString("vi-VN")} ý kiến chưa xử lý (hoặc cần xem lại). Nếu công bố bây giờ, người góp ý sẽ thấy “Văn phòng chưa có ý kiến xử lý” ở các ý kiến đó cho đến khi Văn phòng xử lý; thư báo chỉ gửi một lần.`;
}

export const UNDECIDED_NOT_ACKNOWLEDGED = "Vui lòng đánh dấu ô xác nhận công bố khi vẫn còn ý kiến chưa xử lý, hoặc xử lý hết các ý kiến trước.";

/** What a comment card shows of the Office's decision after the result is published. */
export interface PublishedDecision {
  label: string;
  explanation: string;
  /** "decided", or "pending" when there is no answer to give (undecided, or under review). */
  state: "decided" | "pending";
  /** A line under the decision: when it changed after publication, or why it is pending. */
  note: string | null;
}

export const NO_DECISION_YET = "Văn phòng chưa có ý kiến xử lý";

export interface DecisionRecord {
  kind: string | null;
  explanation: string | null;
  /** When the decision was last made or changed. */
  decidedAt: Date | null;
  decidedRevision: number | null;
  revision: number;
}

/**
 * The decision as its author reads it. Decisions stay live after publication (the Office may still
 * correct one): a decision changed after the result was published says when, so nobody mistakes it
 * for the one the email announced.
 */
export function publishedDecision(d: DecisionRecord, resultPublishedAt: Date): PublishedDecision {
  if (!isDispositionKind(d.kind)) return { label: NO_DECISION_YET, explanation: "", state: "pending", note: null };
  if (decisionStatus(d.decidedRevision, d.revision) === "needs_review")
    return { label: NEEDS_REVIEW_IN_REPORT, explanation: "", state: "pending", note: NEEDS_REVIEW_NOTE };
  const changedLater = d.decidedAt && d.decidedAt > resultPublishedAt;
  return {
    label: DISPOSITION_LABELS[d.kind],
    explanation: (d.explanation ?? "").trim(),
    state: "decided",
    note: changedLater ? `Văn phòng cập nhật lúc ${formatVnDateTime(d.decidedAt!)}, sau khi công bố kết quả.` : null,
  };
}
