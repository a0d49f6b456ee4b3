// Applies prisma/migrations/*/migration.sql (SQLite) or prisma/postgresql/migrations/*/migration.sql
// (PostgreSQL) in order at start-up. It keeps Prisma's own `_prisma_migrations` bookkeeping (same
// columns, sha256 checksum), so `prisma migrate status` agrees with it; a separate runner is needed
// because the Wasm schema engine is a CLI tool and must not be a run-time dependency of the server
// (see docs/decisions/0002-migrations.md), and because `prisma migrate deploy` through
// @prisma/adapter-pg fails (prisma/orm#27403).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "./env.server";

export interface MigrationResult {
  applied: string[];
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function migrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

export function postgresMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "postgresql", "migrations");
}

/** The configured database migrated, whichever it is: what boot and the command line call. */
export async function migrateDatabase(database: DatabaseConfig): Promise<MigrationResult> {
  return database.kind === "sqlite" ? migrate(database.path) : migratePostgres(database.url);
}

export function migrate(databasePath: string, dir = migrationsDir()): MigrationResult {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(BOOKKEEPING);
    const done = new Set(
      db
        .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    );
    const applied: string[] = [];
    for (const name of listMigrations(dir)) {
      if (done.has(name)) continue;
      applyOne(db, name, fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
      applied.push(name);
    }
    return { applied };
  } finally {
    db.close();
  }
}

function listMigrations(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

function applyOne(db: Database.Database, name: string, sql: string): void {
  const checksum = createHash("sha256").update(sql).digest("hex");
  // BEGIN IMMEDIATE: a second process starting at the same moment waits instead of applying twice.
  db.exec("BEGIN IMMEDIATE");
  try {
    const already = db.prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`).get(name);
    if (!already) {
      db.exec(sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
      ).run(randomUUID(), checksum, name);
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw new Error(`Không áp dụng được bản di chuyển cơ sở dữ liệu ${name}: ${(error as Error).message}`);
  }
}

// Prisma's own table, as `prisma migrate` makes it on PostgreSQL.
const PG_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// One number for the portal's migrations, whoever runs them: pg_advisory_lock takes a bigint.
const PG_MIGRATION_LOCK = 0x706f7274616c; // "portal"

/**
 * The PostgreSQL side. Several servers starting at once against one database: the first takes the
 * advisory lock and applies what is missing, each migration in its own transaction with its
 * bookkeeping row; the others wait for the lock, then find nothing left to do.
 */
export async function migratePostgres(connectionString: string, dir = postgresMigrationsDir()): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
    await client.query(PG_BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const name of listMigrations(dir)) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql); // several statements: the simple query protocol takes them at once
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Không áp dụng được bản di chuyển cơ sở dữ liệu ${name}: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    return { applied };
  } finally {
    // Ending the session releases the advisory lock too, even after an error.
    await client.end();
  }
}
