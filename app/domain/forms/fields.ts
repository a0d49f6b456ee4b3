// Field builders for the Office's forms: trimmed NFC text with a Vietnamese message, and a
// textarea of lines. Conform hands an empty input over as undefined, hence the "required" wording.
import { z } from "../validation";

export const text = (label: string, max = 2000) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, `Vui lòng nhập ${label}.`)
        .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} dài quá ${max} ký tự.`),
    );

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .max(max, `${label} dài quá ${max} ký tự.`)
    .optional()
    .transform((s) => s?.normalize("NFC").trim() || null);

/** A textarea of lines (blank lines dropped), e.g. "Kính gửi" or "Nơi nhận". */
export const lines = (label: string, { min = 0, max = 50 } = {}) =>
  z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .normalize("NFC")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(500, `Mỗi dòng ${label} tối đa 500 ký tự.`))
        .min(min, `Vui lòng nhập ít nhất ${min} dòng ${label}.`)
        .max(max, `Tối đa ${max} dòng ${label}.`),
    );

/** A multi-line text kept as typed, line ends made "\n" (a signer's title on two lines). */
export const multiline = (label: string, max = 300) =>
  text(label, max).transform((s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n"),
  );

export const officeEmail = z
  .string()
  .optional()
  .transform((s) => s?.trim().toLowerCase() || null)
  .pipe(z.email("Địa chỉ email không hợp lệ.").nullable());

export const calendarDate = (label: string) =>
  z.string({ error: `Vui lòng chọn ${label}.` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label[0]!.toUpperCase()}${label.slice(1)} phải có dạng năm-tháng-ngày.`);

export const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ phải có dạng HH:MM, ví dụ 23:59.")
  .optional();
