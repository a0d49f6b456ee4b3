// What the consultation page shows an invited official about themselves and the comments, in words.
import type { CommentGroup } from "~/components/comment-list";
import type { MeView } from "~/components/respond-panel";
import { commentAuthorLine } from "~/domain/comment-author";
import { mayRespond, type RespondFacts } from "~/domain/responding";
import type { PublishedDecision } from "~/domain/result-publication";
import { GENERAL_COMMENTS_TITLE, sectionTitle } from "~/domain/sections";
import { answerDeadline, recipientFacts, recipientStanding, STANDING_LABELS } from "~/domain/silence";
import { formatDeadline, formatTimeLeft, formatVnDateTime } from "~/domain/time";
import type { CommentView, recipientSelf } from "./comment.server";

type Self = NonNullable<Awaited<ReturnType<typeof recipientSelf>>>;

export function meView(self: Self, rules: Omit<RespondFacts, "extensionUntil"> & { silenceIsConsent?: boolean }, now: Date): MeView {
  const facts = recipientFacts(self);
  const standing = recipientStanding(facts, { deadlineAt: rules.deadlineAt, silenceIsConsent: rules.silenceIsConsent ?? true }, now);
  const verdict = mayRespond({ ...rules, extensionUntil: self.extensionUntil }, now);
  const until = answerDeadline(self, rules);
  const last = self.extensions[0];
  return {
    capacity: self.organization && !self.title.includes(self.organization) ? `${self.title}, ${self.organization}` : self.title,
    standing: STANDING_LABELS[standing],
    myDeadline: formatDeadline(until),
    timeLeft: formatTimeLeft(now, until),
    canRespond: verdict.ok,
    late: verdict.ok && verdict.late,
    refusal: verdict.ok ? null : verdict.reason,
    agreed: self.agreedAt ? { at: formatVnDateTime(self.agreedAt), note: self.agreeNote } : null,
    extension: last ? { text: extensionText(last) } : null,
    extensionPending: last?.status === "pending",
  };
}

function extensionText(e: Self["extensions"][number]): string {
  if (e.status === "pending") return `Đề nghị gia hạn đến ${formatDeadline(e.requestedUntil)} đang chờ Văn phòng xem xét.`;
  if (e.status === "granted") return `Văn phòng đã đồng ý gia hạn đến ${formatDeadline(e.grantedUntil!)}.`;
  return `Văn phòng không đồng ý gia hạn${e.decisionNote ? `: ${e.decisionNote}` : "."}`;
}

/**
 * General comments first, then sections in the order of the draft. `decisions`: the Office's, once
 * the result is published (app/models/result-publication.server.ts); before that none is shown.
 */
export function commentGroups(
  comments: CommentView[],
  sections: { id: string; label: string; heading: string; anchor: string }[],
  decisions?: Map<string, PublishedDecision>,
): CommentGroup[] {
  const bySection = new Map<string | null, CommentView[]>();
  for (const c of comments) {
    const list = bySection.get(c.sectionId);
    if (list) list.push(c);
    else bySection.set(c.sectionId, [c]);
  }
  const groups: CommentGroup[] = [];
  const item = (c: CommentView, anchor: string | null) => ({
    id: c.id,
    sectionId: c.sectionId,
    sectionAnchor: anchor,
    quote: c.anchor?.exact ?? null,
    text: c.text,
    author: commentAuthorLine(c.author, c.isOwn),
    when: formatVnDateTime(c.createdAt),
    isOwn: c.isOwn,
    isLate: c.isLate,
    edited: c.edited,
    withdrawn: c.withdrawn,
    decision: c.withdrawn ? null : (decisions?.get(c.id) ?? null),
  });
  const general = bySection.get(null);
  if (general) groups.push({ title: GENERAL_COMMENTS_TITLE, items: general.map((c) => item(c, null)) });
  for (const s of sections) {
    const list = bySection.get(s.id);
    if (list) groups.push({ title: sectionTitle(s), items: list.map((c) => item(c, s.anchor)) });
  }
  return groups;
}
