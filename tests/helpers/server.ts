// The production build, served by the real server script on a loopback port.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./cli";
import { tempDir } from "./database";

export interface RunningServer {
  url: string;
  databasePath: string;
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

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = tempDir("portal-server-");
  const databasePath = path.join(dir, "portal.db");
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
      DATABASE_URL: `file:${databasePath}`,
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
  return {
    url,
    databasePath,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
