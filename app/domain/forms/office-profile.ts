// The Office's settings form (/office/cai-dat).
import { z } from "../validation";
import { lines, multiline, officeEmail, text } from "./fields";

/** No statute in domain.md fixes a period; a week is the earliest default reminder (7 days before), so a shorter period loses it. */
export const DEFAULT_MIN_PERIOD_DAYS = 7;

export const officeProfileSchema = z.object({
  parentBody: text("cơ quan chủ quản", 300),
  issuingBody: text("cơ quan ban hành công văn", 300),
  place: text("địa danh", 100),
  signerTitle: multiline("chức danh người ký", 300),
  signerName: text("họ tên người ký", 200),
  numberPattern: text("mẫu số công văn", 100),
  distribution: lines("nơi nhận"),
  officeEmail,
  minPeriodDays: z
    .number({ error: "Vui lòng nhập số ngày tối thiểu." })
    .int("Số ngày phải là số nguyên.")
    .min(1, "Tối thiểu 1 ngày.")
    .max(90, "Tối đa 90 ngày."),
});

export type OfficeProfileInput = z.infer<typeof officeProfileSchema>;
