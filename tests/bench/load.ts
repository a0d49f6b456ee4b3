// A closed-loop load generator for POSTs: each connection sends a request, waits for its answer,
// sends the next, until the time is up; then every request already sent is answered before it
// stops. autocannon drops the requests in flight when its time is up, which the server still
// commits: "stored = accepted" can only be checked when nothing is dropped.
import net from "node:net";

export interface LoadResult {
  statuses: Record<number, number>;
  errors: number;
  latenciesMs: number[];
  elapsedMs: number;
}

export interface PostLoad {
  url: string;
  connections: number;
  durationMs: number;
  headers: Record<string, string>;
  body: () => string;
}

export async function postLoad({ url, connections, durationMs, headers, body }: PostLoad): Promise<LoadResult> {
  const target = new URL(url);
  const head = Object.entries({ host: target.host, connection: "keep-alive", ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  const result: LoadResult = { statuses: {}, errors: 0, latenciesMs: [], elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(Array.from({ length: connections }, () => runConnection(target, head, body, deadline, result)));
  result.elapsedMs = performance.now() - started;
  return result;
}

function runConnection(target: URL, head: string, body: () => string, deadline: number, result: LoadResult): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= deadline) {
        socket.end();
        return resolve();
      }
      const payload = Buffer.from(body());
      sentAt = performance.now();
      socket.write(`POST ${target.pathname}${target.search} HTTP/1.1\r\n${head}content-length: ${payload.length}\r\n\r\n`);
      socket.write(payload);
    };
    socket.on("connect", send);
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseResponse(buffer);
        if (!parsed) return;
        buffer = buffer.subarray(parsed.length);
        result.statuses[parsed.status] = (result.statuses[parsed.status] ?? 0) + 1;
        result.latenciesMs.push(performance.now() - sentAt);
        send();
      }
    });
    socket.on("error", () => {
      result.errors++;
      resolve();
    });
  });
}

/** One complete HTTP/1.1 response at the start of `buf`: its status and length, or null if incomplete. */
export function parseResponse(buf: Buffer): { status: number; length: number } | null {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const headText = buf.subarray(0, end).toString("latin1");
  const status = Number(headText.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(headText);
  if (length) {
    const total = end + 4 + Number(length[1]);
    return buf.length >= total ? { status, length: total } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(headText)) {
    let at = end + 4;
    for (;;) {
      const lineEnd = buf.indexOf("\r\n", at);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
      at = lineEnd + 2 + size + 2;
      if (at > buf.length) return null;
      if (size === 0) return { status, length: at };
    }
  }
  return { status, length: end + 4 };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
