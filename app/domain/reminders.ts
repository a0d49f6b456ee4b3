// When reminders are due. Slots are Vietnam wall-clock times counted back from the deadline's
// Vietnam date. A sweep sends only the latest slot that has come: a server that was down at a
// slot catches up with one reminder, never a burst of stale ones; nothing goes out after the
// deadline.
import { vnInstant, vnParts } from "./time";

export interface ReminderSlotSpec {
  daysBefore: number;
  at: string; // "08:00", Vietnam time
}

const DAY_MS = 86_400_000;

function vnDateMinusDays(instant: Date, days: number): { year: number; month: number; day: number } {
  const p = vnParts(instant);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day) - days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function atClock(date: { year: number; month: number; day: number }, at: string): Date {
  const [h, m] = at.split(":").map(Number) as [number, number];
  return vnInstant(date.year, date.month, date.day, h, m);
}

/** Every reminder instant before the deadline, earliest first, without duplicates. */
export function reminderSlots(schedule: ReminderSlotSpec[], deadline: Date): Date[] {
  const times = new Set<number>();
  for (const s of schedule) {
    const t = atClock(vnDateMinusDays(deadline, s.daysBefore), s.at).getTime();
    if (t < deadline.getTime()) times.add(t);
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The latest slot that has come by `now`, provided the deadline has not passed. */
export function latestDueSlot(slots: Date[], now: Date, deadline: Date): Date | null {
  if (now.getTime() > deadline.getTime()) return null;
  let due: Date | null = null;
  for (const s of slots) if (s.getTime() <= now.getTime()) due = s;
  return due;
}

/** A recipient with an extension gets one reminder: 08:00 on the day before their own date. */
export function extensionReminderSlot(extensionUntil: Date): Date {
  return atClock(vnDateMinusDays(extensionUntil, 1), "08:00");
}

export function parseSchedule(json: string): ReminderSlotSpec[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((s): s is ReminderSlotSpec => typeof s?.daysBefore === "number" && typeof s?.at === "string" && /^\d{2}:\d{2}$/.test(s.at));
}
