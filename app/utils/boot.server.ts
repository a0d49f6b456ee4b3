// What the server does once before it takes requests: migrate, tune the connection, load the
// demo into an empty database.
import { loadDemoIfEmpty } from "~/models/demo.server";
import { getDb, tuneConnection } from "./db.server";
import { getEnv } from "./env.server";
import { migrate } from "./migrate.server";

export interface BootReport {
  databasePath: string;
  migrationsApplied: string[];
  demoConsultationId: string | null;
}

export async function boot(now = new Date()): Promise<BootReport> {
  const env = getEnv();
  const { applied } = migrate(env.databasePath);
  const db = getDb();
  await tuneConnection(db);
  const demoConsultationId = env.LOAD_DEMO === "auto" ? await loadDemoIfEmpty(db, now) : null;
  return { databasePath: env.databasePath, migrationsApplied: applied, demoConsultationId };
}
