// What the server does once before it takes requests: migrate, tune the connection, load the
// demo into an empty database, start the scheduler, and — when mail goes to the local mailbox —
// print a one-time sign-in link for the Office so a newcomer can get in.
import { issueOfficeConsoleLink } from "~/models/auth.server";
import { loadDemoIfEmpty } from "~/models/demo.server";
import { getDb, tuneConnection } from "./db.server";
import { getEnv } from "./env.server";
import { createMailer } from "./mailer.server";
import { migrate } from "./migrate.server";
import { startScheduler, type Scheduler } from "./scheduler.server";

export interface BootReport {
  databasePath: string;
  migrationsApplied: string[];
  demoConsultationId: string | null;
  mail: "smtp" | "local";
  officeLink: string | null;
  scheduler: Scheduler | null;
}

export async function boot(now = new Date()): Promise<BootReport> {
  const env = getEnv();
  const { applied } = migrate(env.databasePath);
  const db = getDb();
  await tuneConnection(db);
  const demoConsultationId = env.LOAD_DEMO === "auto" ? await loadDemoIfEmpty(db, now) : null;
  const mailer = createMailer(env);
  const officeLink = mailer.kind === "local" ? await issueOfficeConsoleLink(db, now) : null;
  const scheduler = env.SCHEDULER === "on" ? startScheduler(db, mailer) : null;
  return { databasePath: env.databasePath, migrationsApplied: applied, demoConsultationId, mail: mailer.kind, officeLink, scheduler };
}
