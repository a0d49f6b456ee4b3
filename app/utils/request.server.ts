// What every loader and action reads from a request beyond its route's own fields: the form of a
// POST and a list's page number. Malformed input is refused here with a 4xx and a Vietnamese
// message (the error boundary shows it), so no route turns it into a 500.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ZodType } from "zod";
import { checkFields, FORM_ERRORS, type FormFields, type FormRead, formKind, readUrlencoded } from "~/domain/form-body";
import { MALFORMED_PAGE, PAGE_PARAM, parsePage } from "~/domain/paging";

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The POST's form as strings, for the route's schema. Refuses (throws) JSON, plain text, other
 * charsets, broken multipart, files, and text that is not valid UTF-8. A body over its limit never
 * gets here: scripts/serve.mjs answers 413 first (app/utils/body-limits.server.ts).
 */
export async function readForm(request: Request): Promise<FormFields> {
  return (await readChecked(request)).fields;
}

/** The same form with every value of a repeated name (checkbox lists), for Conform's parseWithZod. */
export async function readFormEntries(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams((await readChecked(request)).entries);
}

/**
 * A form read through its Zod schema with Conform: the same schema checks it in the browser, and
 * `submission.reply()` hands the field errors back to a page that has no JavaScript.
 */
export async function parseForm<Schema extends ZodType>(request: Request, schema: Schema) {
  return parseWithZod(await readFormEntries(request), { schema });
}

async function readChecked(request: Request): Promise<Extract<FormRead, { ok: true }>> {
  const type = formKind(request.headers.get("content-type"));
  if (!type.ok) throw refuse(type.status, type.error);
  let read: FormRead;
  try {
    read = type.kind === "urlencoded" ? readUrlencoded(new Uint8Array(await request.arrayBuffer())) : checkFields(await request.formData());
  } catch {
    throw refuse(400, FORM_ERRORS.broken);
  }
  if (!read.ok) throw refuse(read.status, read.error);
  return read;
}

/** The list page the URL asks for (?trang=), 1 when it asks none; a malformed one is refused (400). */
export function requirePage(request: Request): number {
  const page = parsePage(new URL(request.url).searchParams.get(PAGE_PARAM));
  if (page === null) throw refuse(400, MALFORMED_PAGE);
  return page;
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export interface Upload {
  fields: FormFields;
  entries: [string, string][];
  /** null when the form's file input was left empty. */
  file: UploadedFile | null;
}

const UPLOAD_ERRORS = {
  otherFile: "Biểu mẫu này chỉ nhận một tệp, ở ô chọn tệp dự thảo.",
  twoFiles: "Mỗi lần chỉ gửi được một tệp dự thảo.",
};

/**
 * A multipart form with at most one file, in the field `fileField`, and text fields checked as
 * readForm checks them (UTF-8, no other files). Only the draft upload reads files: every other
 * form refuses them in readForm. The body's size was already bounded by the path's limit
 * (app/utils/body-limits.server.ts), so holding it in memory is bounded too. A urlencoded POST
 * (the paste form sent by a script) is read as a form with no file.
 */
export async function readUpload(request: Request, fileField: string): Promise<Upload> {
  const type = formKind(request.headers.get("content-type"));
  if (!type.ok) throw refuse(type.status, type.error);
  if (type.kind === "urlencoded") return { ...(await readChecked(request)), file: null };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw refuse(400, FORM_ERRORS.broken);
  }
  const texts: [string, string][] = [];
  let file: UploadedFile | null = null;
  for (const [name, value] of form) {
    if (typeof value === "string") {
      texts.push([name, value]);
      continue;
    }
    if (name !== fileField) throw refuse(400, UPLOAD_ERRORS.otherFile);
    // A file input left empty still sends a part, with no name and no bytes.
    if (value.name === "" && value.size === 0) continue;
    if (file) throw refuse(400, UPLOAD_ERRORS.twoFiles);
    file = { name: value.name.normalize("NFC"), bytes: Buffer.from(await value.arrayBuffer()) };
  }
  const read = checkFields(texts);
  if (!read.ok) throw refuse(read.status, read.error);
  return { fields: read.fields, entries: read.entries, file };
}
