// How many bytes a request body may hold, by path: the one place to look, and to add a route that
// needs more (the Office's draft upload will: its line goes here, with its reason). scripts/serve.mjs
// checks every POST against it before anything reads the body: a declared Content-Length over the
// limit is answered 413 at once; a body sent without one is counted as it arrives and cut off at
// the limit. Nothing is buffered beyond the limit, so a 200 MB POST costs a worker nothing.
import { DRAFT_LIMITS, formatBytes } from "~/domain/draft-limits";

const KB = 1024;
const MB = 1024 * KB;

/** Every form but the two below: sign-in, sign-out, the Office's recipients, reminders, extensions. */
export const DEFAULT_BODY_LIMIT = 64 * KB;

export interface BodyLimit {
  path: RegExp;
  bytes: number;
}

export const BODY_LIMITS: readonly BodyLimit[] = [
  // A comment of 10,000 characters with the passage it quotes. Percent-encoded Vietnamese takes
  // up to 9 bytes a letter ("ệ" is %E1%BB%87), so 10,000 letters alone can be 90 KB.
  { path: /^\/lay-y-kien\/[^/]+\/?$/, bytes: 1 * MB },
  // The Office's explanation of a decision, also up to 10,000 characters.
  { path: /^\/office\/lay-y-kien\/[^/]+\/xu-ly\/?$/, bytes: 1 * MB },
  // A pasted list of recipients or contacts: 2,000 rows of about 150 characters, percent-encoded.
  { path: /^\/office\/lay-y-kien\/[^/]+\/nguoi-nhan\/?$/, bytes: 4 * MB },
  { path: /^\/office\/danh-ba\/?$/, bytes: 4 * MB },
  // The Office's draft upload: the largest file the importer takes (a .docx, 25 MB; pasted text
  // is sent as multipart too, so it is not percent-encoded) and 1 MB for the multipart framing and
  // the title.
  { path: /^\/office\/tao-moi\/?$/, bytes: Math.max(DRAFT_LIMITS.docxFileBytes, DRAFT_LIMITS.textFileBytes) + 1 * MB },
  // One section's text from the editor: up to 500,000 characters as Tiptap JSON, sent multipart.
  { path: /^\/office\/tao-moi\/[^/]+\/?$/, bytes: 4 * MB },
];

export function bodyLimitFor(pathname: string): number {
  return BODY_LIMITS.find((l) => l.path.test(pathname))?.bytes ?? DEFAULT_BODY_LIMIT;
}

/** The refusal's words: "… tối đa 64 KB." */
export function tooLargeMessage(limit: number): string {
  return `Nội dung gửi lên quá lớn: địa chỉ này nhận tối đa ${formatBytes(limit)}.`;
}
