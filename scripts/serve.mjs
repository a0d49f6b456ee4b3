// The production server: one Node process, one SQLite file. Boots (migrations, demo) before it
// listens, then serves the Remix build.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

const build = await import(pathToFileURL(path.join(root, "build", "index.js")).href);
const { boot, getEnv } = build.entry.module;

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
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Cổng góp ý dự thảo đang chạy tại ${env.APP_URL}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
