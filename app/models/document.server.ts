// Drafts, their versions and sections: every read and write of them.
import { createHash, randomUUID } from "node:crypto";
import type { SplitDraft } from "~/domain/sections";
import { docToPlainText, paragraphsToDoc, type TiptapDoc } from "~/domain/tiptap";
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
  const sectionIds = draft.split.sections.map(() => randomUUID());
  const rows: SectionRow[] = draft.split.sections.map((s, position) => {
    const content = paragraphsToDoc(s.body);
    return {
      id: sectionIds[position]!,
      parentId: s.parentIndex === null ? null : sectionIds[s.parentIndex]!,
      position,
      level: s.level,
      kind: s.kind,
      label: s.label,
      heading: s.heading,
      anchor: s.anchor,
      content: JSON.stringify(content),
      plainText: docToPlainText(content),
    };
  });
  const sha256 = createHash("sha256").update(draft.source).digest("hex");

  return db.$transaction(async (tx) => {
    const document = await tx.document.create({ data: { title: draft.title, createdAt: opts.now } });
    const version = await tx.documentVersion.create({
      data: {
        documentId: document.id,
        number: 1,
        createdAt: opts.now,
        sourceFilename: draft.sourceFilename,
        sourceFormat: draft.sourceFormat,
        sourceSha256: sha256,
        frontMatter: JSON.stringify(paragraphsToDoc(draft.split.frontMatter)),
        backMatter: JSON.stringify(paragraphsToDoc(draft.split.backMatter)),
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
        payload: { title: draft.title, versionNumber: 1, sourceFormat: draft.sourceFormat, sourceSha256: sha256, sections: rows.length },
      },
      opts.now,
    );
    return {
      documentId: document.id,
      versionId: version.id,
      sections: draft.split.sections.map((s) => ({ label: s.label, heading: s.heading, level: s.level })),
    };
  });
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
