import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** Runs the Office's CLI as a separate process, the way `npm run portal --` does. */
export function runCli(args: string[], env: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "app/cli/main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
