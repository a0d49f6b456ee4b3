// The deadline and the rules of a consultation: set freely before publishing; while it runs the
// deadline moves only for everyone at once (each recipient is told) or to now (closed early).
import { type Actor, actorId, authorize } from "~/domain/actor";
import { consultationPath } from "~/domain/consultation";
import type { RulesInput, RunningRulesInput } from "~/domain/forms/letter";
import { DEFAULT_MIN_PERIOD_DAYS } from "~/domain/forms/office-profile";
import { checkSchedule, deadlinePhrase, withDeadline } from "~/domain/letter";
import { type ReminderSlotSpec, reminderSlots } from "~/domain/reminders";
import { fail, invalid, notFound, type Result } from "~/domain/result";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { recordAudit } from "./audit.server";
import { enqueue } from "./outbox.server";

const RULES = ["silenceIsConsent", "latePolicy", "commentVisibility", "publicCanRead", "receiptsEnabled"] as const;
const RULE_SELECT = {
  silenceIsConsent: true,
  latePolicy: true,
  commentVisibility: true,
  publicCanRead: true,
  receiptsEnabled: true,
} as const satisfies Record<(typeof RULES)[number], true>;

async function findScoped(tx: Tx, consultationId: string) {
  return tx.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      title: true,
      publishedAt: true,
      opensAt: true,
      deadlineAt: true,
      letterBody: true,
      reminderSchedule: true,
      ...RULE_SELECT,
    },
  });
}

type Change = { field: string; before: string; after: string };

/** Deadline, opening and rules before publishing (`schedule` given), or the rules alone while it runs. */
export async function updateRules(
  db: Db,
  actor: Actor,
  input: {
    consultationId: string;
    rules: RunningRulesInput;
    schedule?: Pick<RulesInput, "deadlineDate" | "deadlineTime" | "opening" | "opensDate" | "opensTime">;
  },
  now: Date,
): Promise<Result<{ deadline: Date; opensAt: Date }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const checked = input.schedule ? checkSchedule(input.schedule, now) : null;
  if (checked && !checked.ok) return invalid(Object.values(checked.fields), checked.fields);
  return db.$transaction(async (tx) => {
    const c = await findScoped(tx, input.consultationId);
    if (!c) return notFound("đợt lấy ý kiến");
    if (checked && c.publishedAt) return fail(409, "Đợt đã công bố: hạn góp ý chỉ đổi bằng «Gia hạn cho tất cả» hoặc «Kết thúc sớm».");
    const next = {
      silenceIsConsent: input.rules.silenceIsConsent,
      latePolicy: input.rules.latePolicy,
      commentVisibility: input.rules.commentVisibility,
      publicCanRead: input.rules.publicCanRead,
      receiptsEnabled: input.rules.receipts,
    };
    const changes: Change[] = RULES.filter((k) => c[k] !== next[k]).map((k) => ({ field: k, before: String(c[k]), after: String(next[k]) }));
    const timing = checked?.ok ? { deadlineAt: checked.deadline, opensAt: checked.opensAt } : { deadlineAt: c.deadlineAt, opensAt: c.opensAt };
    if (timing.deadlineAt.getTime() !== c.deadlineAt.getTime()) {
      changes.push({ field: "deadlineAt", before: c.deadlineAt.toISOString(), after: timing.deadlineAt.toISOString() });
    }
    if (timing.opensAt.getTime() !== c.opensAt.getTime())
      changes.push({ field: "opensAt", before: c.opensAt.toISOString(), after: timing.opensAt.toISOString() });
    // The letter not yet sent says the deadline in words: it follows the new one.
    const letterBody = withDeadline(c.letterBody, deadlinePhrase(c.deadlineAt), timing.deadlineAt);
    if (changes.length) {
      await tx.consultation.update({ where: { id: c.id }, data: { ...next, ...timing, letterBody, updatedAt: now } });
      await recordAudit(
        tx,
        { event: "rules.changed", actorId: actorId(actor), consultationId: c.id, entityType: "Consultation", entityId: c.id, payload: { changes } },
        now,
      );
    }
    return { ok: true as const, deadline: timing.deadlineAt, opensAt: timing.opensAt };
  });
}

const slotKey = (s: ReminderSlotSpec) => `${s.daysBefore}|${s.at}`;

/**
 * The reminder schedule, sorted as it is shown. While the consultation runs a new slot already
 * past is refused by name; a slot kept from before (perhaps already sent) is not: reminders are
 * keyed per slot in the outbox, so keeping it sends nothing again.
 */
export async function setReminders(
  db: Db,
  actor: Actor,
  input: { consultationId: string; slots: ReminderSlotSpec[] },
  now: Date,
): Promise<Result<{ slots: ReminderSlotSpec[] }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const unique = [...new Map(input.slots.map((s) => [slotKey(s), s])).values()];
  const sorted = unique.sort((a, b) => b.daysBefore - a.daysBefore || a.at.localeCompare(b.at));
  return db.$transaction(async (tx) => {
    const c = await findScoped(tx, input.consultationId);
    if (!c) return notFound("đợt lấy ý kiến");
    const saved = new Set((JSON.parse(c.reminderSchedule) as ReminderSlotSpec[]).map(slotKey));
    const past = c.publishedAt ? sorted.filter((s) => !saved.has(slotKey(s)) && (reminderSlots([s], c.deadlineAt)[0]?.getTime() ?? 0) <= now.getTime()) : [];
    if (past.length) {
      const named = past.map((s) => `${s.daysBefore} ngày trước hạn lúc ${s.at} (${pastSlotWords(s, c.deadlineAt)})`);
      return invalid([`Các lần nhắc sau đã qua, không gửi được nữa: ${named.join("; ")}.`]);
    }
    await tx.consultation.update({ where: { id: c.id }, data: { reminderSchedule: JSON.stringify(sorted), updatedAt: now } });
    await recordAudit(
      tx,
      { event: "reminders.scheduled", actorId: actorId(actor), consultationId: c.id, entityType: "Consultation", entityId: c.id, payload: { slots: sorted } },
      now,
    );
    return { ok: true as const, slots: sorted };
  });
}

function pastSlotWords(s: ReminderSlotSpec, deadline: Date): string {
  const at = reminderSlots([s], deadline)[0];
  return at ? formatVnDateTime(at) : "sau hạn góp ý";
}

/** A later deadline for everyone; each recipient gets one notice per new deadline. */
export async function extendDeadlineForAll(
  db: Db,
  actor: Actor,
  input: { consultationId: string; until: Date },
  now: Date,
): Promise<Result<{ notified: number; moot: number }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const c = await findScoped(tx, input.consultationId);
    if (!c) return notFound("đợt lấy ý kiến");
    if (!c.publishedAt) return fail(409, "Đợt chưa công bố: đổi hạn góp ý ngay trong mẫu thời hạn ở trên.");
    if (c.deadlineAt <= now) return fail(409, "Đợt đã hết hạn góp ý; không gia hạn được nữa.");
    if (input.until <= c.deadlineAt) {
      const message = `Hạn mới phải sau hạn hiện tại (${formatDeadline(c.deadlineAt)}).`;
      return invalid([message], { untilDate: message });
    }
    const recipients = await tx.recipient.findMany({
      where: { consultationId: c.id, removedAt: null },
      select: { id: true, extensionUntil: true, user: { select: { name: true, email: true } } },
    });
    const link = `${getEnv().APP_URL}${consultationPath(c.id)}`;
    const messages = recipients.map((r) => ({
      key: `deadline-extended:${r.id}:${input.until.toISOString()}`,
      kind: "deadline_extended" as const,
      toEmail: r.user.email,
      consultationId: c.id,
      recipientId: r.id,
      content: email("gia-han-chung", {
        recipientName: r.user.name,
        consultationTitle: c.title,
        previousDeadlineWords: formatDeadline(c.deadlineAt),
        deadlineWords: formatDeadline(input.until),
        ownExtensionWords: r.extensionUntil && r.extensionUntil > input.until ? formatDeadline(r.extensionUntil) : null,
        silenceIsConsent: c.silenceIsConsent,
        link,
      }),
    }));
    const moot = recipients.filter((r) => r.extensionUntil && r.extensionUntil <= input.until).length;
    await tx.consultation.update({ where: { id: c.id }, data: { deadlineAt: input.until, updatedAt: now } });
    const queued = await enqueue(tx, messages, now);
    await recordAudit(
      tx,
      {
        event: "deadline.extended",
        actorId: actorId(actor),
        consultationId: c.id,
        entityType: "Consultation",
        entityId: c.id,
        payload: { from: c.deadlineAt.toISOString(), to: input.until.toISOString(), notified: queued.length, mootExtensions: moot },
      },
      now,
    );
    return { ok: true as const, notified: queued.length, moot };
  });
}

/** The deadline becomes now: from this instant silence counts as agreement (where the rules say so). */
export async function closeEarly(db: Db, actor: Actor, input: { consultationId: string }, now: Date): Promise<Result> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  return db.$transaction(async (tx) => {
    const c = await findScoped(tx, input.consultationId);
    if (!c) return notFound("đợt lấy ý kiến");
    if (!c.publishedAt) return fail(409, "Đợt chưa công bố; không có gì để kết thúc.");
    if (c.deadlineAt <= now) return fail(409, "Đợt đã hết hạn góp ý.");
    if (c.opensAt > now) return fail(409, "Đợt chưa bắt đầu lấy ý kiến; hãy đổi thời điểm bắt đầu hoặc hạn góp ý thay vì kết thúc sớm.");
    await tx.consultation.update({ where: { id: c.id }, data: { deadlineAt: now, updatedAt: now } });
    await recordAudit(
      tx,
      {
        event: "consultation.closed_early",
        actorId: actorId(actor),
        consultationId: c.id,
        entityType: "Consultation",
        entityId: c.id,
        payload: { previousDeadline: c.deadlineAt.toISOString() },
      },
      now,
    );
    return { ok: true as const };
  });
}

/** What the deadline and rules page shows, or null. */
export async function getRulesPage(db: Db, consultationId: string) {
  const c = await db.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      title: true,
      publishedAt: true,
      opensAt: true,
      deadlineAt: true,
      reminderSchedule: true,
      ...RULE_SELECT,
      recipients: { where: { removedAt: null, extensionUntil: { not: null } }, select: { extensionUntil: true } },
    },
  });
  const profile = await db.officeProfile.findUnique({ where: { id: "office" }, select: { minPeriodDays: true } });
  if (!c) return null;
  const { recipients, ...rest } = c;
  return { ...rest, extensions: recipients.map((r) => r.extensionUntil!), minPeriodDays: profile?.minPeriodDays ?? DEFAULT_MIN_PERIOD_DAYS };
}
