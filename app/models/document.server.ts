// Drafts, their versions and sections: every read and write of them.
import { createHash, randomUUID } from "node:crypto";
import { type DraftState, finalAnchors, parentIndexes, stateFromSplit } from "~/domain/draft-edit";
import type { SplitDraft } from "~/domain/sections";
import { docToPlainText, type TiptapDoc } from "~/domain/tiptap";
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export interface NewDraft {
  title: string;
  sourceFilename: string | null;
  sourceFormat: string;
  source: Buffer;
  split: SplitDraft;
}

export interface ImportedDraft {
  documentId: string;
  versionId: string;
  sections: { label: string; heading: string; level: number }[];
}

export async function createDraft(db: Db, draft: NewDraft, opts: { now: Date; actorId?: string | null }): Promise<ImportedDraft> {
  const sourceSha256 = createHash("sha256").update(draft.source).digest("hex");
  const stored = { ...draft, sourceSha256, state: stateFromSplit(draft.split) };
  return db.$transaction((tx) => storeDraft(tx, stored, opts));
}

/** A draft as the Office checked and fixed it (app/domain/draft-edit.ts), ready to become version 1. */
export interface StoredDraft {
  title: string;
  sourceFilename: string | null;
  sourceFormat: string;
  sourceSha256: string;
  state: DraftState;
}

/** Inside the caller's transaction, so a save from the staging table marks it saved in the same one. */
export async function storeDraft(tx: Tx, draft: StoredDraft, opts: { now: Date; actorId?: string | null }): Promise<ImportedDraft> {
  const { sections } = draft.state;
  const sectionIds = sections.map(() => randomUUID());
  const parents = parentIndexes(sections);
  const anchors = finalAnchors(sections);
  const rows: SectionRow[] = sections.map((s, position) => {
    const parentIndex = parents[position];
    return {
      id: sectionIds[position]!,
      parentId: parentIndex === null || parentIndex === undefined ? null : sectionIds[parentIndex]!,
      position,
      level: s.level,
      kind: s.kind,
      label: s.label,
      heading: s.heading,
      anchor: anchors[position]!,
      content: JSON.stringify(s.content),
      plainText: docToPlainText(s.content),
    };
  });
  const document = await tx.document.create({ data: { title: draft.title, createdAt: opts.now } });
  const version = await tx.documentVersion.create({
    data: {
      documentId: document.id,
      number: 1,
      createdAt: opts.now,
      sourceFilename: draft.sourceFilename,
      sourceFormat: draft.sourceFormat,
      sourceSha256: draft.sourceSha256,
      frontMatter: JSON.stringify(draft.state.frontMatter),
      backMatter: JSON.stringify(draft.state.backMatter),
    },
  });
  await insertSections(tx, version.id, rows);
  await recordAudit(
    tx,
    {
      event: "draft.imported",
      actorId: opts.actorId,
      entityType: "DocumentVersion",
      entityId: version.id,
      payload: { title: draft.title, versionNumber: 1, sourceFormat: draft.sourceFormat, sourceSha256: draft.sourceSha256, sections: rows.length },
    },
    opts.now,
  );
  return { documentId: document.id, versionId: version.id, sections: sections.map((s) => ({ label: s.label, heading: s.heading, level: s.level })) };
}

type SectionRow = {
  id: string;
  parentId: string | null;
  position: number;
  level: number;
  kind: string;
  label: string;
  heading: string;
  anchor: string;
  content: string;
  plainText: string;
};

/**
 * Multi-row INSERTs in chunks: through the driver adapter, createMany took ~0.5 ms a row and a
 * 1 MB draft (1,100+ sections) most of its import time; this is about 3× faster. Prisma.sql
 * still writes the placeholders for whichever database the client was generated for.
 */
async function insertSections(tx: Tx, versionId: string, rows: SectionRow[]): Promise<void> {
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${versionId}, ${r.parentId}, ${r.position}, ${r.level}, ${r.kind}, ${r.label}, ${r.heading}, ${r.anchor}, ${r.content}, ${r.plainText})`,
      );
    await tx.$executeRaw`INSERT INTO "Section" ("id", "versionId", "parentId", "position", "level", "kind", "label", "heading", "anchor", "content", "plainText") VALUES ${Prisma.join(values)}`;
  }
}

export async function latestVersionId(db: Db, documentId: string): Promise<string | null> {
  const v = await db.documentVersion.findFirst({ where: { documentId }, orderBy: { number: "desc" }, select: { id: true } });
  return v?.id ?? null;
}

export interface ReadingSection {
  id: string;
  parentId: string | null;
  level: number;
  kind: string;
  label: string;
  heading: string;
  anchor: string;
  content: TiptapDoc;
}

export interface ReadingVersion {
  id: string;
  number: number;
  documentId: string;
  documentTitle: string;
  frontMatter: TiptapDoc;
  backMatter: TiptapDoc;
  sections: ReadingSection[];
}

// A version's text never changes once stored (a revision is a new version), so what readers see
// of it can be kept in memory: the consultation page then costs one small query, not a reload of
// every section. Bounded, least recently used out first.
const READING_CACHE_SIZE = 32;
const readingCache = new Map<string, Readonly<ReadingVersion>>();

export async function getVersionForReading(db: Db, versionId: string): Promise<Readonly<ReadingVersion> | null> {
  const cached = readingCache.get(versionId);
  if (cached) {
    readingCache.delete(versionId);
    readingCache.set(versionId, cached);
    return cached;
  }
  const v = await db.documentVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      number: true,
      frontMatter: true,
      backMatter: true,
      document: { select: { id: true, title: true } },
      sections: {
        orderBy: { position: "asc" },
        select: { id: true, parentId: true, level: true, kind: true, label: true, heading: true, anchor: true, content: true },
      },
    },
  });
  if (!v) return null;
  const version: ReadingVersion = {
    id: v.id,
    number: v.number,
    documentId: v.document.id,
    documentTitle: v.document.title,
    frontMatter: JSON.parse(v.frontMatter) as TiptapDoc,
    backMatter: JSON.parse(v.backMatter) as TiptapDoc,
    sections: v.sections.map((s) => ({ ...s, content: JSON.parse(s.content) as TiptapDoc })),
  };
  readingCache.set(versionId, version);
  if (readingCache.size > READING_CACHE_SIZE) readingCache.delete(readingCache.keys().next().value!);
  return version;
}
