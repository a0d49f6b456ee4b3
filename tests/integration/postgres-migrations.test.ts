// The PostgreSQL schema: the checked-in migrations (prisma/postgresql/migrations) make exactly what
// schema.prisma describes, and the portal's runner applies them once however many servers start.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, postgresMigrationsDir } from "~/utils/migrate.server";
import { ROOT } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(skip);

/** `prisma migrate diff` from a migrations folder to the schema, on an empty database the engine fills. */
function prismaDiff(emptyDatabaseUrl: string, migrations: string): string {
  return execFileSync(
    path.join(ROOT, "node_modules", ".bin", "prisma"),
    [
      "migrate",
      "diff",
      "--config",
      "prisma/postgresql/prisma.config.ts",
      "--from-migrations",
      migrations,
      "--to-schema-datamodel",
      "prisma/postgresql/schema.prisma",
      "--script",
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: emptyDatabaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

/** Tables, columns, constraints and indexes of a database's public schema, as comparable text. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
    );
    const indexes = await client.query(`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    return [...columns.rows, ...constraints.rows, ...indexes.rows].map((r) => r.d as string).sort();
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)("the PostgreSQL migrations", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("make exactly the schema of schema.prisma: prisma migrate diff finds nothing to do", async () => {
    expect(prismaDiff(await server.createDatabase(), postgresMigrationsDir())).toContain("This is an empty migration.");
  });

  it("would be caught if they fell behind the schema", async () => {
    // The same migrations less one index: the diff is no longer empty.
    const dir = tempDir("portal-pg-migrations-");
    for (const name of fs.readdirSync(postgresMigrationsDir())) {
      fs.cpSync(path.join(postgresMigrationsDir(), name), path.join(dir, name), { recursive: true });
    }
    const init = fs.readdirSync(dir).find((n) => n.endsWith("_init"))!;
    const file = path.join(dir, init, "migration.sql");
    const sql = fs.readFileSync(file, "utf8");
    const index = /CREATE UNIQUE INDEX "User_email_key"[^;]*;/.exec(sql)![0];
    fs.writeFileSync(file, sql.replace(index, ""));
    expect(prismaDiff(await server.createDatabase(), dir)).toContain(index);
  });

  it("are applied by the portal's runner to the same schema as Prisma applies them, and only once", async () => {
    const url = await server.createDatabase();
    const first = await migratePostgres(url);
    expect(first.applied).toEqual(
      fs
        .readdirSync(postgresMigrationsDir())
        .filter((n) => fs.existsSync(path.join(postgresMigrationsDir(), n, "migration.sql")))
        .sort(),
    );
    expect((await migratePostgres(url)).applied).toEqual([]);
    const reference = await server.createDatabase();
    prismaDiff(reference, postgresMigrationsDir()); // Prisma applies the folder to its (empty) database
    expect(await catalog(url)).toEqual(await catalog(reference));
  });

  it("are applied once when several servers start together: the others wait for the lock", async () => {
    const url = await server.createDatabase();
    // Four processes, not four connections in this one: what npm start on four machines would do.
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/migrate-process.ts"), url], { cwd: ROOT });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        return new Promise<string[]>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err)))));
      }),
    );
    const applied = runs.flat();
    expect(applied.length).toBe(new Set(applied).size); // nothing applied twice
    expect(runs.filter((r) => r.length > 0)).toHaveLength(1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.map((r) => r.migration_name).sort()).toEqual([...applied].sort());
    } finally {
      await client.end();
    }
  });
});
