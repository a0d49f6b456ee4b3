import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => any;
  /** Peak resident memory of the process in MiB, with `measureMemory`; null if it died before saying. */
  maxRssMiB: number | null;
}

/** Runs the Office's CLI as a separate process, the way `npm run portal --` does. */
export function runCli(args: string[], env: Record<string, string>, opts: { measureMemory?: boolean; timeoutMs?: number } = {}): CliResult {
  const rssFile = opts.measureMemory ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-rss-")), "max-rss") : null;
  const preload = rssFile ? ["--import", path.join(ROOT, "tests/helpers/max-rss.mjs")] : [];
  const r = spawnSync(process.execPath, [...preload, "--import", "tsx", path.join(ROOT, "app/cli/main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...(rssFile ? { MAX_RSS_FILE: rssFile } : {}) },
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 60_000,
    // The JSON of a draft with thousands of sections passes spawnSync's default of 1 MB.
    maxBuffer: 64 * 1024 * 1024,
  });
  const maxRssMiB = rssFile && fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) / 1024 : null;
  if (rssFile) fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout), maxRssMiB };
}
