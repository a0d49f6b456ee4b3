// The production server: one Node process, one SQLite file. Boots (migrations, demo) before it
// listens, then serves the Remix build.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
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
const { boot, getEnv, createPageCache, pageCacheKey, notifyOutbox, postComment, withBusyAnswers, isDatabaseBusy, busyResponse } = serverBuild.entry.module;
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
  console.log(`Cơ sở dữ liệu: ${report.databasePath}`);
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
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.once("exit", resolve), w.kill("SIGTERM")))));
      process.exit(0);
    });
  }
}

function serve(report) {
  const app = express();
  app.disable("x-powered-by");
  // The socket's address, for per-IP limits. Behind a reverse proxy, set TRUST_PROXY=1 so Express
  // reads X-Forwarded-For from it (and only then).
  if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);
  app.use((_req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    });
    next();
  });
  // Refuse state-changing requests sent from another site's pages (the session cookie is also SameSite=Lax).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    if (origin && origin !== "null" && URL.canParse(origin) && new URL(origin).host === req.get("host")) return next();
    if (!origin && !req.get("sec-fetch-site")) return next(); // non-browser clients send neither
    if (req.get("sec-fetch-site") === "same-origin") return next();
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: gửi từ một trang web khác.");
  });
  const compress = compression();
  const mode = process.env.NODE_ENV;
  const handleStreaming = createRequestHandler({ build, mode, getLoadContext: (req) => ({ ip: req.ip }) });
  const handleFetch = createFetchHandler(build, mode);
  const pageCache = createPageCache({ ttlMs: 2_000 });

  // The comment form's POST goes to the app's direct handler first (app/utils/comment-post.server.ts):
  // it stores a valid comment and redirects (nothing to compress), and hands anything else to Remix
  // with the body as read. Remix's own data requests (?_data=…) go to Remix untouched.
  app.post(
    "/lay-y-kien/:consultationId",
    (req, _res, next) => next("_data" in req.query ? "route" : undefined),
    express.text({ type: "application/x-www-form-urlencoded", limit: "1mb" }),
    async (req, res, next) => {
      if (typeof req.body !== "string") return next(); // not a urlencoded form: its body is still unread
      try {
        const location = await postComment({
          consultationId: req.params.consultationId,
          cookieHeader: req.get("cookie") ?? null,
          body: req.body,
          now: new Date(),
        });
        if (location) return res.redirect(303, location);
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
        const response = await handleFetch(new Request(url, { method: "POST", headers, body: req.body }), { ip: req.ip });
        compress(req, res, () => send(res, response).catch(next));
      } catch (error) {
        next(error);
      }
    }
  );

  app.use(compress);
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.all("*", async (req, res, next) => {
    if (req.method !== "GET") return handleStreaming(req, res, next);
    const request = getRequest(req);
    const key = pageCacheKey(request);
    if (!key) return handleStreaming(req, res, next);
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

/** Writes a Fetch Response (from Remix) to Express's response, streaming its body. */
async function send(res, response) {
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.append(name, value);
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  if (!response.body) return res.end();
  await pipeline(Readable.fromWeb(response.body), res);
}

/** A body-less GET as a fetch Request, for the page cache's fully rendered responses. */
function getRequest(req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`), { method: "GET", headers });
}
