// What the server does once before it takes requests: migrate, tune the connection, load the
// demo into an empty database, start the scheduler, and — when mail goes to the local mailbox —
// print a one-time sign-in link for the Office so a newcomer can get in.
import { underBootLock } from "~/db/locks";
import { issueOfficeConsoleLink } from "~/models/auth.server";
import { loadDemoIfEmpty } from "~/models/demo.server";
import { openDb, tuneConnection } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { createMailer } from "~/utils/mailer.server";
import { migrateDatabase } from "~/utils/migrate.server";
import { type Scheduler, startScheduler } from "./scheduler.server";

export interface BootReport {
  /** The SQLite file, or the PostgreSQL address without its password. */
  database: string;
  migrationsApplied: string[];
  demoConsultationId: string | null;
  mail: "smtp" | "local";
  officeLink: string | null;
  scheduler: Scheduler | null;
}

/**
 * "single": this process does everything. In cluster mode the "primary" migrates, loads the demo
 * and supervises; "web" workers serve; one "scheduler" worker sends mail and runs the sweep.
 */
export type BootRole = "single" | "primary" | "web" | "scheduler";

export async function boot(role: BootRole = "single", now = new Date()): Promise<BootReport> {
  const env = getEnv();
  if (role === "web" || role === "scheduler") {
    const db = await openDb();
    await tuneConnection(db);
    const scheduler = role === "scheduler" && env.SCHEDULER === "on" ? startScheduler(db, createMailer(env)) : null;
    return {
      database: env.databaseLabel,
      migrationsApplied: [],
      demoConsultationId: null,
      mail: env.SMTP_URL ? "smtp" : "local",
      officeLink: null,
      scheduler,
    };
  }
  // On PostgreSQL other nodes may be starting too: one at a time migrates and loads the demo.
  const { applied, db, demoConsultationId } = await underBootLock(env.database, async () => {
    const { applied } = await migrateDatabase(env.database);
    const db = await openDb();
    await tuneConnection(db);
    return { applied, db, demoConsultationId: env.LOAD_DEMO === "auto" ? await loadDemoIfEmpty(db, now) : null };
  });
  const mailer = createMailer(env);
  const officeLink = mailer.kind === "local" ? await issueOfficeConsoleLink(db, now) : null;
  const scheduler = role === "single" && env.SCHEDULER === "on" ? startScheduler(db, mailer) : null;
  if (!scheduler) mailer.close();
  return { database: env.databaseLabel, migrationsApplied: applied, demoConsultationId, mail: mailer.kind, officeLink, scheduler };
}
