import { describe, expect, it } from "vitest";
import { extensionReminderSlot, latestDueSlot, reminderSlots } from "./reminders";
import { endOfVnDay, vnInstant } from "./time";

const deadline = endOfVnDay(2026, 12, 6);
const schedule = [
  { daysBefore: 7, at: "08:00" },
  { daysBefore: 3, at: "08:00" },
  { daysBefore: 1, at: "08:00" },
];

describe("reminder slots", () => {
  it("fall at 08:00 Vietnam time 7, 3 and 1 days before the deadline's date", () => {
    expect(reminderSlots(schedule, deadline)).toEqual([vnInstant(2026, 11, 29, 8), vnInstant(2026, 12, 3, 8), vnInstant(2026, 12, 5, 8)]);
    expect(vnInstant(2026, 11, 29, 8).toISOString()).toBe("2026-11-29T01:00:00.000Z");
  });

  it("drop slots that would fall after the deadline", () => {
    const early = vnInstant(2026, 12, 6, 7, 0);
    expect(reminderSlots([{ daysBefore: 0, at: "08:00" }], early)).toEqual([]);
  });

  it("send only the latest slot that has come, and nothing after the deadline", () => {
    const slots = reminderSlots(schedule, deadline);
    expect(latestDueSlot(slots, vnInstant(2026, 11, 29, 7, 59), deadline)).toBeNull();
    expect(latestDueSlot(slots, vnInstant(2026, 11, 29, 8, 0), deadline)).toEqual(slots[0]);
    // Down from 28 Nov to 4 Dec: one reminder, for the 3-day slot, not two.
    expect(latestDueSlot(slots, vnInstant(2026, 12, 4, 10, 0), deadline)).toEqual(slots[1]);
    expect(latestDueSlot(slots, deadline, deadline)).toEqual(slots[2]);
    expect(latestDueSlot(slots, new Date(deadline.getTime() + 1), deadline)).toBeNull();
  });

  it("put an extension's reminder at 08:00 the day before its date", () => {
    expect(extensionReminderSlot(endOfVnDay(2026, 12, 10))).toEqual(vnInstant(2026, 12, 9, 8));
  });
});
