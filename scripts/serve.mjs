// The production server: one Node process, one SQLite file. Boots (migrations, demo) before it
// listens, then serves the Remix build.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

const build = await import(pathToFileURL(path.join(root, "build", "index.js")).href);
const { boot, getEnv, createPageCache, pageCacheKey } = build.entry.module;

let env;
try {
  env = getEnv();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const report = await boot();
console.log(`Cơ sở dữ liệu: ${report.databasePath}`);
if (report.migrationsApplied.length) console.log(`Đã áp dụng ${report.migrationsApplied.length} bản di chuyển cơ sở dữ liệu.`);
if (report.demoConsultationId) console.log(`Đã nạp đợt lấy ý kiến minh họa: ${env.APP_URL}/lay-y-kien/${report.demoConsultationId}`);
if (report.mail === "local") {
  console.log(`Chưa cấu hình SMTP_URL: thư được lưu vào hộp thư cục bộ, xem tại ${env.APP_URL}/office/mailbox`);
  if (report.officeLink) console.log(`Đăng nhập tài khoản Văn phòng (liên kết dùng một lần, hiệu lực 60 phút):\n  ${report.officeLink}`);
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
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
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
const mode = process.env.NODE_ENV;
// The socket's address, for per-IP limits. Behind a reverse proxy, set TRUST_PROXY=1 so Express
// reads X-Forwarded-For from it (and only then).
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);
const handleStreaming = createRequestHandler({ build, mode, getLoadContext: (req) => ({ ip: req.ip }) });
const handleFetch = createFetchHandler(build, mode);
const pageCache = createPageCache({ ttlMs: 2_000 });
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

/** A body-less GET as a fetch Request, for the page cache's fully rendered responses. */
function getRequest(req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`), { method: "GET", headers });
}

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Cổng góp ý dự thảo đang chạy tại ${env.APP_URL}`);
});

server.on("error", (error) => {
  if (error.code === "EADDRINUSE") console.error(`Cổng ${env.PORT} đang được một chương trình khác dùng. Đặt biến PORT để chạy ở cổng khác, ví dụ PORT=3001 npm start.`);
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
