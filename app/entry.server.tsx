import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { BUSY_RETRY_AFTER_SECONDS } from "~/utils/busy-answer.server";

export { boot } from "~/utils/boot.server";
export { busyResponse, withBusyAnswers } from "~/utils/busy-answer.server";
export { isDatabaseBusy } from "~/utils/write-gate.server";
export { getEnv } from "~/utils/env.server";
export { notifyOutbox } from "~/utils/scheduler.server";
export { postComment } from "~/utils/comment-post.server";
export { createPageCache, pageCacheKey } from "~/utils/page-cache.server";

// Rendering is only ever given up when something hangs: on a busy 2-core server on deadline day a
// page waits behind many others for the CPU, and giving up after Remix's usual 5 s turned those
// slow pages into 500s (with the streamed body never finished).
const ABORT_DELAY = 30_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // A thrown 503 is a write that waited too long for the database (app/utils/busy-answer.server.ts);
  // its own headers do not reach the document, so say here when to send again.
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
  // Bots and no-JS readers get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          console.error(error); // before the shell too: a render error must never be a silent 500
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
