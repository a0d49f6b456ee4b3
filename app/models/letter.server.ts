// The request letter: a new consultation from the letter form, and edits to the letter. Before
// publishing an edit is free; after, it is a correction audited field by field, and nobody is
// invited again.
import { type Actor, actorId, authorize } from "~/domain/actor";
import { DEFAULT_REMINDERS } from "~/domain/consultation-spec";
import { UserInputError } from "~/domain/errors";
import type { LetterInput, NewConsultationInput } from "~/domain/forms/letter";
import { checkSchedule, deadlinePhrase, defaultSubject, standardBody, withDeadline } from "~/domain/letter";
import { invalid, notFound, type Result } from "~/domain/result";
import { calendarDateString, endOfVnDayAfter, parseCalendarDate, toCalendarDate } from "~/domain/time";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { createConsultation } from "./consultation.server";
import { getOfficeProfile } from "./office-profile.server";

/** The consultation's columns for each letter field, in the order the form shows them. */
const COLUMNS = {
  title: "title",
  parentBody: "parentBody",
  issuingBody: "issuingBody",
  number: "letterNumber",
  place: "letterPlace",
  date: "letterDate",
  subject: "letterSubject",
  addressees: "letterAddressees",
  body: "letterBody",
  distribution: "letterDistribution",
  signerTitle: "signerTitle",
  signerName: "signerName",
} as const;

type LetterField = keyof typeof COLUMNS;
const JSON_FIELDS = new Set<LetterField>(["addressees", "distribution"]);

function letterDateProblem(date: string | null): Record<string, string> | null {
  return date && !parseCalendarDate(date) ? { date: `Ngày ${date} không có thật; vui lòng chọn lại ngày công văn.` } : null;
}

/** Saves a new consultation unpublished, through the same createConsultation the CLI uses. */
export async function draftConsultation(db: Db, actor: Actor, input: NewConsultationInput, now: Date): Promise<Result<{ consultationId: string }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const schedule = checkSchedule(input, now);
  const fields = { ...(schedule.ok ? {} : schedule.fields), ...letterDateProblem(input.date) };
  if (!schedule.ok || Object.keys(fields).length) return invalid(Object.values(fields), fields);
  const version = await db.documentVersion.findUnique({ where: { id: input.versionId }, select: { id: true } });
  if (!version) return invalid(["Không tìm thấy bản dự thảo đã chọn."], { versionId: "Không tìm thấy bản dự thảo đã chọn." });
  const profile = await db.officeProfile.findUnique({ where: { id: "office" }, select: { officeEmail: true } });
  try {
    const created = await createConsultation(
      db,
      {
        documentVersionId: version.id,
        title: input.title,
        issuingBody: input.issuingBody,
        parentBody: input.parentBody ?? undefined,
        officeEmail: profile?.officeEmail ?? undefined,
        letter: {
          number: input.number,
          place: input.place,
          date: input.date,
          subject: input.subject,
          addressees: input.addressees,
          body: withDeadline(input.body, input.deadlineInBody, schedule.deadline),
          distribution: input.distribution,
          signerTitle: input.signerTitle,
          signerName: input.signerName,
        },
        opensAt: schedule.opensAt,
        deadline: schedule.deadline,
        silenceIsConsent: input.silenceIsConsent,
        latePolicy: input.latePolicy,
        commentVisibility: input.commentVisibility,
        publicCanRead: input.publicCanRead,
        publicCanComment: false,
        receipts: input.receipts,
        reminders: DEFAULT_REMINDERS,
        publish: false,
        recipients: [],
      },
      { now, actorId: actorId(actor) },
    );
    return { ok: true, consultationId: created.consultationId };
  } catch (error) {
    if (error instanceof UserInputError) return invalid(error.problems);
    throw error;
  }
}

/** The letter as the form shows it, or null. */
export async function getLetter(db: Db, consultationId: string) {
  const c = await db.consultation.findUnique({ where: { id: consultationId }, select: { ...selectLetter, id: true, deadlineAt: true, publishedAt: true } });
  if (!c) return null;
  return { id: c.id, published: Boolean(c.publishedAt), deadlineAt: c.deadlineAt, letter: letterValues(c) };
}

const selectLetter = Object.fromEntries(Object.values(COLUMNS).map((c) => [c, true])) as { [K in (typeof COLUMNS)[LetterField]]: true };

type LetterRow = { [K in (typeof COLUMNS)[LetterField]]: string | null };

function letterValues(row: LetterRow): Record<LetterField, string | string[] | null> {
  const out = {} as Record<LetterField, string | string[] | null>;
  for (const [field, column] of Object.entries(COLUMNS) as [LetterField, (typeof COLUMNS)[LetterField]][]) {
    const v = row[column];
    out[field] = JSON_FIELDS.has(field) ? (JSON.parse(v ?? "[]") as string[]) : v;
  }
  return out;
}

const asText = (v: string | string[] | null) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));

export async function updateLetter(
  db: Db,
  actor: Actor,
  input: { consultationId: string; letter: LetterInput },
  now: Date,
): Promise<Result<{ corrected: boolean; changed: number }>> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const dateProblem = letterDateProblem(input.letter.date);
  if (dateProblem) return invalid(Object.values(dateProblem), dateProblem);
  return db.$transaction(async (tx) => {
    const c = await tx.consultation.findUnique({
      where: { id: input.consultationId },
      select: { ...selectLetter, id: true, publishedAt: true, deadlineAt: true },
    });
    if (!c) return notFound("đợt lấy ý kiến");
    const before = letterValues(c);
    const after: Record<LetterField, string | string[] | null> = {
      ...input.letter,
      body: withDeadline(input.letter.body, input.letter.deadlineInBody, c.deadlineAt),
    };
    const changes = (Object.keys(COLUMNS) as LetterField[])
      .filter((f) => asText(before[f]) !== asText(after[f]))
      .map((field) => ({ field, before: asText(before[field]), after: asText(after[field]) }));
    if (changes.length === 0) return { ok: true as const, corrected: false, changed: 0 };
    const data: Record<string, string | null> = { updatedAt: now.toISOString() };
    for (const { field } of changes) data[COLUMNS[field]] = JSON_FIELDS.has(field) ? JSON.stringify(after[field]) : (after[field] as string | null);
    await tx.consultation.update({ where: { id: c.id }, data: { ...data, updatedAt: now } });
    const corrected = Boolean(c.publishedAt);
    const base = { actorId: actorId(actor), consultationId: c.id, entityType: "Consultation", entityId: c.id };
    if (corrected) await recordAudit(tx, { ...base, event: "letter.corrected", payload: { changes } }, now);
    else await recordAudit(tx, { ...base, event: "letter.edited", payload: { changed: changes.map((ch) => ch.field) } }, now);
    return { ok: true as const, corrected, changed: changes.length };
  });
}

/** Draft versions a new consultation can be made from, newest first. */
export async function listDraftVersions(db: Db) {
  const rows = await db.documentVersion.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, number: true, createdAt: true, document: { select: { title: true } }, _count: { select: { sections: true } } },
  });
  return rows.map((v) => ({ id: v.id, title: v.document.title, number: v.number, createdAt: v.createdAt, sections: v._count.sections }));
}

const DEFAULT_DAYS_OPEN = 14;

/** The new consultation form as it opens: the Office's profile, the draft's title, a deadline two weeks out (or the minimum, if longer). */
export async function newConsultationDefaults(db: Db, versionId: string, now: Date) {
  const version = await db.documentVersion.findUnique({ where: { id: versionId }, select: { id: true, document: { select: { title: true } } } });
  if (!version) return null;
  const profile = await getOfficeProfile(db);
  const deadline = endOfVnDayAfter(now, Math.max(DEFAULT_DAYS_OPEN, profile.minPeriodDays));
  const title = version.document.title.replace(/^dự thảo\s+/iu, "");
  const consultationTitle = `Dự thảo ${title}`;
  const body = standardBody({ title: consultationTitle, issuingBody: profile.issuingBody || "Văn phòng", parentBody: profile.parentBody || null, deadline });
  return {
    profile,
    defaults: {
      versionId: version.id,
      title: consultationTitle,
      parentBody: profile.parentBody,
      issuingBody: profile.issuingBody,
      number: profile.numberPattern,
      place: profile.place,
      date: calendarDateString(toCalendarDate(now)),
      subject: defaultSubject(title),
      addressees: profile.parentBody ? `- Thành viên ${profile.parentBody};` : "",
      body,
      deadlineInBody: deadlinePhrase(deadline),
      distribution: profile.distribution.join("\n"),
      signerTitle: profile.signerTitle,
      signerName: profile.signerName,
      deadlineDate: calendarDateString(toCalendarDate(deadline)),
      deadlineTime: "23:59",
      opening: "now",
      opensDate: "",
      opensTime: "",
      silenceIsConsent: true,
      latePolicy: "refuse",
      commentVisibility: "own",
      publicCanRead: true,
      receipts: true,
    },
  };
}
