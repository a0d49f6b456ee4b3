// Audit events: a typed name and a typed payload per event. Written by the model functions in the
// same transaction as the change they record.

export interface AuditPayloads {
  "draft.imported": { title: string; versionNumber: number; sourceFormat: string; sourceSha256: string; sections: number };
  "consultation.created": { title: string; deadlineAt: string; recipients: number; published: boolean; invited: number };
  "recipient.added": { email: string; title: string; organization: string; invited: boolean };
  "comment.created": { scope: string; sectionId: string | null; late: boolean };
  "comment.edited": { previousLength: number; length: number; revision: number };
  /** `decidedKind`: the Office's decision the comment carried when it was taken back, if any. */
  "comment.withdrawn": { decidedKind: string | null };
  "recipient.agreed": { note: string | null; late: boolean };
  "extension.requested": { until: string };
  "extension.decided": { granted: boolean; until: string | null };
  /** The Office's decision on a comment (tiếp thu / giải trình), first set or changed. */
  "disposition.set": { kind: string; previousKind: string | null; explanationLength: number; previousExplanationLength: number | null; revision: number };
  /** The official edited a decided comment: the decision, made on `decidedRevision`, needs review. */
  "disposition.needs_review": { kind: string; decidedRevision: number; revision: number };
  /** The Office kept its decision for the comment's new wording. */
  "disposition.confirmed": { kind: string; previousRevision: number; revision: number };
  "reminders.queued": { slot: string; recipients: number };
  "reminders.scheduled": { slots: { daysBefore: number; at: string }[] };
  "summary.queued": { asked: number };
  "demo.loaded": { consultationIds: string[] };
  /** A person ended their own sessions from the list of them (one, or every other). */
  "session.revoked": { sessions: number };
  /** The Office read a message in the local mailbox; `masked` says whether its sign-in code and link were hidden. */
  "mailbox.opened": { toEmail: string; template: string; masked: boolean };
  /** Taken off a running consultation's list: their comments stay, their access ends. */
  "recipient.removed": { email: string; comments: number };
  /** The invitation sent again (the `resend`-th time), with a new one-time link. */
  "invitation.resent": { email: string; resend: number };
  /** The address book, kept across consultations (consultationId null). */
  "contact.saved": { email: string; created: boolean };
  "contact.removed": { email: string };
  "contacts.imported": { created: number; updated: number };
  /** The Office's own accounts (entityType User, consultationId null). */
  "office.account_added": { email: string; reenabled: boolean };
  "office.account_removed": { email: string; sessionsRevoked: number };
  /** The Office's settings (/office/cai-dat): the fields that changed. */
  "office.profile_saved": { changed: string[] };
  /** The letter edited before publishing: the fields that changed. */
  "letter.edited": { changed: string[] };
  /** A typo corrected in a published letter: old and new text per field; nobody is invited again. */
  "letter.corrected": { changes: { field: string; before: string; after: string }[] };
  /** Deadline, opening and rules changed; `changed` names the fields, with their old and new values. */
  "rules.changed": { changes: { field: string; before: string; after: string }[] };
  /** `invited`: invitations queued now (0 when it opens later: the sweep queues them at opening). */
  "consultation.published": { opensAt: string; invited: number; scheduled: boolean };
  /** A scheduled consultation opened: its invitations were queued by the sweep. */
  "consultation.opened": { invited: number };
  /** The deadline moved later for everyone; each recipient is told. */
  "deadline.extended": { from: string; to: string; notified: number; mootExtensions: number };
  /** The deadline became now. */
  "consultation.closed_early": { previousDeadline: string };
  /** The outcome published: `emailed` officials who commented were told; `undecided` comments had no answer yet. */
  "result.published": { emailed: number; comments: number; undecided: number; public: boolean };
  /** A withdrawn comment brought back by its author before the deadline, as it was. */
  "comment.restored": { decidedKind: string | null };
  /** An agreement taken back before the deadline: the recipient has not answered again. */
  "recipient.agreement_retracted": { agreedAt: string; note: string | null };
}

export type AuditEventName = keyof AuditPayloads;

export interface AuditEntry<E extends AuditEventName = AuditEventName> {
  event: E;
  payload: AuditPayloads[E];
  actorId?: string | null;
  consultationId?: string | null;
  entityType: string;
  entityId: string;
}
