// The request letter's standard wording, and the deadline as the clerk types it. Pure: the new
// consultation page, the letter page and the browser (deadline words as they are typed) share it.
import { type CalendarDate, endOfVnDay, formatDeadline, formatDecreeDay, parseCalendarDate, toCalendarDate, vnInstant, vnParts } from "./time";

/** "Dự thảo Kế hoạch …" and "Kế hoạch …" both give "lấy ý kiến đối với dự thảo Kế hoạch …", as the real letter writes it. */
export function defaultSubject(title: string): string {
  const rest = title
    .normalize("NFC")
    .trim()
    .replace(/^dự thảo\s+/iu, "");
  return `lấy ý kiến đối với dự thảo ${rest}`;
}

/** The deadline as the letter's body writes it, in bold: "hết ngày 06 tháng 12 năm 2026" or "17 giờ 00 ngày …". */
export function deadlinePhrase(deadline: Date): string {
  const p = vnParts(deadline);
  const day = formatDecreeDay(toCalendarDate(deadline));
  if (p.hour === 23 && p.minute === 59) return `hết ${day}`;
  return `${String(p.hour).padStart(2, "0")} giờ ${String(p.minute).padStart(2, "0")} ${day}`;
}

export const SILENCE_CLAUSE = "sau thời hạn nêu trên, nếu các đồng chí không có ý kiến phản hồi thì được xem như thống nhất với dự thảo";

export interface BodyFacts {
  title: string;
  issuingBody: string;
  parentBody: string | null;
  deadline: Date;
}

/** The standard body, modelled on the real letter in prisma/demo/request-letter.md. */
export function standardBody(f: BodyFacts): string {
  const rest = f.title.replace(/^dự thảo\s+/iu, "");
  const whose = f.parentBody ?? "cơ quan";
  return [
    `Thực hiện Quy chế làm việc của ${whose}, ${f.issuingBody} gửi dự thảo ${rest} để lấy ý kiến góp ý của các đồng chí.`,
    `Đề nghị các đồng chí nghiên cứu, góp ý và gửi về ${f.issuingBody} chậm nhất đến **${deadlinePhrase(f.deadline)}** để tổng hợp, hoàn thiện dự thảo, trình ${whose} ban hành. Trường hợp cần có thêm thời gian để nghiên cứu, đề nghị phản hồi về ${f.issuingBody} được biết; ${SILENCE_CLAUSE}.`,
    "(Dự thảo được đăng tải trên Cổng góp ý dự thảo văn bản; mỗi đồng chí nhận được thư mời với đường dẫn riêng để đọc và góp ý.)./.",
  ].join("\n\n");
}

/**
 * The body with the deadline it was written with replaced by the new one: the clerk changes the
 * deadline field and the letter follows, on save without JavaScript, as it is typed with it.
 */
export function withDeadline(body: string, writtenWith: string, deadline: Date): string {
  const now = deadlinePhrase(deadline);
  if (!writtenWith || writtenWith === now || !body.includes(writtenWith)) return body;
  return body.split(writtenWith).join(now);
}

/** A date and a wall-clock time in Vietnam; 23:59 is the end of that day ("hết ngày"). null when either is not real. */
export function deadlineFromParts(date: string, time: string | undefined): Date | null {
  const d = parseCalendarDate(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time?.trim() || "23:59");
  if (!d || !t) return null;
  const [h, m] = [Number(t[1]), Number(t[2])];
  return h === 23 && m === 59 ? endOfVnDay(d.year, d.month, d.day) : vnInstant(d.year, d.month, d.day, h, m);
}

export function timeOfDay(instant: Date): string {
  const p = vnParts(instant);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Chủ nhật", "thứ Bảy"];

function weekdayOf(d: CalendarDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Warnings, not refusals: an Office may have its reasons for a Saturday or a short period. */
export function deadlineWarnings(deadline: Date, opensAt: Date, minPeriodDays: number): string[] {
  const warnings: string[] = [];
  const day = weekdayOf(toCalendarDate(deadline));
  if (day === 0 || day === 6) warnings.push(`Hạn góp ý rơi vào ${WEEKDAYS[day === 0 ? 0 : 1]}: người nhận có thể không kịp góp ý.`);
  const days = (deadline.getTime() - opensAt.getTime()) / DAY_MS;
  if (days < minPeriodDays) {
    warnings.push(`Thời gian lấy ý kiến chỉ còn ${Math.max(0, Math.floor(days))} ngày, ngắn hơn tối thiểu ${minPeriodDays} ngày Văn phòng đã đặt.`);
  }
  return warnings;
}

/** "Hạn góp ý: …" for the words shown beside the field, or a hint when the input is not a date yet. */
export function deadlineWords(date: string, time: string | undefined): string | null {
  const d = deadlineFromParts(date, time);
  return d ? formatDeadline(d) : null;
}

export interface ScheduleInput {
  deadlineDate: string;
  deadlineTime?: string;
  opening: "now" | "scheduled";
  opensDate?: string;
  opensTime?: string;
}

export type ScheduleCheck = { ok: true; deadline: Date; opensAt: Date } | { ok: false; fields: Record<string, string> };

/** The deadline and opening as instants, or the fields at fault; `now` is the server's. */
export function checkSchedule(input: ScheduleInput, now: Date): ScheduleCheck {
  const fields: Record<string, string> = {};
  const deadline = deadlineFromParts(input.deadlineDate, input.deadlineTime);
  if (!deadline) fields.deadlineDate = `Ngày ${input.deadlineDate} không có thật; vui lòng chọn lại ngày hết hạn.`;
  else if (deadline <= now) fields.deadlineDate = `Hạn góp ý ${formatDeadline(deadline)} đã qua; vui lòng chọn một thời điểm trong tương lai.`;
  let opensAt = now;
  if (input.opening === "scheduled") {
    const at = input.opensDate ? deadlineFromParts(input.opensDate, input.opensTime || "08:00") : null;
    if (!input.opensDate) fields.opensDate = "Vui lòng chọn ngày bắt đầu, hoặc chọn bắt đầu ngay.";
    else if (!at) fields.opensDate = `Ngày ${input.opensDate} không có thật; vui lòng chọn lại ngày bắt đầu.`;
    else if (at <= now) fields.opensDate = "Thời điểm bắt đầu đã qua; vui lòng chọn bắt đầu ngay hoặc một thời điểm sau.";
    else if (deadline && at >= deadline) fields.opensDate = "Thời điểm bắt đầu phải trước hạn góp ý.";
    else opensAt = at;
  }
  if (Object.keys(fields).length || !deadline) return { ok: false, fields };
  return { ok: true, deadline, opensAt };
}
