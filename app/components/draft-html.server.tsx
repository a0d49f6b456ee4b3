// The draft's reading markup, rendered once per version and kept: a version's text never changes,
// and rendering ~40 sections through React and shipping their JSON for hydration on every request
// cost most of the consultation page's time (docs/decisions/0001-draft-rendering.md).
import { renderToStaticMarkup } from "react-dom/server";
import type { ReadingVersion } from "~/models/document.server";
import { type Precompressed, precompress } from "~/server/page-gzip.server";
import { DraftReaderContent } from "./draft-reader";

const CACHE_SIZE = 32;
interface Entry {
  html: string;
  /** Its bytes and their deflated form, made for the first page that carries it (app/server/page-gzip.server.ts). */
  compressed?: Precompressed;
}
const cache = new Map<string, Entry>();

export function draftHtml(version: Readonly<ReadingVersion>): string {
  let entry = cache.get(version.id);
  if (entry === undefined) {
    entry = { html: renderToStaticMarkup(<DraftReaderContent draft={version} />) };
    cache.set(version.id, entry);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return entry.html;
}

/**
 * For the page's server render (through DraftMarkupContext, app/entry.server.tsx): the markup its
 * loader made sure of with draftHtml() a moment before, as bytes with their deflated form, put
 * into the finished page and gzipped around (app/server/page-gzip.server.ts).
 */
export function compressedDraft(versionId: string): Precompressed | undefined {
  const entry = cache.get(versionId);
  if (!entry) return undefined;
  entry.compressed ??= precompress(entry.html);
  return entry.compressed;
}
