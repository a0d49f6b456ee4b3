// Field builders for the Office's forms: trimmed NFC text with a Vietnamese message, and a
// textarea of lines. Each checks inside one transform rather than piping into a second schema:
// Conform's type coercion rewrites a pipe's output schema too, so a trimmed "" came back as
// undefined and the clerk read Zod's "expected string" instead of "please fill in".
import { z } from "../validation";

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export const text = (label: string, max = 2000) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? "").normalize("NFC").trim();
      if (!v) ctx.addIssue({ code: "custom", message: `Vui lòng nhập ${label}.` });
      else if (v.length > max) ctx.addIssue({ code: "custom", message: `${capital(label)} dài quá ${max} ký tự.` });
      return v;
    });

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = s?.normalize("NFC").trim() || null;
      if (v && v.length > max) ctx.addIssue({ code: "custom", message: `${capital(label)} dài quá ${max} ký tự.` });
      return v;
    });

/** A textarea of lines (blank lines dropped), e.g. "Kính gửi" or "Nơi nhận". */
export const lines = (label: string, { min = 0, max = 50 } = {}) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const list = (s ?? "")
        .normalize("NFC")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (list.length < min) ctx.addIssue({ code: "custom", message: `Vui lòng nhập ít nhất ${min} dòng ${label}.` });
      if (list.length > max) ctx.addIssue({ code: "custom", message: `Tối đa ${max} dòng ${label}.` });
      if (list.some((l) => l.length > 500)) ctx.addIssue({ code: "custom", message: `Mỗi dòng ${label} tối đa 500 ký tự.` });
      return list;
    });

/** A multi-line text kept as typed, line ends made "\n" (a signer's title on two lines). */
export const multiline = (label: string, max = 300) =>
  text(label, max).transform((s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n"),
  );

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const officeEmail = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const v = s?.trim().toLowerCase() || null;
    if (v && !EMAIL.test(v)) ctx.addIssue({ code: "custom", message: "Địa chỉ email không hợp lệ." });
    return v;
  });

export const calendarDate = (label: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = s?.trim() ?? "";
      if (!v) ctx.addIssue({ code: "custom", message: `Vui lòng chọn ${label}.` });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.addIssue({ code: "custom", message: `${capital(label)} phải có dạng năm-tháng-ngày.` });
      return v;
    });

export const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ phải có dạng HH:MM, ví dụ 23:59.")
  .optional();
