// Builds the app with Remix's classic compiler exactly as `remix build` does, then disposes the
// compiler's esbuild contexts before exiting. `remix build` exits with them still open; esbuild's
// service process, losing its parent in the middle of a request, then printed a Go stack trace
// ("fatal error: all goroutines are asleep - deadlock!"), more often the busier the machine
// (evanw/esbuild#3635). The compiler's modules are Remix 2.17's own; the version is pinned.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ||= "production";
process.env.VITE_CJS_IGNORE_WARNING ||= "true"; // Remix's classic compiler loads Vite's CommonJS API; nothing to act on
const require = createRequire(import.meta.url);
const { readConfig } = require("@remix-run/dev/dist/config.js");
const { create } = require("@remix-run/dev/dist/compiler/compiler.js");
const { createFileWatchCache } = require("@remix-run/dev/dist/compiler/fileWatchCache.js");
const { logger } = require("@remix-run/dev/dist/tux/logger.js");
const { logThrown } = require("@remix-run/dev/dist/compiler/utils/log.js");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const mode = process.env.NODE_ENV;
console.log(`Đang dựng ứng dụng (NODE_ENV=${mode})…`);
const config = await readConfig(root);
fs.rmSync(config.assetsBuildDirectory, { recursive: true, force: true });
fs.mkdirSync(config.assetsBuildDirectory, { recursive: true });
const compiler = await create({ config, options: { mode, sourcemap: false }, fileWatchCache: createFileWatchCache(), logger });
try {
  await compiler.compile();
} catch (error) {
  logThrown(error);
  process.exitCode = 1;
} finally {
  await compiler.dispose();
}
if (!process.exitCode) console.log(`Đã dựng xong (${((Date.now() - started) / 1000).toFixed(1)} giây).`);
