// The JSON spec the Office gives `portal consultation create` (documented in docs/cli.md).
// One Zod schema for the shape; every message is what the Office reads, in Vietnamese.
import { parseCalendarDate } from "./time";
import { z } from "./validation";

/** "required" when the field is absent, `wrongType` when it is there but of the wrong kind. */
const typeError = (field: string, wrongType: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field}: bắt buộc, nhưng chưa có.` : `${field}: ${wrongType}`;

const text = (field: string, max = 2000) =>
  z
    .string({ error: typeError(field, "phải là một chuỗi văn bản.") })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(1, `${field}: không được để trống.`).max(max, `${field}: dài quá ${max} ký tự.`));

const optionalText = (field: string, max = 2000) => text(field, max).optional();

const email = (field: string) =>
  z
    .string({ error: typeError(field, "phải là một địa chỉ email.") })
    .transform((s) => s.normalize("NFC").trim().toLowerCase())
    .pipe(z.email(`${field}: địa chỉ email không hợp lệ.`));

const instant = (field: string) =>
  z
    .string({ error: typeError(field, "phải là một thời điểm ISO 8601, ví dụ 2026-12-06T23:59:59+07:00.") })
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
      `${field}: phải là một thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-06T23:59:59+07:00.`,
    )
    .transform((s) => new Date(s));

const recipientSchema = z.object({
  name: text("họ tên (name)", 200),
  title: text("chức vụ (title)", 300),
  organization: text("cơ quan, đơn vị (organization)", 300),
  email: email("email (email)"),
  group: optionalText("nhóm (group)", 200),
});

export const reminderSchema = z.object({
  daysBefore: z
    .number({ error: "Lịch nhắc: số ngày trước hạn phải là một số." })
    .int("Lịch nhắc: số ngày trước hạn phải là số nguyên.")
    .min(0, "Lịch nhắc: số ngày trước hạn không được âm.")
    .max(60, "Lịch nhắc: tối đa 60 ngày trước hạn."),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Lịch nhắc: giờ gửi phải có dạng HH:MM, ví dụ 08:00."),
});

export const DEFAULT_REMINDERS = [
  { daysBefore: 7, at: "08:00" },
  { daysBefore: 3, at: "08:00" },
  { daysBefore: 1, at: "08:00" },
];

export const consultationSpecSchema = z
  .object({
    documentVersionId: optionalText("Mã phiên bản dự thảo (documentVersionId)", 100),
    documentId: optionalText("Mã dự thảo (documentId)", 100),
    title: text("Tên đợt lấy ý kiến (title)", 500),
    issuingBody: text("Cơ quan gửi xin ý kiến (issuingBody)", 300),
    parentBody: optionalText("Cơ quan chủ quản (parentBody)", 300),
    officeEmail: email("Email của Văn phòng (officeEmail)").optional(),
    letter: z.object(
      {
        number: text("Số công văn (letter.number)", 100),
        place: text("Địa danh (letter.place)", 100),
        date: z
          .string()
          .refine((s) => parseCalendarDate(s) !== null, "Ngày công văn (letter.date): phải là ngày có thật, dạng YYYY-MM-DD.")
          .nullable()
          .optional(),
        subject: text("Trích yếu công văn (letter.subject)", 1000),
        addressees: z
          .array(text("Kính gửi (letter.addressees)", 500), { error: typeError("Kính gửi (letter.addressees)", "phải là một danh sách các dòng.") })
          .min(1, "Kính gửi (letter.addressees): cần ít nhất một dòng."),
        body: text("Nội dung công văn (letter.body)", 20_000),
        distribution: z
          .array(text("Nơi nhận (letter.distribution)", 500), { error: "Nơi nhận (letter.distribution): phải là một danh sách các dòng." })
          .default([]),
        signerTitle: text("Chức danh người ký (letter.signerTitle)", 300),
        signerName: text("Người ký (letter.signerName)", 200),
      },
      { error: "Thiếu phần công văn xin ý kiến (letter)." },
    ),
    opensAt: instant("Thời điểm bắt đầu (opensAt)").optional(),
    deadline: instant("Hạn góp ý (deadline)"),
    silenceIsConsent: z.boolean({ error: "silenceIsConsent phải là true hoặc false." }).default(true),
    latePolicy: z.enum(["refuse", "accept_marked"], { error: 'latePolicy phải là "refuse" hoặc "accept_marked".' }).default("refuse"),
    commentVisibility: z.enum(["own", "recipients", "public"], { error: 'commentVisibility phải là "own", "recipients" hoặc "public".' }).default("own"),
    publicCanRead: z.boolean({ error: "publicCanRead phải là true hoặc false." }).default(true),
    publicCanComment: z.boolean({ error: "publicCanComment phải là true hoặc false." }).default(false),
    receipts: z.boolean({ error: "receipts phải là true hoặc false." }).default(true),
    reminders: z.array(reminderSchema).max(10, "Lịch nhắc: tối đa 10 lần nhắc.").default(DEFAULT_REMINDERS),
    publish: z.boolean({ error: "publish phải là true hoặc false." }).default(true),
    recipients: z.array(recipientSchema).max(10_000, "Tối đa 10.000 người nhận trong một đợt.").default([]),
  })
  .superRefine((spec, ctx) => {
    if (!spec.documentVersionId && !spec.documentId) {
      ctx.addIssue({ code: "custom", path: ["documentVersionId"], message: "Cần chỉ rõ dự thảo: documentVersionId hoặc documentId." });
    }
    if (spec.opensAt && spec.opensAt >= spec.deadline) {
      ctx.addIssue({ code: "custom", path: ["opensAt"], message: "Thời điểm bắt đầu (opensAt) phải trước hạn góp ý." });
    }
    const seen = new Map<string, number>();
    spec.recipients.forEach((r, i) => {
      const first = seen.get(r.email);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["recipients", i, "email"],
          message: `email ${r.email} bị trùng với người nhận thứ ${first + 1}.`,
        });
      } else seen.set(r.email, i);
    });
  });

export type ConsultationSpec = z.infer<typeof consultationSpecSchema>;

/** Validates a parsed spec against the rules that depend on the moment of creation. */
export function checkSpecAt(spec: ConsultationSpec, now: Date): string[] {
  const problems: string[] = [];
  if (spec.deadline.getTime() <= now.getTime()) {
    problems.push("Hạn góp ý (deadline) đã qua: phải là một thời điểm trong tương lai.");
  }
  return problems;
}

/** One line per problem, saying where it is unless the message already does. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const [first, index] = issue.path;
    if (first === "recipients" && typeof index === "number") return `Người nhận thứ ${index + 1}, ${issue.message}`;
    const where = formatPath(issue.path);
    return !where || issue.message.includes(`(${where})`) ? issue.message : `${where}: ${issue.message}`;
  });
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}
