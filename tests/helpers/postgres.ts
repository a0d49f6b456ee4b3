// A throwaway PostgreSQL server for the tests, started the way the tests start an SMTP server and
// Chromium: Debian's `postgresql` package (installed by .ci/run), `initdb` in a temporary folder
// and `pg_ctl` on a loopback port, as the `postgres` user when the tests run as root (initdb
// refuses root). Missing locally, the PostgreSQL tests are skipped with a line saying so; with
// CI=true a missing server is a failure.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

export interface TestPostgres {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  /** A new empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** The same database's URL over the server's Unix socket, as a PostgreSQL on the portal's own machine is reached. */
  overSocket(url: string): string;
  /** The server's main process (its connections are its children). */
  pid(): number;
  stop(): Promise<void>;
}

/** The newest PostgreSQL 15+ server binaries on this machine, or null. */
export function postgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15 && fs.existsSync(path.join(root, String(v), "bin", "initdb")))
    .sort((a, b) => b - a);
  return versions.length ? path.join(root, String(versions[0]), "bin") : null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. Throws under CI, where they must. */
export function postgresUnavailable(): string | null {
  if (postgresBinaries()) return null;
  const why = "PostgreSQL 15 hoặc mới hơn chưa được cài (gói Debian postgresql): bỏ qua các bài kiểm thử trên PostgreSQL.";
  if (process.env.CI === "true") throw new Error(`CI=true: ${why}`);
  return why;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  // runuser keeps the environment it is given; postgres owns the data folder.
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8", ...env } });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let counter = 0;

/** pg_ctl's arguments, run as the postgres user under root. */
function pgCtl(bin: string, args: string[]): [string, string[]] {
  const pgctl = path.join(bin, "pg_ctl");
  return asRoot ? ["runuser", ["-u", "postgres", "--", pgctl, ...args]] : [pgctl, args];
}

/**
 * Servers left by test processes that were killed before they could stop theirs (a server started
 * by pg_ctl outlives its parent): each folder is named after its test process; where that process
 * is gone, its server is stopped and the folder removed.
 */
function reapOrphans(bin: string) {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const owner = /^portal-pg-(\d+)-/.exec(name)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    const dir = path.join(os.tmpdir(), name);
    spawnSync(...pgCtl(bin, ["-D", path.join(dir, "data"), "-m", "immediate", "stop"]));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `settings`: more server settings (`-c name=value`), e.g. a library the benchmark loads. */
export async function startPostgres({ settings = {} }: { settings?: Record<string, string> } = {}): Promise<TestPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(postgresUnavailable() ?? "PostgreSQL missing");
  reapOrphans(bin);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-pg-${process.pid}-`));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  // Durability is not what these tests measure: fsync off makes a test database quick to fill.
  const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${extra.join("")}`;
  run(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // The server must not outlive a test process that ends without calling stop().
  process.once("exit", () => {
    if (!stopped) spawnSync(...pgCtl(bin, ["-D", data, "-m", "immediate", "stop"]));
  });
  return {
    adminUrl,
    port,
    stop,
    pid: () => Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]),
    overSocket: (url) => {
      const u = new URL(url);
      return `postgresql://${u.username}@localhost${u.pathname}?host=${encodeURIComponent(dir)}&port=${port}`;
    },
    async createDatabase(name = `portal_test_${process.pid}_${++counter}`) {
      run(path.join(bin, "psql"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        "postgres",
        "-v",
        "ON_ERROR_STOP=1",
        "-qc",
        `CREATE DATABASE "${name}"`,
      ]);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}

let shared: Promise<TestPostgres> | undefined;

/** This test process's one throwaway server, started on first use, for the databases the helpers make. */
export function sharedPostgres(): Promise<TestPostgres> {
  shared ??= startPostgres();
  return shared;
}
