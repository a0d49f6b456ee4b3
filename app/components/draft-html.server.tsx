// The draft's reading markup, rendered once per version and kept: a version's text never changes,
// and rendering ~40 sections through React and shipping their JSON for hydration on every request
// cost most of the consultation page's time (docs/decisions/0001-draft-rendering.md).
import { renderToStaticMarkup } from "react-dom/server";
import type { ReadingVersion } from "~/models/document.server";
import { DraftReaderContent } from "./draft-reader";

const CACHE_SIZE = 32;
const cache = new Map<string, string>();

export function draftHtml(version: Readonly<ReadingVersion>): string {
  let html = cache.get(version.id);
  if (html === undefined) {
    html = renderToStaticMarkup(<DraftReaderContent draft={version} />);
    cache.set(version.id, html);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return html;
}

/**
 * For the page's server render (through DraftMarkupContext, app/entry.server.tsx): the markup its
 * loader made sure of with draftHtml() a moment before.
 */
export function cachedDraftHtml(versionId: string): string | undefined {
  return cache.get(versionId);
}
