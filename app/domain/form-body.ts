// A form's body as the server reads it: UTF-8 only, whatever charset the request declares, and
// text fields only. Browsers send our forms as UTF-8 (the pages are UTF-8); anything else is a
// crafted or broken request, and guessing its encoding stored "GÃ³p-Ã½" where "Góp-ý" was meant.
// Shared by every action (app/utils/request.server.ts) and the comment fast path.

export type FormFields = Record<string, string>;

/** `fields` keeps the last value of a repeated name; `entries` keeps them all (checkbox lists). */
export type FormRead = { ok: true; fields: FormFields; entries: [string, string][] } | { ok: false; status: 400 | 415; error: string };

export type FormKind = "urlencoded" | "multipart";

export const FORM_ERRORS = {
  type: "Yêu cầu không phải một biểu mẫu: hãy gửi dạng application/x-www-form-urlencoded hoặc multipart/form-data.",
  charset: "Biểu mẫu phải được mã hóa UTF-8.",
  encoding: "Biểu mẫu có byte không phải UTF-8 hoặc ký tự lỗi mã hóa (�); vui lòng kiểm tra lại nội dung rồi gửi lại.",
  broken: "Biểu mẫu gửi lên bị hỏng; vui lòng tải lại trang và gửi lại.",
  file: "Biểu mẫu này không nhận tệp đính kèm.",
} as const;

const REPLACEMENT = "\uFFFD";

const FORM_TYPES = new Map<string, FormKind>([
  ["application/x-www-form-urlencoded", "urlencoded"],
  ["multipart/form-data", "multipart"],
]);

/** Which kind of form the Content-Type announces, refusing other types and other charsets. */
export function formKind(contentType: string | null): { ok: true; kind: FormKind } | { ok: false; status: 415; error: string } {
  const [type = "", ...params] = (contentType ?? "").split(";").map((p) => p.trim());
  const kind = FORM_TYPES.get(type.toLowerCase());
  if (!kind) return { ok: false, status: 415, error: FORM_ERRORS.type };
  const charset = params
    .find((p) => /^charset=/i.test(p))
    ?.slice("charset=".length)
    .replace(/^"|"$/g, "");
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) return { ok: false, status: 415, error: FORM_ERRORS.charset };
  return { ok: true, kind };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** An application/x-www-form-urlencoded body, from its bytes. */
export function readUrlencoded(bytes: Uint8Array): FormRead {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, error: FORM_ERRORS.encoding };
  }
  // Percent-escapes that are not UTF-8 (%FF) come out of URLSearchParams as U+FFFD.
  return checkFields(new URLSearchParams(text));
}

/**
 * The fields as plain strings; refuses files and text that was not valid UTF-8. Zero characters
 * (U+0000) are dropped: no one types one, React 18 used to leave them in re-rendered fields
 * (app/server/strip-nul.server.ts), and PostgreSQL's text cannot hold them.
 */
export function checkFields(entries: Iterable<[string, unknown]>): FormRead {
  const fields: FormFields = {};
  const all: [string, string][] = [];
  for (const [rawName, rawValue] of entries) {
    if (typeof rawValue !== "string") return { ok: false, status: 400, error: FORM_ERRORS.file };
    if (rawName.includes(REPLACEMENT) || rawValue.includes(REPLACEMENT)) return { ok: false, status: 400, error: FORM_ERRORS.encoding };
    const name = withoutNul(rawName);
    const value = withoutNul(rawValue);
    fields[name] = value;
    all.push([name, value]);
  }
  return { ok: true, fields, entries: all };
}

function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}
