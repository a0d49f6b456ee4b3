import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the command printed
  json: () => any;
  /** Peak resident memory of the process in MiB, with `measureMemory`; null if it died before saying. */
  maxRssMiB: number | null;
}

/**
 * Runs the Office's CLI as a separate process, the way `npm run portal --` does. Asynchronously: a
 * test process blocked while the CLI runs (for long, on a busy machine) misses Vitest's own messages.
 */
export async function runCli(args: string[], env: Record<string, string>, opts: { measureMemory?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
  const rssFile = opts.measureMemory ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-rss-")), "max-rss") : null;
  const preload = rssFile ? ["--import", path.join(ROOT, "tests/helpers/max-rss.mjs")] : [];
  const { status, stdout, stderr } = await runNode([...preload, "--import", "tsx", path.join(ROOT, "app/cli/main.ts"), ...args], {
    env: { ...env, ...(rssFile ? { MAX_RSS_FILE: rssFile } : {}) },
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  const maxRssMiB = rssFile && fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) / 1024 : null;
  if (rssFile) fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { status, stdout, stderr, json: () => JSON.parse(stdout), maxRssMiB };
}

/** A node process in the project's folder with this environment added: its exit status and output. */
export async function runNode(argv: string[], { env, timeoutMs }: { env: Record<string, string>; timeoutMs: number }) {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  return { status, stdout, stderr };
}
