// Vietnam time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving, so plain arithmetic on
// the offset is exact. Instants are stored in UTC; everything a person reads is in Vietnam time.

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface VnParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function vnParts(instant: Date | number): VnParts {
  const d = new Date((typeof instant === "number" ? instant : instant.getTime()) + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The instant of a Vietnam wall-clock time. */
export function vnInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - VN_OFFSET_MS);
}

/** The last millisecond of a Vietnam calendar day: "hết ngày" in a letter. */
export function endOfVnDay(year: number, month: number, day: number): Date {
  return vnInstant(year, month, day, 23, 59, 59, 999);
}

/** The end of the Vietnam day that falls `days` calendar days after `instant`. */
export function endOfVnDayAfter(instant: Date, days: number): Date {
  const p = vnParts(new Date(instant.getTime() + days * DAY_MS));
  return endOfVnDay(p.year, p.month, p.day);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "30/9/2021": the short form used in running text. */
export function formatVnDate(instant: Date): string {
  const p = vnParts(instant);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "08 giờ 00" */
export function formatVnClock(instant: Date): string {
  const p = vnParts(instant);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)}`;
}

/** "08:00 ngày 22/11/2026" */
export function formatVnDateTime(instant: Date): string {
  return vnDateTimeTexts(instant)[0];
}

/**
 * The same instant as ISO 8601 with Vietnam's offset, to the millisecond: "2026-11-22T08:00:00.000+07:00".
 * Exact like toISOString(), and reads as the wall-clock time the Office knows.
 */
export function toVnIsoString(instant: Date): string {
  return vnDateTimeTexts(instant)[1];
}

/** formatVnDateTime and toVnIsoString from one conversion: the CSV export writes both for each instant. */
const pad3 = (n: number) => String(n).padStart(3, "0");

export function vnDateTimeTexts(instant: Date | number): [string, string] {
  const p = vnParts(instant);
  return [
    `${pad2(p.hour)}:${pad2(p.minute)} ngày ${p.day}/${p.month}/${p.year}`,
    `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}.${pad3(p.millisecond)}+07:00`,
  ];
}

function isEndOfDay(instant: Date): boolean {
  const p = vnParts(instant);
  return p.hour === 23 && p.minute === 59;
}

/**
 * The deadline in words, so nobody has to guess what "trước ngày 30 tháng 9" means:
 * "hết ngày 30/9/2021 (23 giờ 59, giờ Việt Nam)" or "17 giờ 00 ngày 30/9/2021 (giờ Việt Nam)".
 */
export function formatDeadline(deadline: Date): string {
  if (isEndOfDay(deadline)) {
    return `hết ngày ${formatVnDate(deadline)} (23 giờ 59, giờ Việt Nam)`;
  }
  return `${formatVnClock(deadline)} ngày ${formatVnDate(deadline)} (giờ Việt Nam)`;
}

/** "còn 13 ngày 5 giờ", "còn 3 giờ 20 phút", "còn dưới 1 phút", or null once it has passed. */
export function formatTimeLeft(now: Date, deadline: Date): string | null {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `còn ${days} ngày ${hours} giờ` : `còn ${days} ngày`;
  if (hours > 0) return mins > 0 ? `còn ${hours} giờ ${mins} phút` : `còn ${hours} giờ`;
  if (mins > 0) return `còn ${mins} phút`;
  return "còn dưới 1 phút";
}

/**
 * Place and date as Decree 30/2020/NĐ-CP writes them: "Sóc Trăng, ngày 05 tháng 01 năm 2022".
 * Days below 10 and months 1 and 2 take a leading zero. A date not yet fixed is left to fill.
 */
export function formatDecreeDate(place: string, date: CalendarDate | null): string {
  if (!date) return `${place}, ngày     tháng     năm`;
  return `${place}, ${formatDecreeDay(date)}`;
}

/** "ngày 05 tháng 01 năm 2022" */
export function formatDecreeDay(date: CalendarDate): string {
  const month = date.month <= 2 ? pad2(date.month) : String(date.month);
  return `ngày ${pad2(date.day)} tháng ${month} năm ${date.year}`;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** "2021-09-30" -> {2021, 9, 30}; null for anything that is not a real calendar date. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function toCalendarDate(instant: Date): CalendarDate {
  const p = vnParts(instant);
  return { year: p.year, month: p.month, day: p.day };
}

export function calendarDateString(d: CalendarDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}
