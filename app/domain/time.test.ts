import { describe, expect, it } from "vitest";
import {
  endOfVnDay,
  endOfVnDayAfter,
  formatDeadline,
  formatDecreeDate,
  formatTimeLeft,
  formatVnDateTime,
  parseCalendarDate,
  toVnIsoString,
  vnInstant,
} from "./time";

describe("Vietnam time", () => {
  it("puts the end of a Vietnam day at 16:59:59.999 UTC", () => {
    expect(endOfVnDay(2021, 9, 30).toISOString()).toBe("2021-09-30T16:59:59.999Z");
  });

  it("counts calendar days in Vietnam, not in UTC", () => {
    // 20:00 UTC on 1 Nov is already 03:00 on 2 Nov in Vietnam.
    const loaded = new Date("2026-11-01T20:00:00Z");
    expect(endOfVnDayAfter(loaded, 14).toISOString()).toBe("2026-11-16T16:59:59.999Z");
  });

  it("states an end-of-day deadline in words", () => {
    expect(formatDeadline(endOfVnDay(2021, 9, 30))).toBe("hết ngày 30/9/2021 (23 giờ 59, giờ Việt Nam)");
  });

  it("states another hour exactly", () => {
    expect(formatDeadline(vnInstant(2021, 9, 30, 17, 0))).toBe("17 giờ 00 ngày 30/9/2021 (giờ Việt Nam)");
    expect(formatVnDateTime(vnInstant(2026, 1, 5, 8, 0))).toBe("08:00 ngày 5/1/2026");
  });

  it("says how much time is left, and nothing once it has passed", () => {
    const deadline = endOfVnDay(2021, 9, 30);
    const at = (ms: number) => new Date(deadline.getTime() - ms);
    expect(formatTimeLeft(at(13 * 86_400_000 + 5 * 3_600_000 + 60_000), deadline)).toBe("còn 13 ngày 5 giờ");
    expect(formatTimeLeft(at(3 * 3_600_000 + 20 * 60_000), deadline)).toBe("còn 3 giờ 20 phút");
    expect(formatTimeLeft(at(30_000), deadline)).toBe("còn dưới 1 phút");
    expect(formatTimeLeft(at(0), deadline)).toBe("còn dưới 1 phút");
    expect(formatTimeLeft(at(-1), deadline)).toBeNull();
  });

  it("writes dates as Decree 30/2020 does, with leading zeros where it asks for them", () => {
    expect(formatDecreeDate("Sóc Trăng", { year: 2021, month: 9, day: 30 })).toBe("Sóc Trăng, ngày 30 tháng 9 năm 2021");
    expect(formatDecreeDate("Cần Thơ", { year: 2022, month: 1, day: 5 })).toBe("Cần Thơ, ngày 05 tháng 01 năm 2022");
    expect(formatDecreeDate("Cần Thơ", { year: 2022, month: 2, day: 15 })).toBe("Cần Thơ, ngày 15 tháng 02 năm 2022");
    expect(formatDecreeDate("Cần Thơ", { year: 2022, month: 12, day: 9 })).toBe("Cần Thơ, ngày 09 tháng 12 năm 2022");
  });

  it("writes an instant as ISO 8601 in Vietnam time, exact to the millisecond", () => {
    const instant = new Date("2026-11-21T17:05:09.007Z");
    expect(toVnIsoString(instant)).toBe("2026-11-22T00:05:09.007+07:00");
    expect(new Date(toVnIsoString(instant)).getTime()).toBe(instant.getTime());
    expect(toVnIsoString(endOfVnDay(2021, 12, 31))).toBe("2021-12-31T23:59:59.999+07:00");
  });

  it("accepts only real calendar dates", () => {
    expect(parseCalendarDate("2021-09-30")).toEqual({ year: 2021, month: 9, day: 30 });
    expect(parseCalendarDate("2021-02-30")).toBeNull();
    expect(parseCalendarDate("30/09/2021")).toBeNull();
  });
});
