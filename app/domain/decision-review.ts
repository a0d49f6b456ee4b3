// A decision answers the wording it was made on. When the official edits a comment after the
// Office decided on it, the decision "needs review" (cần xem lại): it counts as undecided, and
// the report does not give it as an answer, until the Office confirms it on the new wording or
// changes it. Pure rules; the models record which revision (Comment.revision) a decision was made on.

export type DecisionStatus = "undecided" | "decided" | "needs_review";

export const NEEDS_REVIEW_LABEL = "Cần xem lại";

/** Where a comment's decision stands: none, made on the wording it has now, or on an earlier one. */
export function decisionStatus(decidedRevision: number | null, revision: number): DecisionStatus {
  if (decidedRevision === null) return "undecided";
  return decidedRevision < revision ? "needs_review" : "decided";
}

/**
 * Why a decision sent from a page cannot be saved: the page showed another wording than the
 * comment has now (the official edited it in between). Null when the page showed the current one.
 */
export function staleWordingProblem(shownRevision: number, revision: number): string | null {
  if (shownRevision === revision) return null;
  return "Người góp ý đã sửa nội dung ý kiến này sau khi trang được mở, nên ý kiến xử lý chưa được lưu. Vui lòng đọc lại nội dung hiện tại của ý kiến rồi xử lý lại.";
}
