// The production build, served by the real server script on a loopback port.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./cli";
import { onPostgres, tempDir } from "./database";
import { openTestDb, type TestDb } from "./test-db";

export interface RunningServer {
  url: string;
  /** The server's SQLite file. Throws on PostgreSQL: use `db` or `databaseEnv` there. */
  databasePath: string;
  /** The folder the server keeps its files in (its mailbox, on SQLite its database). */
  dir: string;
  /** What another process (a CLI run, this test process) needs to open the same database. */
  databaseEnv: Record<string, string>;
  /** The server's database, for a test's own reads and preparations, on either database. */
  db: TestDb;
  /** The server's process (in cluster mode, the primary). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** A fresh empty database for a portal server: a SQLite file in `dir`, or a database on this file's PostgreSQL. */
async function freshDatabaseEnv(dir: string): Promise<Record<string, string>> {
  if (!onPostgres) return { DATABASE_URL: `file:${path.join(dir, "portal.db")}` };
  // One throwaway PostgreSQL server per test file; a fresh database on it for each portal server.
  const { sharedPostgres } = await import("./postgres");
  return { DATABASE_URL: await (await sharedPostgres()).createDatabase() };
}

/**
 * The production server on a loopback port, on a fresh database of the suite's kind (SQLite, or
 * PostgreSQL with TEST_DATABASE=postgresql) unless `env` names one (DATABASE_URL).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = tempDir("portal-server-");
  const databaseEnv = env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : await freshDatabaseEnv(dir);
  const url = `http://127.0.0.1:${port}`;
  // With an IPC channel the server stops by itself when this test process goes away, even killed:
  // a test file that fails while loading never leaves a server running (scripts/serve.mjs).
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      ...databaseEnv,
      MAILBOX_DIR: path.join(dir, "mailbox"),
      WEB_CONCURRENCY: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  try {
    await new Promise<void>((resolve, reject) => {
      // Generous: on a busy 2-core machine a start (build loaded, migrations, demo) can take long.
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
      child.stdout!.on("data", () => {
        if (output.includes("đang chạy tại")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  child.channel?.unref(); // the channel must not keep this process alive
  const db = openTestDb(databaseEnv.DATABASE_URL!);
  return {
    url,
    get databasePath(): string {
      if (db.dialect !== "sqlite") throw new Error("databasePath: this server runs on PostgreSQL (use server.db or server.databaseEnv)");
      return db.url.replace(/^file:/, "");
    },
    dir,
    databaseEnv,
    db,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      await db.close();
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}

/**
 * Points this test process's app modules at the server's database (as another process on the same
 * database would be) and opens the app's client on it. Call before anything reads getEnv().
 */
export async function useServerDatabase(server: RunningServer) {
  Object.assign(process.env, server.databaseEnv, { APP_URL: server.url });
  const { openDb } = await import("~/utils/db.server");
  return openDb();
}
