import { PassThrough, pipeline } from "node:stream";
import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { compressedDraft } from "~/components/draft-html.server";
import { DraftMarkupContext } from "~/components/draft-markup";
import { NonceContext } from "~/components/nonce";
import { type Carried, fillSlots, notePieces, type Precompressed, slotMarker } from "~/server/page-gzip.server";
import { wholeWithoutNul } from "~/server/strip-nul.server";
import { BUSY_RETRY_AFTER_SECONDS } from "~/utils/busy-answer.server";
import { createNonce, documentPolicy } from "~/utils/security-headers.server";
import { sessionCookie } from "~/utils/session.server";

export { boot } from "~/server/boot.server";
export { COMMENT_POST_PATH, postComment } from "~/server/comment-post.server";
export { gzipDocument } from "~/server/page-gzip.server";
export { notifyOutbox } from "~/server/scheduler.server";
export { bodyLimitFor, tooLargeMessage } from "~/utils/body-limits.server";
export { busyResponse, withBusyAnswers } from "~/utils/busy-answer.server";
export { getEnv } from "~/utils/env.server";
export { createPageCache, pageCacheKey } from "~/utils/page-cache.server";
export { securityHeaders } from "~/utils/security-headers.server";
export { isDatabaseBusy } from "~/utils/write-gate.server";

// Rendering is only ever given up when something hangs: on a busy 2-core server on deadline day a
// page waits behind many others for the CPU, and giving up after Remix's usual 5 s turned those
// slow pages into 500s (with the streamed body never finished).
const ABORT_DELAY = 30_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  // A thrown 503 is a write that waited too long for the database (app/utils/busy-answer.server.ts);
  // its own headers do not reach the document, so say here when to send again.
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
  const nonce = createNonce();
  responseHeaders.set("Content-Security-Policy", documentPolicy(nonce));
  keepPrivate(request, responseHeaders);
  // Bots wait for every Suspense boundary (onAllReady), others only for the shell. No route defers
  // data, so either way the page leaves whole (wholeWithoutNul, then scripts/serve.mjs's sendPage).
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  // The drafts this page carries: React renders a marker in their place, the finished page gets
  // their cached bytes there, and the server gzips the page around their deflated markup.
  const slots = new Map<string, Precompressed>();
  const draftMarkup = (versionId: string) => {
    const draft = compressedDraft(versionId);
    if (draft === undefined) return undefined;
    slots.set(versionId, draft);
    return slotMarker(versionId);
  };
  return new Promise((resolve, reject) => {
    // Cleared as soon as the page is out: a pending timer holds the whole render (request, React's
    // state, the page's text) for 30 s, which at a few hundred pages a second kept hundreds of MB
    // alive and made the garbage collector's pauses the slowest part of a request.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <DraftMarkupContext.Provider value={draftMarkup}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </DraftMarkupContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // app/server/strip-nul.server.ts: React 18's stray zero bytes, and the page in one piece.
          // pipeline, not pipe, so a render that fails midway ends the response with its error
          // instead of leaving it open.
          const carried: Carried = { pieces: [], at: [] };
          const html = wholeWithoutNul((page) => fillSlots(page, slots, carried));
          pipeline(body, html, () => clearTimeout(timer));
          const response = new Response(createReadableStreamFromReadable(html), { headers: responseHeaders, status: responseStatusCode });
          resolve(notePieces(response, carried));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          console.error(error); // before the shell too: a render error must never be a silent 500
        },
      },
    );
  });
}

/** Loader and action data fetched by Remix's client: as private as the page it belongs to. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  keepPrivate(request, response.headers);
  return response;
}

/**
 * What is rendered for someone signed in (who they are, their comments, the Office's screens) must
 * stay out of shared caches and the browser's back-forward disk cache. The session cookie's
 * presence is enough to decide: no-store on a stale cookie costs nothing.
 */
function keepPrivate(request: Request, headers: Headers) {
  if (request.headers.get("cookie")?.includes(`${sessionCookie.name}=`)) headers.set("Cache-Control", "private, no-store");
}
