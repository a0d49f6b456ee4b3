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
