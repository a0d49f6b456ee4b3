// Where a consultation stands at a given instant. Derived, never stored: the deadline is an
// exact instant and "now" comes from the server.

export function consultationPath(id: string): string {
  return `/lay-y-kien/${id}`;
}

export type ConsultationPhase = "unpublished" | "upcoming" | "open" | "closed";

export interface PhaseFacts {
  publishedAt: Date | null;
  opensAt: Date;
  deadlineAt: Date;
}

export function consultationPhase(c: PhaseFacts, now: Date): ConsultationPhase {
  if (!c.publishedAt) return "unpublished";
  if (now < c.opensAt) return "upcoming";
  // The deadline instant itself is the last moment comments are taken.
  if (now.getTime() <= c.deadlineAt.getTime()) return "open";
  return "closed";
}

export const PHASE_LABELS: Record<ConsultationPhase, string> = {
  unpublished: "chưa công bố",
  upcoming: "sắp lấy ý kiến",
  open: "đang lấy ý kiến",
  closed: "đã hết hạn góp ý",
};

export const SILENCE_NOTICE = "Sau thời hạn trên, nếu không có ý kiến phản hồi, cơ quan, đơn vị được xem như thống nhất với dự thảo.";

export type LatePolicy = "refuse" | "accept_marked";
export type CommentVisibility = "own" | "recipients" | "public";
