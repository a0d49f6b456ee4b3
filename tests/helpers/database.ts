// A real SQLite file per test file, migrated exactly as the server migrates at start-up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDir(prefix = "portal-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Points the app's environment at a fresh database file. Call before anything reads getEnv()
 * (each Vitest file runs in its own process, so the singletons start empty).
 */
export async function useFreshDatabase() {
  const dir = tempDir();
  const databasePath = path.join(dir, "portal.db");
  process.env.DATABASE_URL = `file:${databasePath}`;
  process.env.APP_URL = "http://portal.test";
  const { migrate } = await import("~/utils/migrate.server");
  migrate(databasePath);
  const { getDb, tuneConnection } = await import("~/utils/db.server");
  const db = getDb();
  await tuneConnection(db);
  return { db, dir, databasePath };
}
