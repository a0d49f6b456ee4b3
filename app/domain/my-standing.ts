// Where an official stands in one consultation, in the words of their own list ("Đợt lấy ý kiến
// của tôi"): the standing silence.ts derives, with what they sent and any extension they asked for.

import { type ConsultationRules, type RecipientFacts, recipientStanding } from "./silence";
import { formatDeadline } from "./time";

export interface MyFacts extends RecipientFacts {
  /** Their latest request for more time, if any. */
  extensionRequest: { status: string; requestedUntil: Date } | null;
}

export function myStanding(r: MyFacts, c: ConsultationRules, now: Date): string {
  switch (recipientStanding(r, c, now)) {
    case "commented":
      return `đã góp ý ${r.activeComments} ý kiến`;
    case "agreed":
      return "đã thống nhất với dự thảo";
    case "extension":
      return `được gia hạn đến ${formatDeadline(r.extensionUntil!)}, chưa trả lời`;
    case "deemed_agree":
      return "quá hạn, không có ý kiến — xem như thống nhất";
    case "no_reply":
      return "quá hạn, không có ý kiến";
    case "awaiting":
      return awaiting(r, c);
  }
}

function awaiting(r: MyFacts, c: ConsultationRules): string {
  if (r.extensionUntil && r.extensionUntil > c.deadlineAt) return `chưa trả lời; được gia hạn đến ${formatDeadline(r.extensionUntil)}`;
  if (r.extensionRequest?.status === "pending")
    return `chưa trả lời; đã xin gia hạn đến ${formatDeadline(r.extensionRequest.requestedUntil)}, đang chờ Văn phòng xem xét`;
  return "chưa trả lời";
}
