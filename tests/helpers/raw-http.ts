// Raw HTTP for requests fetch() will not make: TRACE, a 200 MB body streamed at a chosen pace
// without holding it in memory, and the moment the answer's status line arrives.
import { once } from "node:events";
import http from "node:http";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Milliseconds from the request's start to its answer's headers. */
  ms: number;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A body of this many bytes, written in blocks as the socket takes them (not allocated at once). */
  streamBytes?: number;
  /** Pause between blocks, for a slow sender. */
  pauseMs?: number;
}

const BLOCK = Buffer.alloc(64 * 1024, "a");

export function rawRequest(url: string, opts: RawRequest = {}): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "POST", headers: opts.headers, agent: false });
    let answered = false;
    req.on("response", async (res) => {
      answered = true;
      const ms = performance.now() - started;
      res.setEncoding("utf8");
      let text = "";
      for await (const chunk of res) text += chunk;
      resolve({ status: res.statusCode!, headers: res.headers, text, ms });
      req.destroy(); // stop sending whatever is left of a refused body
    });
    req.on("error", (error) => answered || reject(error));
    if (opts.streamBytes === undefined) return req.end(opts.body);
    void (async () => {
      for (let sent = 0; sent < opts.streamBytes! && !answered && !req.destroyed; sent += BLOCK.length) {
        if (!req.write(BLOCK)) await drained(req);
        if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
      }
      if (!answered && !req.destroyed) req.end();
    })().catch(() => {});
  });
}

/** Until the request can take more, or is closed. */
async function drained(req: http.ClientRequest) {
  const stop = new AbortController();
  const settled = (event: string) => once(req, event, { signal: stop.signal }).catch(() => {});
  await Promise.race([settled("drain"), settled("close")]);
  stop.abort();
}
