// A real SQLite file per test file, migrated exactly as the server migrates at start-up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDir(prefix = "portal-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Tests of what only SQLite does (its write gate, its file): skipped when the suite runs on PostgreSQL. */
export const onPostgres = process.env.TEST_DATABASE === "postgresql";

/**
 * Points the app's environment at a fresh database file (or, with TEST_DATABASE=postgresql, a
 * fresh PostgreSQL database). `newClient` is a second client on it, as another process has. Call before anything reads getEnv()
 * (each Vitest file runs in its own process, so the singletons start empty).
 */
export async function useFreshDatabase() {
  if (onPostgres) return useFreshPostgres();
  const dir = tempDir();
  const databasePath = path.join(dir, "portal.db");
  process.env.DATABASE_URL = `file:${databasePath}`;
  process.env.APP_URL = "http://portal.test";
  const { migrate } = await import("~/utils/migrate.server");
  migrate(databasePath);
  const { createDb, getDb, tuneConnection } = await import("~/utils/db.server");
  const db = getDb();
  await tuneConnection(db);
  return { db, dir, databasePath, databaseUrl: `file:${databasePath}`, newClient: async () => createDb(databasePath) };
}

/**
 * The same on PostgreSQL (TEST_DATABASE=postgresql): a throwaway server for this test file, a new
 * database on it migrated by the portal's runner, the app's client opened on it.
 */
async function useFreshPostgres() {
  const { sharedPostgres } = await import("./postgres");
  const server = await sharedPostgres();
  const url = await server.createDatabase();
  process.env.DATABASE_URL = url;
  process.env.APP_URL = "http://portal.test";
  const { migrateDatabase } = await import("~/utils/migrate.server");
  const { getEnv } = await import("~/utils/env.server");
  await migrateDatabase(getEnv().database);
  const { openDb, tuneConnection } = await import("~/utils/db.server");
  const db = await openDb();
  await tuneConnection(db);
  const newClient = async () => {
    const { createPostgresDb, createPostgresPool } = await import("~/db/postgres.server");
    const { registerPostgres } = await import("~/utils/db.server");
    const pool = createPostgresPool(url);
    return registerPostgres(await createPostgresDb(pool), pool);
  };
  return { db, dir: tempDir(), databasePath: "", databaseUrl: url, newClient };
}
