// A draft on its way in: read and split from the Office's upload or paste (or the CLI's file),
// kept in DraftImport while the clerk fixes the split, then saved as a Document through the same
// storeDraft the CLI uses. Only the save is audited ("draft.imported"): the edits before it touch
// nothing any official can see, and a clerk fixing forty headings would bury the log in entries
// that say less than the saved result does.
import { createHash } from "node:crypto";
import { type Actor, actorId, authorize } from "~/domain/actor";
import { changeLevel, type DraftState, type EditResult, mergeIntoPrevious, relabel, setContent, splitSection, stateFromSplit } from "~/domain/draft-edit";
import { guessTitle } from "~/domain/draft-title";
import { fail, invalid, notFound, type Result } from "~/domain/result";
import { DraftStructureError } from "~/domain/sections";
import type { TiptapDoc } from "~/domain/tiptap";
import { DraftImportError, readDraft } from "~/imports/draft.server";
import type { Db } from "~/utils/db.server";
import { type ImportedDraft, storeDraft } from "./document.server";
import { oneAtATime } from "./draft-parse-queue.server";

export interface DraftSource {
  /** The file's bytes, or the pasted text as UTF-8. */
  source: Buffer;
  /** The file's name; null for pasted text (read as .txt). */
  filename: string | null;
  /** Typed by the Office; guessed from the heading block when empty. */
  title?: string | null;
  /** Which form field a refusal belongs beside. */
  field?: string;
}

const PASTED_NAME = "van-ban-dan.txt";
const MAX_TITLE = 300;

/** Reads, splits and stores a draft for checking. The upload form and `portal import` both start here. */
export async function startDraftImport(db: Db, actor: Actor, input: DraftSource, now: Date): Promise<Result<{ importId: string }>> {
  const denied = authorize(actor, "office.manage");
  if (denied) return denied;
  const field = input.field ?? "file";
  const filename = input.filename ?? PASTED_NAME;
  let read: Awaited<ReturnType<typeof readDraft>>;
  try {
    // mammoth peaks near 1.2 GB on a .docx at the limits: one at a time per process.
    read = await oneAtATime(() => readDraft(input.source, filename));
  } catch (error) {
    if (error instanceof DraftImportError || error instanceof DraftStructureError) {
      const status = error instanceof DraftImportError && error.problem === "file-too-large" ? 413 : 400;
      return fail(status, error.message, { problems: [error.message], fields: { [field]: error.message } });
    }
    throw error;
  }
  const typed = input.title?.normalize("NFC").trim().slice(0, MAX_TITLE);
  const fallback = input.filename ? input.filename.replace(/\.[^.]+$/, "") : "Dự thảo";
  const row = await db.draftImport.create({
    data: {
      createdById: actorId(actor),
      createdAt: now,
      updatedAt: now,
      title: typed || guessTitle(read.split.frontMatter) || fallback,
      sourceFilename: input.filename,
      sourceFormat: read.format,
      sourceSha256: createHash("sha256").update(input.source).digest("hex"),
      state: JSON.stringify(stateFromSplit(read.split)),
    },
  });
  return { ok: true, importId: row.id };
}

export interface DraftImportView {
  id: string;
  revision: number;
  title: string;
  sourceFilename: string | null;
  sourceFormat: string;
  createdAt: Date;
  savedVersionId: string | null;
  state: DraftState;
}

export async function getDraftImport(db: Db, actor: Actor, id: string): Promise<Result<{ draft: DraftImportView }>> {
  const denied = authorize(actor, "office.manage");
  if (denied) return denied;
  const row = await db.draftImport.findUnique({ where: { id } });
  if (!row) return notFound("bản dự thảo đang nhập");
  const { state, updatedAt: _, createdById: __, sourceSha256: ___, ...rest } = row;
  return { ok: true, draft: { ...rest, state: JSON.parse(state) as DraftState } };
}

export interface PendingImport {
  id: string;
  title: string;
  sourceFilename: string | null;
  updatedAt: Date;
}

/** The actor's own imports not saved yet, newest first, so a closed tab is not lost work. */
export async function listPendingImports(db: Db, actor: Actor, take = 10): Promise<Result<{ imports: PendingImport[] }>> {
  const denied = authorize(actor, "office.manage");
  if (denied) return denied;
  const imports = await db.draftImport.findMany({
    where: { createdById: actorId(actor), savedVersionId: null },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, title: true, sourceFilename: true, updatedAt: true },
  });
  return { ok: true, imports };
}

export type DraftEdit =
  | { op: "level"; index: number; delta: -1 | 1 }
  | { op: "merge"; index: number }
  | { op: "split"; index: number; paragraph: number; label: string; heading: string }
  | { op: "relabel"; index: number; label: string; heading: string }
  | { op: "content"; index: number; content: TiptapDoc };

function applyEdit(state: DraftState, edit: DraftEdit): EditResult {
  switch (edit.op) {
    case "level":
      return changeLevel(state, edit.index, edit.delta);
    case "merge":
      return mergeIntoPrevious(state, edit.index);
    case "split":
      return splitSection(state, edit.index, edit.paragraph, { label: edit.label, heading: edit.heading });
    case "relabel":
      return relabel(state, edit.index, { label: edit.label, heading: edit.heading });
    case "content":
      return setContent(state, edit.index, edit.content);
  }
}

export const STALE_MESSAGE = "Bản dự thảo đã được sửa ở một thẻ hoặc cửa sổ khác sau khi trang này được mở. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.";
const SAVED_MESSAGE = "Dự thảo này đã được lưu; không sửa được nữa.";

/** One fix to the split, refused (409) when the page it came from showed an older revision. */
export async function editDraftImport(
  db: Db,
  actor: Actor,
  input: { id: string; revision: number; edit: DraftEdit },
  now: Date,
): Promise<Result<{ revision: number }>> {
  const denied = authorize(actor, "office.manage");
  if (denied) return denied;
  return db.$transaction(async (tx): Promise<Result<{ revision: number }>> => {
    const row = await tx.draftImport.findUnique({ where: { id: input.id }, select: { revision: true, state: true, savedVersionId: true } });
    if (!row) return notFound("bản dự thảo đang nhập");
    if (row.savedVersionId) return fail(409, SAVED_MESSAGE);
    if (row.revision !== input.revision) return fail(409, STALE_MESSAGE);
    const edited = applyEdit(JSON.parse(row.state) as DraftState, input.edit);
    if (!edited.ok) return invalid([edited.error]);
    const revision = row.revision + 1;
    await tx.draftImport.update({ where: { id: input.id }, data: { state: JSON.stringify(edited.state), revision, updatedAt: now } });
    return { ok: true, revision };
  });
}

export type SavedDraft = { versionId: string; alreadySaved: boolean; draft?: ImportedDraft };

/**
 * Stores the checked draft as version 1 of a new Document, in one transaction with marking the
 * import saved: a second save (another tab) creates nothing and is told where the first went.
 */
export async function saveDraftImport(db: Db, actor: Actor, input: { id: string; revision: number; title: string }, now: Date): Promise<Result<SavedDraft>> {
  const denied = authorize(actor, "office.manage");
  if (denied) return denied;
  const title = input.title.normalize("NFC").trim();
  if (!title) return invalid(["Hãy nhập tên dự thảo."], { title: "Hãy nhập tên dự thảo." });
  if (title.length > MAX_TITLE) return invalid([`Tên dự thảo dài quá ${MAX_TITLE} ký tự.`], { title: `Tên dự thảo dài quá ${MAX_TITLE} ký tự.` });
  return db.$transaction(async (tx): Promise<Result<SavedDraft>> => {
    const row = await tx.draftImport.findUnique({ where: { id: input.id } });
    if (!row) return notFound("bản dự thảo đang nhập");
    if (row.savedVersionId) return { ok: true, versionId: row.savedVersionId, alreadySaved: true };
    if (row.revision !== input.revision) return fail(409, STALE_MESSAGE);
    const state = JSON.parse(row.state) as DraftState;
    const stored = { title, sourceFilename: row.sourceFilename, sourceFormat: row.sourceFormat, sourceSha256: row.sourceSha256, state };
    const draft = await storeDraft(tx, stored, { now, actorId: actorId(actor) });
    await tx.draftImport.update({ where: { id: row.id }, data: { savedVersionId: draft.versionId, title, updatedAt: now } });
    return { ok: true, versionId: draft.versionId, alreadySaved: false, draft };
  });
}

/** `portal import`: the same read, split and save as the browser's, without the checking in between. */
export async function importDraft(db: Db, actor: Actor, input: DraftSource, now: Date): Promise<Result<{ draft: ImportedDraft }>> {
  const started = await startDraftImport(db, actor, input, now);
  if (!started.ok) return started;
  const row = await db.draftImport.findUniqueOrThrow({ where: { id: started.importId }, select: { revision: true, title: true } });
  const saved = await saveDraftImport(db, actor, { id: started.importId, revision: row.revision, title: row.title }, now);
  if (!saved.ok) return saved;
  return { ok: true, draft: saved.draft! };
}
