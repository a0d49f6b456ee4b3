// The request letter's form (new consultation and /cong-van), and the deadline and rules
// (new consultation and /thoi-han). The server checks what depends on "now" (a deadline already
// past) in the model: the browser's clock is not trusted.
import { z } from "../validation";
import { calendarDate, clock, lines, multiline, optionalText, text } from "./fields";

export const letterFields = {
  title: text("tên đợt lấy ý kiến", 500),
  parentBody: optionalText("Cơ quan chủ quản", 300),
  issuingBody: text("cơ quan ban hành công văn", 300),
  number: text("số công văn", 100),
  place: text("địa danh", 100),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày công văn phải có dạng năm-tháng-ngày.")
    .optional()
    .transform((s) => s ?? null),
  subject: text("trích yếu (V/v …)", 1000),
  addressees: lines("kính gửi", { min: 1 }),
  body: text("nội dung công văn", 20_000),
  distribution: lines("nơi nhận"),
  signerTitle: multiline("chức danh người ký", 300),
  signerName: text("họ tên người ký", 200),
  /** The deadline words the body was written with, so a changed deadline can replace them. */
  deadlineInBody: z.string().optional().default(""),
};

export const ruleFields = {
  silenceIsConsent: z.boolean().optional().default(false),
  latePolicy: z.enum(["refuse", "accept_marked"], { error: "Vui lòng chọn cách xử lý góp ý quá hạn." }),
  commentVisibility: z.enum(["own", "recipients", "public"], { error: "Vui lòng chọn ai được xem góp ý." }),
  publicCanRead: z.boolean().optional().default(false),
  receipts: z.boolean().optional().default(false),
};

export const deadlineFields = {
  deadlineDate: calendarDate("ngày hết hạn góp ý"),
  deadlineTime: clock,
  opening: z.enum(["now", "scheduled"]).default("now"),
  opensDate: z.string().optional(),
  opensTime: clock,
};

export const letterSchema = z.object(letterFields);
export const rulesSchema = z.object({ ...ruleFields, ...deadlineFields });
/** After publishing the deadline moves only by "Gia hạn cho tất cả" or "Kết thúc sớm". */
export const runningRulesSchema = z.object(ruleFields);
export const newConsultationSchema = z.object({ versionId: text("dự thảo", 100), ...letterFields, ...ruleFields, ...deadlineFields });

export type LetterInput = z.infer<typeof letterSchema>;
export type RulesInput = z.infer<typeof rulesSchema>;
export type RunningRulesInput = z.infer<typeof runningRulesSchema>;
export type NewConsultationInput = z.infer<typeof newConsultationSchema>;

export const extendSchema = z.object({ untilDate: calendarDate("ngày gia hạn"), untilTime: clock });
export const closeSchema = z.object({ confirm: z.literal("yes", { error: "Vui lòng xác nhận kết thúc sớm." }) });

const reminderRow = z.object({
  daysBefore: z
    .number({ error: "Số ngày phải là một số." })
    .int("Số ngày phải là số nguyên.")
    .min(0, "Số ngày không được âm.")
    .max(60, "Tối đa 60 ngày trước hạn.")
    .optional(),
  at: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ gửi phải có dạng HH:MM, ví dụ 08:00.")
    .optional(),
});

export const REMINDER_ROWS = 5;

/** Five rows; an empty row is no reminder, a half-filled one is a mistake. */
export const remindersSchema = z.object({
  reminders: z
    .array(reminderRow)
    .max(REMINDER_ROWS)
    .optional()
    .default([])
    .superRefine((rows, ctx) => {
      rows.forEach((r, i) => {
        if ((r.daysBefore === undefined) !== (r.at === undefined)) {
          const field = r.daysBefore === undefined ? "daysBefore" : "at";
          ctx.addIssue({ code: "custom", path: [i, field], message: field === "at" ? "Vui lòng nhập giờ gửi." : "Vui lòng nhập số ngày trước hạn." });
        }
      });
    })
    .transform((rows) => rows.filter((r) => r.daysBefore !== undefined && r.at !== undefined) as { daysBefore: number; at: string }[]),
});
