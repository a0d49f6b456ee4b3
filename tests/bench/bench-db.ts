// What the benches that work on the database directly start from: a fresh SQLite file, migrated,
// with its own tuned client (not the process-wide one: another bench in this process may have
// opened that on another file), and the demo draft stored through the importer.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { tempDir } from "../helpers/database";

export async function freshBenchDb(prefix: string) {
  const databasePath = path.join(tempDir(prefix), "portal.db");
  process.env.DATABASE_URL = `file:${databasePath}`;
  const { migrate } = await import("~/utils/migrate.server");
  const { createDb, tuneConnection } = await import("~/utils/db.server");
  migrate(databasePath);
  const db = createDb(databasePath);
  await tuneConnection(db);
  return { db, databasePath };
}

type BenchDb = Awaited<ReturnType<typeof freshBenchDb>>["db"];

/** The demo plan (prisma/demo/draft-plan.md) stored as a draft; its version id. */
export async function storeDemoDraft(db: BenchDb, now: Date): Promise<string> {
  const { readDraft } = await import("~/imports/draft.server");
  const { createDraft } = await import("~/models/document.server");
  const source = fs.readFileSync(path.join(ROOT, "prisma", "demo", "draft-plan.md"));
  const { format, split } = await readDraft(source, "draft-plan.md");
  const { versionId } = await createDraft(db, { title: "Bench", sourceFilename: "draft-plan.md", sourceFormat: format, source, split }, { now });
  return versionId;
}
