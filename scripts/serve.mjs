// The production server: one Node process, one SQLite file. Boots (migrations, demo) before it
// listens, then serves the Remix build.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

const serverBuild = await import(pathToFileURL(path.join(root, "build", "index.js")).href);
const {
  boot,
  getEnv,
  gzipDocument,
  createPageCache,
  pageCacheKey,
  notifyOutbox,
  postComment,
  COMMENT_POST_PATH,
  withBusyAnswers,
  isDatabaseBusy,
  busyResponse,
  bodyLimitFor,
  tooLargeMessage,
  securityHeaders,
} = serverBuild.entry.module;
// Loaders and actions answer a write that waited too long for the database with 503, not 500.
const build = withBusyAnswers(serverBuild);

let env;
try {
  env = getEnv();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// With WEB_CONCURRENCY above 1 the primary process prepares the database and supervises, that
// many "web" workers serve (node:cluster; each accepts on the shared port), and one "scheduler"
// worker sends mail and runs the sweep at a lower priority: under load a receipt may go out a few
// seconds later, but a page or a comment does not wait for it. One process does everything otherwise.
const clustered = env.WEB_CONCURRENCY > 1;
// Started by a supervising process over IPC (the tests do), stop when it goes away. Cluster workers
// already stop when their primary does.
if (process.send && !cluster.isWorker) process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
const role = !clustered ? "single" : cluster.isPrimary ? "primary" : process.env.PORTAL_ROLE;
if (role === "primary") {
  await runPrimary();
} else if (role === "scheduler") {
  os.setPriority(10);
  const report = await boot("scheduler");
  process.on("message", (message) => {
    if (message?.portal === "outbox-queued") notifyOutbox();
  });
  process.once("SIGTERM", async () => {
    await report.scheduler?.stop();
    process.exit(0);
  });
} else {
  const report = await boot(role);
  if (role === "single") announce(report);
  serve(report);
}

function announce(report) {
  console.log(`Cơ sở dữ liệu: ${report.database}`);
  if (report.migrationsApplied.length) console.log(`Đã áp dụng ${report.migrationsApplied.length} bản di chuyển cơ sở dữ liệu.`);
  if (report.demoConsultationId) console.log(`Đã nạp đợt lấy ý kiến minh họa: ${env.APP_URL}/lay-y-kien/${report.demoConsultationId}`);
  if (report.mail === "local") {
    console.log(`Chưa cấu hình SMTP_URL: thư được lưu vào hộp thư cục bộ, xem tại ${env.APP_URL}/office/mailbox`);
    if (report.officeLink) console.log(`Đăng nhập tài khoản Văn phòng (liên kết dùng một lần, hiệu lực 60 phút):\n  ${report.officeLink}`);
  }
}

async function runPrimary() {
  announce(await boot("primary"));
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let listening = 0;
  let stopping = false;
  let scheduler;
  const fork = (portalRole) => {
    const worker = cluster.fork({ PORTAL_ROLE: portalRole });
    if (portalRole === "scheduler") scheduler = worker;
    worker.on("message", (message) => {
      if (message?.portal === "outbox-queued") scheduler?.send(message);
    });
    worker.once("listening", () => {
      if (++listening === env.WEB_CONCURRENCY) console.log(`Cổng góp ý dự thảo đang chạy tại ${env.APP_URL} (${env.WEB_CONCURRENCY} tiến trình phục vụ)`);
    });
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (portalRole === "web" && listening < env.WEB_CONCURRENCY) {
        // A worker that dies before it listens would die again: stop rather than loop.
        console.error(`Tiến trình phục vụ dừng khi khởi động (mã ${code ?? signal}).`);
        process.exit(1);
      }
      console.error(`Tiến trình ${portalRole} ${worker.process.pid} dừng (mã ${code ?? signal}); khởi động lại.`);
      fork(portalRole);
    });
  };
  fork("scheduler");
  for (let i = 0; i < env.WEB_CONCURRENCY; i++) fork("web");
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      await Promise.all(
        workers.map(
          (w) =>
            new Promise((resolve) => {
              w.once("exit", resolve);
              w.kill("SIGTERM");
            }),
        ),
      );
      process.exit(0);
    });
  }
}

function serve(report) {
  const app = express();
  app.disable("x-powered-by");
  // The socket's address, for per-IP limits. Behind a reverse proxy, TRUST_PROXY (validated in
  // app/utils/env.server.ts) lets Express read X-Forwarded-For from it (and only then).
  app.set("trust proxy", env.TRUST_PROXY);
  const headers = securityHeaders(env.APP_URL);
  app.use((_req, res, next) => {
    res.set(headers);
    next();
  });
  // Forms are POSTed; Remix would run a route's action for PUT, PATCH or DELETE too.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "POST") return next();
    res.status(405).set("Allow", "GET, HEAD, POST").type("text/plain; charset=utf-8").send("Phương thức không được hỗ trợ.");
  });
  // Refuse state-changing requests sent from another site's pages (the session cookie is also
  // SameSite=Lax). The portal's own origin is APP_URL's: a reverse proxy may rewrite Host.
  const appOrigin = new URL(env.APP_URL).origin;
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    if (origin === appOrigin) return next();
    if (!origin && !req.get("sec-fetch-site")) return next(); // non-browser clients send neither
    if (req.get("sec-fetch-site") === "same-origin") return next();
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: gửi từ một trang web khác.");
  });
  app.use(limitBody);
  // Level 1, not zlib's 6: pages are rendered per request, and on the signed-in reading page (86 KB
  // of HTML) level 6 took three times the CPU for 15% fewer bytes (22 KB instead of 19 KB).
  const compress = compression({ level: 1 });
  const mode = process.env.NODE_ENV;
  const handleStreaming = createRequestHandler({ build, mode, getLoadContext: (req) => ({ ip: req.ip }) });
  const handleFetch = createFetchHandler(build, mode);
  const pageCache = createPageCache({ ttlMs: 2_000 });

  // The comment form's POST goes to the app's direct handler first (app/server/comment-post.server.ts):
  // it stores a valid comment and redirects (nothing to compress), and hands anything else to Remix
  // with the body as read. Remix's own data requests (?_data=…) go to Remix untouched.
  app.post(
    COMMENT_POST_PATH,
    (req, _res, next) => next("_data" in req.query ? "route" : undefined),
    async (req, res, next) => {
      try {
        const body = await readAll(res.locals.body); // at most the route's limit
        const location = await postComment({
          consultationId: req.params.consultationId,
          cookieHeader: req.get("cookie") ?? null,
          contentType: req.get("content-type") ?? null,
          body,
          now: new Date(),
        });
        // Without res.redirect's body, negotiated by Accept for each answer: the browser follows
        // the header, and Remix's own redirects have no body either.
        if (location) return res.location(location).status(303).set("Content-Length", "0").end();
        const response = await handleFetch(postRequest(req, res, body), { ip: req.ip });
        compress(req, res, () => send(res, response).catch(next));
      } catch (error) {
        if (!res.headersSent) next(error); // else the body was over its limit, and 413 is sent
      }
    },
  );

  app.use(compress);
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Only a path with a file name's extension can be a file in public/: pages skip a stat of the disk.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  app.all("*", async (req, res, next) => {
    if (req.method === "POST") {
      try {
        return await send(res, await handleFetch(postRequest(req, res, Readable.toWeb(res.locals.body)), { ip: req.ip }));
      } catch (error) {
        return next(error);
      }
    }
    if (req.method !== "GET") return handleStreaming(req, res, next);
    // A reader who sent a cookie gets a page of their own, whose render stops if they go away; the
    // page cache's renders are shared by whoever asks meanwhile, so they never stop for one of them.
    const request = getRequest(req, req.headers.cookie ? res : undefined);
    const key = pageCacheKey(request);
    if (!key) {
      try {
        return await sendPage(req, res, await handleFetch(request, { ip: req.ip }));
      } catch (error) {
        return next(error);
      }
    }
    try {
      const { page, hit } = await pageCache.fetch(key, () => handleFetch(request));
      res.status(page.status);
      for (const [name, value] of page.headers) res.append(name, value);
      res.set("X-Page-Cache", hit ? "hit" : "miss");
      res.end(Buffer.from(page.body));
    } catch (error) {
      next(error);
    }
  });

  // Errors outside Remix's own handling (a body too large, a failure in the direct handler).
  app.use((error, _req, res, _next) => {
    if (isDatabaseBusy(error) && !res.headersSent) return void send(res, busyResponse()).catch(() => res.destroy());
    if (error.status !== 413) console.error(error);
    if (res.headersSent) return res.destroy();
    res
      .status(error.status === 413 ? 413 : 500)
      .type("text/plain; charset=utf-8")
      .send(error.status === 413 ? "Nội dung gửi lên quá lớn." : "Máy chủ gặp lỗi khi xử lý yêu cầu; vui lòng thử lại sau ít phút.");
  });

  const server = app.listen(env.PORT, env.HOST, () => {
    if (!clustered) console.log(`Cổng góp ý dự thảo đang chạy tại ${env.APP_URL}`);
  });
  // Node would answer "100 Continue" before any check; limitBody answers it once the body is welcome.
  server.on("checkContinue", app);

  server.on("error", (error) => {
    if (error.code === "EADDRINUSE")
      console.error(`Cổng ${env.PORT} đang được một chương trình khác dùng. Đặt biến PORT để chạy ở cổng khác, ví dụ PORT=3001 npm start.`);
    else console.error(`Không mở được cổng ${env.PORT}: ${error.message}`);
    process.exit(1);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      server.close(async () => {
        await report.scheduler?.stop();
        process.exit(0);
      });
      server.closeAllConnections?.();
    });
  }
}

/**
 * Every POST's body, read through its limit (app/utils/body-limits.server.ts) as res.locals.body:
 * a declared Content-Length over it is refused before a byte is read, and a body without one is
 * counted as it arrives and cut off where it passes the limit. Either way 413, within a moment.
 */
function limitBody(req, res, next) {
  if (req.method !== "POST") return next();
  const limit = bodyLimitFor(req.path);
  if (Number(req.get("content-length")) > limit) return tooLarge(req, res, limit);
  let received = 0;
  const body = new Transform({
    transform(chunk, _encoding, done) {
      received += chunk.length;
      if (received <= limit) return done(null, chunk);
      done(Object.assign(new Error("body over its limit"), { status: 413 }));
      tooLarge(req, res, limit);
    },
  });
  body.on("error", () => {}); // its readers see the error; nothing else needs to
  req.pipe(body);
  req.once("close", () => req.complete || body.destroy(new Error("request aborted")));
  // A route that answers without reading the whole body leaves the rest on the wire.
  res.once("finish", () => req.complete || drop(req));
  res.locals.body = body;
  // Only now may a client that asked first ("Expect: 100-continue") send its body.
  if (/100-continue/i.test(req.get("expect") ?? "")) res.writeContinue();
  next();
}

function tooLarge(req, res, limit) {
  if (!res.headersSent) {
    // Even when the client asked to close after this request: Node would close the socket as soon
    // as the answer is written, and a close while the client is still sending resets the
    // connection, which can destroy the answer before the client reads it (a proxy then reports
    // 502, not 413). drop() closes it a moment later.
    res.shouldKeepAlive = true;
    res.status(413).type("text/plain; charset=utf-8").send(tooLargeMessage(limit));
  }
  drop(req);
}

/**
 * Stops reading a request's body. What still arrives is discarded for a second (closing at once
 * can reset the connection before the client has read the answer), then the connection is closed
 * unless the body ended by then.
 */
const dropped = new WeakSet();

function drop(req) {
  if (dropped.has(req)) return;
  dropped.add(req);
  req.unpipe();
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 1_000).unref();
  req.once("end", () => clearTimeout(timer));
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A POST as a Fetch Request for Remix, with its (limited) body. */
function postRequest(req, res, body) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  // The cross-site check above, against APP_URL, is the one that counts. Remix's own compares
  // Origin with Host, which a reverse proxy rewrites: it would fail every form behind one.
  headers.delete("origin");
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const controller = new AbortController();
  res.once("close", () => res.writableFinished || controller.abort());
  return new Request(url, { method: "POST", headers, body, duplex: "half", signal: controller.signal });
}

/** Writes a Fetch Response (from Remix) to Express's response, streaming its body. */
async function send(res, response) {
  // A body over its limit was already answered with 413 (limitBody); Remix's answer is moot, but
  // read to its end so the render finishes rather than failing on a closed stream.
  if (res.headersSent) return response.body?.pipeTo(new WritableStream());
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.append(name, value);
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  if (!response.body) return res.end();
  await pipeline(Readable.fromWeb(response.body), res);
}

/** A body-less GET as a fetch Request; given `res`, its loaders are told when the client goes away. */
function getRequest(req, res) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  if (!res) return new Request(url, { method: "GET", headers });
  const controller = new AbortController();
  res.once("close", () => res.writableFinished || controller.abort());
  return new Request(url, { method: "GET", headers, signal: controller.signal });
}

/**
 * A page rendered for one reader. The document is already whole (app/server/strip-nul.server.ts),
 * so it is compressed in one call, around its draft's markup deflated beforehand
 * (app/server/page-gzip.server.ts), and written at once: through the compression middleware's
 * stream it took three passes through zlib's thread pool and the stream layers, about a tenth of
 * the CPU of a signed-in page. Anything else a GET answers (a CSV or a DOCX, streamed in constant
 * memory; Remix's data) goes on as a stream.
 */
async function sendPage(req, res, response) {
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/html")) return send(res, response);
  const html = Buffer.from(await response.arrayBuffer());
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.append(name, value);
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  res.append("Vary", "Accept-Encoding");
  let body = html;
  if (html.length >= 1024 && req.acceptsEncodings("gzip", "identity") === "gzip") {
    body = gzipDocument(response, html);
    res.set("Content-Encoding", "gzip");
  }
  res.set("Content-Length", String(body.length));
  res.end(body);
}
