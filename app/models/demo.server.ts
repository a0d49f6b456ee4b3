// The demo consultation: the real seed draft and request letter, addressed to invented people
// (@example.gov.vn, marked isDemo), loaded when the database is empty so a fresh clone shows
// something real.
import fs from "node:fs/promises";
import path from "node:path";
import { consultationSpecSchema } from "~/domain/consultation-spec";
import { calendarDateString, endOfVnDayAfter, formatDecreeDay, toCalendarDate } from "~/domain/time";
import { readDraft } from "~/utils/draft-import.server";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { createConsultation } from "./consultation.server";
import { createDraft } from "./document.server";

export const DEMO_DIR = path.resolve(process.cwd(), "prisma", "demo");
export const DEMO_OFFICE_EMAIL = "van.phong@example.gov.vn";
const DEMO_DAYS_OPEN = 14;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [documents, consultations, users] = await Promise.all([db.document.count(), db.consultation.count(), db.user.count()]);
  return documents + consultations + users === 0;
}

/** Loads the demo if (and only if) the database holds nothing yet. Returns the consultation id. */
export async function loadDemoIfEmpty(db: Db, now: Date): Promise<string | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return loadDemo(db, now);
}

export async function loadDemo(db: Db, now: Date): Promise<string> {
  const draftFile = path.join(DEMO_DIR, "draft-plan.md");
  const source = await fs.readFile(draftFile);
  const { format, split } = await readDraft(source, path.basename(draftFile));
  const rawSpec = JSON.parse(await fs.readFile(path.join(DEMO_DIR, "consultation.json"), "utf8"));

  const deadline = endOfVnDayAfter(now, DEMO_DAYS_OPEN);
  rawSpec.letter.body = String(rawSpec.letter.body).replace("{{deadlineDate}}", formatDecreeDay(toCalendarDate(deadline)));
  rawSpec.letter.date = calendarDateString(toCalendarDate(now));

  await db.user.create({
    data: { email: DEMO_OFFICE_EMAIL, name: "Chuyên viên Văn phòng (minh họa)", role: "office", isDemo: true, createdAt: now },
  });
  const draft = await createDraft(db, { title: rawSpec.title, sourceFilename: "draft-plan.md", sourceFormat: format, source, split }, { now });
  const spec = consultationSpecSchema.parse({ ...rawSpec, documentVersionId: draft.versionId, deadline: deadline.toISOString() });
  const { consultationId } = await createConsultation(db, spec, { now, isDemo: true });
  await db.$transaction((tx) =>
    recordAudit(tx, { event: "demo.loaded", entityType: "Consultation", entityId: consultationId, payload: { consultationIds: [consultationId] } }, now),
  );
  return consultationId;
}
