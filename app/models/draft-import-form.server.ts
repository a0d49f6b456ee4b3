// The checking page's forms turned into fixes of the staged draft: one call per POST, so the
// route stays a reader of forms. A section's text arrives either as the editor's Tiptap JSON
// (checked node by node) or, without JavaScript, as plain paragraphs from a textarea.
import type { Actor } from "~/domain/actor";
import type { EditForm } from "~/domain/forms/draft-import";
import type { Failure } from "~/domain/result";
import { checkSectionDoc, textToDoc } from "~/domain/tiptap-check";
import type { Db } from "~/utils/db.server";
import { type DraftEdit, editDraftImport, saveDraftImport } from "./draft-import.server";

/** What the page shows beside the form that was refused; index -1 when it is no section's form. */
export interface EditAnswer {
  error: string;
  fields: Record<string, string>;
  index: number;
  intent: string;
}

export type FormOutcome = { ok: true; savedVersionId?: string; alreadySaved?: boolean } | { ok: false; status: number; answer: EditAnswer };

function refused(form: EditForm, failure: Pick<Failure, "status" | "error" | "fields">): FormOutcome {
  const index = "index" in form ? form.index : -1;
  return {
    ok: false,
    status: failure.status,
    answer: { error: failure.error, fields: failure.fields ?? {}, index, intent: form.intent },
  };
}

function contentEdit(form: Extract<EditForm, { intent: "content" }>): DraftEdit | Failure {
  if (form.content === undefined) return { op: "content", index: form.index, content: textToDoc(form.text ?? "") };
  let json: unknown;
  try {
    json = JSON.parse(form.content);
  } catch {
    json = null;
  }
  const checked = checkSectionDoc(json);
  if (!checked.ok) return { ok: false, status: 400, error: checked.error, fields: { content: checked.error } };
  return { op: "content", index: form.index, content: checked.doc };
}

function toEdit(form: Exclude<EditForm, { intent: "save" }>): DraftEdit | Failure {
  switch (form.intent) {
    case "level":
      return { op: "level", index: form.index, delta: form.delta === -1 ? -1 : 1 };
    case "merge":
      return { op: "merge", index: form.index };
    case "split":
      return { op: "split", index: form.index, paragraph: form.paragraph, label: form.label, heading: form.heading };
    case "relabel":
      return { op: "relabel", index: form.index, label: form.label, heading: form.heading };
    case "content":
      return contentEdit(form);
  }
}

export async function applyDraftForm(db: Db, actor: Actor, id: string, form: EditForm, now: Date): Promise<FormOutcome> {
  if (form.intent === "save") {
    const saved = await saveDraftImport(db, actor, { id, revision: form.revision, title: form.title }, now);
    if (!saved.ok) return refused(form, saved);
    return { ok: true, savedVersionId: saved.versionId, alreadySaved: saved.alreadySaved };
  }
  const edit = toEdit(form);
  if ("ok" in edit) return refused(form, edit);
  const edited = await editDraftImport(db, actor, { id, revision: form.revision, edit }, now);
  return edited.ok ? { ok: true } : refused(form, edited);
}

/** Where a successful POST leads: the consultation form after a save, else back to the section. */
export function nextPage(id: string, form: EditForm, outcome: Extract<FormOutcome, { ok: true }>): string {
  if (outcome.savedVersionId && !outcome.alreadySaved) return `/office/lay-y-kien/moi?banDuThao=${outcome.savedVersionId}`;
  if (outcome.savedVersionId) return `/office/tao-moi/${id}?daLuu=1`;
  // The section stays open for the next fix; after a merge, the one it was merged into.
  const index = Math.max(0, "index" in form ? (form.intent === "merge" ? form.index - 1 : form.index) : 0);
  return `/office/tao-moi/${id}?muc=${index}#muc-${index}`;
}
