// Where a recipient stands, derived from independent facts at the moment of asking. Silence is
// never a vote the system casts: "deemed to agree" is computed here, from the deadline and the
// record, each time someone asks.

export interface RecipientFacts {
  /** Comments not withdrawn. */
  activeComments: number;
  agreedAt: Date | null;
  extensionUntil: Date | null;
}

/** The facts as the models select them: agreement, extension, and a count of comments not withdrawn. */
export function recipientFacts(r: { agreedAt: Date | null; extensionUntil: Date | null; _count: { comments: number } }): RecipientFacts {
  return { activeComments: r._count.comments, agreedAt: r.agreedAt, extensionUntil: r.extensionUntil };
}

export interface ConsultationRules {
  deadlineAt: Date;
  silenceIsConsent: boolean;
}

export type Standing =
  | "commented" // đã góp ý
  | "agreed" // thống nhất
  | "awaiting" // chưa phản hồi, still in time
  | "extension" // past the consultation's deadline but inside their own extension
  | "deemed_agree" // không có ý kiến — xem như thống nhất
  | "no_reply"; // không có ý kiến (silence-as-consent off)

export function recipientStanding(r: RecipientFacts, c: ConsultationRules, now: Date): Standing {
  if (r.activeComments > 0) return "commented";
  if (r.agreedAt) return "agreed";
  const t = now.getTime();
  if (t <= c.deadlineAt.getTime()) return "awaiting";
  if (r.extensionUntil && t <= r.extensionUntil.getTime()) return "extension";
  return c.silenceIsConsent ? "deemed_agree" : "no_reply";
}

/** The last instant this recipient may still answer: their extension or the deadline. */
export function answerDeadline(r: Pick<RecipientFacts, "extensionUntil">, c: Pick<ConsultationRules, "deadlineAt">): Date {
  return r.extensionUntil && r.extensionUntil > c.deadlineAt ? r.extensionUntil : c.deadlineAt;
}

export const STANDING_LABELS: Record<Standing, string> = {
  commented: "đã góp ý",
  agreed: "thống nhất",
  awaiting: "chưa phản hồi",
  extension: "được gia hạn",
  deemed_agree: "không có ý kiến — xem như thống nhất",
  no_reply: "không có ý kiến",
};
