// The environment, read once and validated at start-up: a bad value stops the process with the
// variable's name rather than failing later in a request.
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "~/domain/validation";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default("file:./data/portal.db")
    .transform((v, ctx) => {
      const database = parseDatabaseUrl(v);
      if ("error" in database) ctx.addIssue({ code: "custom", message: database.error });
      return database;
    }),
  APP_URL: z.string().url().optional(),
  LOAD_DEMO: z.enum(["auto", "never"]).default("auto"),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), "phải bắt đầu bằng smtp:// hoặc smtps://, ví dụ smtps://user:pass@mail.example.gov.vn:465")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Cổng góp ý dự thảo <no-reply@localhost>"),
  MAILBOX_DIR: z.string().default("data/mailbox"),
  // The in-process scheduler (reminders, summaries) and outbox worker; "off" for cron deployments
  // that run `portal sweep` instead, and for tests that drive them with their own clock.
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  // Processes serving requests. Above 1, a primary process migrates, loads the demo and runs the
  // scheduler, and this many workers share the port (node:cluster) and the SQLite file.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(Math.min(availableParallelism(), 4)),
  // How long a write may wait for the database while other processes write, before the request is
  // answered 503 with a message to send again (app/utils/write-gate.server.ts).
  WRITE_WAIT_MS: z.coerce.number().int().min(100, "tối thiểu 100 (mili giây)").max(120_000, "tối đa 120000 (mili giây)").default(15_000),
  // PostgreSQL connections each process keeps (one pool, shared by Prisma and the hand-written
  // statements). More connections than the database has cores only take turns on them: with
  // PostgreSQL on this 2-core machine, 4 a web process carried a fifth more comments than 10.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1, "tối thiểu 1 kết nối").max(200, "tối đa 200 kết nối").default(10),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const trust = parseTrustProxy(v);
      if (trust === null) ctx.addIssue({ code: "custom", message: TRUST_PROXY_HELP });
      return trust ?? false;
    }),
});

const TRUST_PROXY_HELP =
  "phải là true, false, số proxy đứng trước cổng (ví dụ 1), hoặc danh sách địa chỉ IP/dải mạng của proxy cách nhau bằng dấu phẩy (ví dụ loopback hoặc 10.0.0.0/8)";

/** Names Express accepts for whole address ranges. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY as Express's "trust proxy" setting takes it: whether to believe X-Forwarded-For for
 * the client's address (per-IP limits). Null for a value Express would crash on at start-up.
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] | null {
  const v = value?.trim().toLowerCase() ?? "";
  if (v === "" || v === "false") return false;
  if (v === "true") return true;
  if (/^[0-9]{1,2}$/.test(v)) return Number(v);
  const list = v.split(",").map((p) => p.trim());
  const valid = (p: string) => {
    const [ip = "", bits, ...rest] = p.split("/");
    if (RANGE_NAMES.has(p)) return true;
    if (!isIP(ip) || rest.length) return false;
    return bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
  };
  return list.every(valid) ? list : null;
}

/** Where the data lives: one SQLite file (the default), or a PostgreSQL database shared by several machines. */
export type DatabaseConfig = { kind: "sqlite"; path: string } | { kind: "postgresql"; url: string };

export type Env = Omit<z.infer<typeof schema>, "DATABASE_URL"> & {
  APP_URL: string;
  database: DatabaseConfig;
  /** What to print for the database: the file, or the PostgreSQL address without its password. */
  databaseLabel: string;
  mailboxPath: string;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Biến môi trường không hợp lệ:\n${lines.join("\n")}`);
  }
  const { DATABASE_URL, ...env } = parsed.data;
  const database = DATABASE_URL as DatabaseConfig; // an { error } was an issue above
  cached = {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    database,
    databaseLabel: database.kind === "sqlite" ? database.path : withoutPassword(database.url),
    mailboxPath: path.resolve(process.cwd(), env.MAILBOX_DIR),
  };
  return cached;
}

const DATABASE_URL_HELP = "phải là file:đường/dẫn.db (SQLite) hoặc postgresql://người-dùng:mật-khẩu@máy-chủ:5432/tên-cơ-sở-dữ-liệu (PostgreSQL)";

/** DATABASE_URL read: a SQLite file, a PostgreSQL address, or why it is neither. */
export function parseDatabaseUrl(url: string): DatabaseConfig | { error: string } {
  if (url.startsWith("file:")) {
    return url.length > "file:".length ? { kind: "sqlite", path: sqlitePath(url) } : { error: DATABASE_URL_HELP };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) return { error: DATABASE_URL_HELP };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: DATABASE_URL_HELP };
  }
  if (!parsed.hostname && !parsed.searchParams.get("host")) return { error: `thiếu tên máy chủ PostgreSQL; ${DATABASE_URL_HELP}` };
  if (parsed.pathname.replace(/^\//, "") === "") return { error: `thiếu tên cơ sở dữ liệu sau dấu /; ${DATABASE_URL_HELP}` };
  return { kind: "postgresql", url };
}

/** A PostgreSQL address fit to print: its password replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://…";
  }
}

/** "file:./data/portal.db" -> absolute path, relative to the working directory. */
export function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(process.cwd(), p);
}
