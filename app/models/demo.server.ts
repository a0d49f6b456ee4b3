// The demo consultation: the real seed draft and request letter, addressed to invented people
// (@example.gov.vn, marked isDemo), loaded when the database is empty so a fresh clone shows
// something real.
import fs from "node:fs/promises";
import path from "node:path";
import { type ConsultationSpec, consultationSpecSchema } from "~/domain/consultation-spec";
import { DEFAULT_MIN_PERIOD_DAYS } from "~/domain/forms/office-profile";
import { calendarDateString, endOfVnDayAfter, formatDecreeDay, toCalendarDate } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import { readDraft } from "~/imports/draft.server";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { createConsultation } from "./consultation.server";
import { upsertContacts } from "./contact.server";
import { setDisposition } from "./disposition.server";
import { createDraft } from "./document.server";
import { decideExtension } from "./extension.server";
import { agree, createComment, requestExtension } from "./response.server";

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
  const letterTemplate = { ...rawSpec.letter };
  rawSpec.letter.body = String(rawSpec.letter.body).replace("{{deadlineDate}}", formatDecreeDay(toCalendarDate(deadline)));
  rawSpec.letter.date = calendarDateString(toCalendarDate(now));

  const office = await db.user.create({
    data: { email: DEMO_OFFICE_EMAIL, name: "Chuyên viên Văn phòng (minh họa)", role: "office", isDemo: true, createdAt: now },
  });
  const draft = await createDraft(db, { title: rawSpec.title, sourceFilename: "draft-plan.md", sourceFormat: format, source, split }, { now });
  const closedId = await loadClosedDemo(
    db,
    { ...rawSpec, letter: letterTemplate },
    draft.versionId,
    { userId: office.id, role: "office", email: office.email, name: office.name },
    now,
  );
  const spec = consultationSpecSchema.parse({ ...rawSpec, documentVersionId: draft.versionId, deadline: deadline.toISOString() });
  const { consultationId } = await createConsultation(db, spec, { now, isDemo: true });
  await fillAddressBook(db, consultationId, now);
  await loadDemoProfile(db, spec, now);
  await db.$transaction((tx) =>
    recordAudit(
      tx,
      { event: "demo.loaded", entityType: "Consultation", entityId: consultationId, payload: { consultationIds: [consultationId, closedId] } },
      now,
    ),
  );
  return consultationId;
}

/** The Office's settings as the demo's letter has them, so a new consultation starts from something sensible. */
async function loadDemoProfile(db: Db, spec: ConsultationSpec, now: Date): Promise<void> {
  const profile = {
    parentBody: spec.parentBody ?? "",
    issuingBody: spec.issuingBody,
    place: spec.letter.place,
    signerTitle: spec.letter.signerTitle,
    signerName: spec.letter.signerName,
    numberPattern: spec.letter.number,
    distribution: JSON.stringify(spec.letter.distribution),
    officeEmail: spec.officeEmail ?? null,
    minPeriodDays: DEFAULT_MIN_PERIOD_DAYS,
    updatedAt: now,
  };
  await db.officeProfile.upsert({ where: { id: "office" }, create: { id: "office", ...profile }, update: {} });
}

interface ClosedDemo {
  title: string;
  openedDaysAgo: number;
  daysOpen: number;
  responses: {
    email: string;
    daysAfterOpening: number;
    comment?: { section?: string[]; quote?: string; text: string };
    agree?: { note: string };
    extension?: { requestedDaysAfterOpening: number; untilDaysAfterOpening: number; reason: string };
    disposition?: { kind: string; explanation: string };
  }[];
}

/**
 * A consultation on the same draft whose deadline has passed: comments from some recipients, an
 * explicit agreement, an extension, silence from the rest, and the Office's decisions on most
 * comments, so that a newcomer sees a complete report (prisma/demo/closed-consultation.json).
 * Everything goes through the same model functions as real use, at instants in the past.
 */
async function loadClosedDemo(db: Db, rawSpec: Record<string, unknown>, versionId: string, office: Viewer, now: Date): Promise<string> {
  const demo = JSON.parse(await fs.readFile(path.join(DEMO_DIR, "closed-consultation.json"), "utf8")) as ClosedDemo;
  const day = 86_400_000;
  const opened = new Date(now.getTime() - demo.openedDaysAgo * day);
  const deadline = endOfVnDayAfter(opened, demo.daysOpen);
  const letter = rawSpec.letter as Record<string, unknown>;
  const spec = consultationSpecSchema.parse({
    ...rawSpec,
    title: demo.title,
    documentVersionId: versionId,
    deadline: deadline.toISOString(),
    letter: {
      ...letter,
      date: calendarDateString(toCalendarDate(opened)),
      body: String(letter.body).replace("{{deadlineDate}}", formatDecreeDay(toCalendarDate(deadline))),
    },
  });
  const { consultationId } = await createConsultation(db, spec, { now: opened, isDemo: true });
  const version = await db.section.findMany({ where: { versionId }, select: { id: true, parentId: true, label: true, plainText: true } });
  const at = (days: number) => new Date(opened.getTime() + days * day + 2 * 3_600_000);
  const must = <T extends { ok: boolean }>(outcome: T, what: string): T & { ok: true } => {
    if (!outcome.ok) throw new Error(`Dữ liệu minh họa không nạp được (${what}): ${(outcome as { error?: string }).error}`);
    return outcome as T & { ok: true };
  };
  for (const r of demo.responses) {
    const user = await db.user.findUniqueOrThrow({ where: { email: r.email } });
    const viewer: Viewer = { userId: user.id, role: "recipient", email: user.email, name: user.name };
    if (r.extension) {
      const asked = at(r.extension.requestedDaysAfterOpening);
      const until = endOfVnDayAfter(opened, r.extension.untilDaysAfterOpening);
      must(await requestExtension(db, viewer, consultationId, until, r.extension.reason, asked), r.email);
      const request = await db.extensionRequest.findFirstOrThrow({ where: { recipient: { consultationId, userId: user.id } } });
      must(await decideExtension(db, office, { consultationId, requestId: request.id, grant: true, until }, new Date(asked.getTime() + 3_600_000)), r.email);
    }
    if (r.agree) must(await agree(db, viewer, consultationId, r.agree.note, at(r.daysAfterOpening)), r.email);
    if (r.comment) {
      const section = r.comment.section ? sectionByLabels(version, r.comment.section) : null;
      const start = r.comment.quote && section ? section.plainText.indexOf(r.comment.quote) : -1;
      if (r.comment.quote && start < 0) throw new Error(`Dữ liệu minh họa: không thấy đoạn "${r.comment.quote}" trong mục ${r.comment.section?.join(" ")}.`);
      const created = must(
        await createComment(
          db,
          viewer,
          {
            consultationId,
            scope: !section ? "general" : r.comment.quote ? "passage" : "section",
            sectionId: section?.id ?? null,
            anchor: r.comment.quote ? { start, end: start + r.comment.quote.length, exact: r.comment.quote } : null,
            text: r.comment.text,
          },
          at(r.daysAfterOpening),
        ),
        r.email,
      );
      if (r.disposition) {
        must(
          await setDisposition(db, office, { consultationId, commentId: created.commentId, ...r.disposition }, new Date(deadline.getTime() + 2 * day)),
          r.email,
        );
      }
    }
  }
  // The mail of a consultation that ended weeks ago went out then: it is not sent again now.
  await db.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sent', "attempts" = 1, "sentAt" = "createdAt" WHERE "consultationId" = ${consultationId}`;
  await db.consultation.update({ where: { id: consultationId }, data: { summarySentAt: deadline } });
  return consultationId;
}

/** A section found by its labels from the top: ["III.", "2."] is item 2 of part III. */
function sectionByLabels<S extends { id: string; parentId: string | null; label: string }>(sections: S[], labels: string[]): S {
  let parentId: string | null = null;
  let found: S | undefined;
  for (const label of labels) {
    found = sections.find((s) => s.parentId === parentId && s.label === label);
    if (!found) throw new Error(`Dữ liệu minh họa: không có mục ${labels.join(" ")} trong dự thảo.`);
    parentId = found.id;
  }
  return found!;
}

/** The demo's recipients in the address book, so a fresh start has a book to pick from. */
async function fillAddressBook(db: Db, consultationId: string, now: Date): Promise<void> {
  const recipients = await db.recipient.findMany({
    where: { consultationId },
    orderBy: { position: "asc" },
    select: { title: true, organization: true, group: true, user: { select: { name: true, email: true } } },
  });
  const people = recipients.map((r) => ({ name: r.user.name, email: r.user.email, title: r.title, organization: r.organization, group: r.group }));
  await db.$transaction((tx) => upsertContacts(tx, people, now));
}
