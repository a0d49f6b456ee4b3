// Consultations and their recipients: every read and write of them.

import { readOne, sql } from "~/db/direct";
import { type ConsultationPhase, consultationPath, consultationPhase } from "~/domain/consultation";
import { type ConsultationSpec, checkSpecAt } from "~/domain/consultation-spec";
import { UserInputError } from "~/domain/errors";
import { resultPath } from "~/domain/result-publication";
import { formatDeadline, formatTimeLeft } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { getVersionForReading, latestVersionId } from "./document.server";
import { inviteRecipients } from "./invitation.server";
import { letterView } from "./letter-view.server";

export interface CreatedConsultation {
  consultationId: string;
  path: string;
}

export async function createConsultation(
  db: Db,
  spec: ConsultationSpec,
  opts: { now: Date; actorId?: string | null; isDemo?: boolean },
): Promise<CreatedConsultation> {
  const problems = checkSpecAt(spec, opts.now);
  if (problems.length) throw new UserInputError(problems);
  const versionId = await resolveVersion(db, spec);

  return db.$transaction(async (tx) => {
    const consultation = await tx.consultation.create({
      data: {
        title: spec.title,
        documentVersionId: versionId,
        issuingBody: spec.issuingBody,
        parentBody: spec.parentBody ?? null,
        officeEmail: spec.officeEmail ?? null,
        letterNumber: spec.letter.number,
        letterPlace: spec.letter.place,
        letterDate: spec.letter.date ?? null,
        letterSubject: spec.letter.subject,
        letterAddressees: JSON.stringify(spec.letter.addressees),
        letterBody: spec.letter.body,
        letterDistribution: JSON.stringify(spec.letter.distribution),
        signerTitle: spec.letter.signerTitle,
        signerName: spec.letter.signerName,
        opensAt: spec.opensAt ?? opts.now,
        deadlineAt: spec.deadline,
        silenceIsConsent: spec.silenceIsConsent,
        latePolicy: spec.latePolicy,
        commentVisibility: spec.commentVisibility,
        publicCanRead: spec.publicCanRead,
        publicCanComment: spec.publicCanComment,
        receiptsEnabled: spec.receipts,
        reminderSchedule: JSON.stringify(spec.reminders),
        publishedAt: spec.publish ? opts.now : null,
        isDemo: opts.isDemo ?? false,
        createdAt: opts.now,
      },
    });
    for (const [position, r] of spec.recipients.entries()) {
      // A person keeps one account across consultations; the capacity they answer in is per consultation.
      const user = await tx.user.upsert({
        where: { email: r.email },
        update: {},
        create: { email: r.email, name: r.name, role: "recipient", isDemo: opts.isDemo ?? false, createdAt: opts.now },
      });
      await tx.recipient.create({
        data: {
          consultationId: consultation.id,
          userId: user.id,
          title: r.title,
          organization: r.organization,
          group: r.group ?? null,
          position,
        },
      });
    }
    // One that opens later is invited at its opening, by the sweep (app/models/publish.server.ts).
    const invited = spec.publish && consultation.opensAt <= opts.now ? await inviteRecipients(tx, consultation.id, opts.now) : 0;
    await recordAudit(
      tx,
      {
        event: "consultation.created",
        actorId: opts.actorId,
        consultationId: consultation.id,
        entityType: "Consultation",
        entityId: consultation.id,
        payload: {
          title: spec.title,
          deadlineAt: spec.deadline.toISOString(),
          recipients: spec.recipients.length,
          published: spec.publish,
          invited,
        },
      },
      opts.now,
    );
    return { consultationId: consultation.id, path: consultationPath(consultation.id) };
  });
}

async function resolveVersion(db: Db, spec: ConsultationSpec): Promise<string> {
  if (spec.documentVersionId) {
    const v = await db.documentVersion.findUnique({ where: { id: spec.documentVersionId }, select: { id: true } });
    if (!v) throw new UserInputError(`Không tìm thấy phiên bản dự thảo có mã ${spec.documentVersionId}.`);
    return v.id;
  }
  const id = await latestVersionId(db, spec.documentId!);
  if (!id) throw new UserInputError(`Không tìm thấy dự thảo có mã ${spec.documentId}.`);
  return id;
}

export interface ConsultationSummary {
  id: string;
  title: string;
  issuingBody: string;
  parentBody: string | null;
  deadlineAt: Date;
  phase: ConsultationPhase;
  sectionCount: number;
  path: string;
  /** The published result's page, once the Office has published it. */
  resultPath: string | null;
}

const summarySelect = {
  id: true,
  title: true,
  issuingBody: true,
  parentBody: true,
  opensAt: true,
  deadlineAt: true,
  publishedAt: true,
  resultPublishedAt: true,
  documentVersion: { select: { _count: { select: { sections: true } } } },
} as const;

/** Who a listing is for: a viewer (or nobody), or the Office's command line, which sees all. */
export type Audience = Viewer | null | "cli";

/** What an audience may see: the Office everything, others what is published to them. */
function visibleWhere(viewer: Audience) {
  if (viewer === "cli" || viewer?.role === "office") return {};
  const published = { publishedAt: { not: null } };
  if (!viewer) return { ...published, publicCanRead: true };
  return {
    ...published,
    OR: [{ publicCanRead: true }, { recipients: { some: { userId: viewer.userId, removedAt: null } } }],
  };
}

export async function listConsultations(db: Db, viewer: Audience, now: Date): Promise<ConsultationSummary[]> {
  const rows = await db.consultation.findMany({
    where: visibleWhere(viewer),
    orderBy: [{ deadlineAt: "desc" }, { createdAt: "desc" }],
    select: summarySelect,
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    issuingBody: c.issuingBody,
    parentBody: c.parentBody,
    deadlineAt: c.deadlineAt,
    phase: consultationPhase(c, now),
    sectionCount: c.documentVersion._count.sections,
    path: consultationPath(c.id),
    resultPath: c.resultPublishedAt ? resultPath(c.id) : null,
  }));
}

export interface ReadingConsultation {
  id: string;
  title: string;
  documentVersionId: string;
  issuingBody: string;
  parentBody: string | null;
  letterNumber: string;
  letterPlace: string;
  letterDate: string | null;
  letterSubject: string;
  letterAddressees: string;
  letterBody: string;
  letterDistribution: string;
  signerTitle: string;
  signerName: string;
  opensAt: Date;
  deadlineAt: Date;
  publishedAt: Date | null;
  silenceIsConsent: boolean;
  latePolicy: string;
  commentVisibility: string;
  isDemo: boolean;
  publicCanRead: boolean;
  resultPublishedAt: Date | null;
}

/**
 * A consultation as its readers see it, when this viewer may see it (visibleWhere's rule: the
 * Office all, others what is published to the public or to them). Read on every view of the
 * reading page and its side requests, so one prepared statement (decision 0005), not Prisma.
 */
export async function getConsultationForReading(db: Db, id: string, viewer: Viewer | null): Promise<ReadingConsultation | null> {
  const row =
    viewer?.role === "office"
      ? await readOne(db, READING.office, [id])
      : viewer
        ? await readOne(db, READING.signedIn, [id, viewer.userId])
        : await readOne(db, READING.anyone, [id]);
  return row ?? null;
}

const READING_SQL = `
  SELECT c."id", c."title", c."documentVersionId", c."issuingBody", c."parentBody", c."letterNumber", c."letterPlace",
         c."letterDate", c."letterSubject", c."letterAddressees", c."letterBody", c."letterDistribution", c."signerTitle",
         c."signerName", c."opensAt", c."deadlineAt", c."publishedAt", c."silenceIsConsent", c."latePolicy",
         c."commentVisibility", c."isDemo", c."publicCanRead", c."resultPublishedAt"
  FROM "Consultation" c WHERE c."id" = ?`;
const IS_RECIPIENT = `EXISTS (SELECT 1 FROM "Recipient" r WHERE r."consultationId" = c."id" AND r."userId" = ? AND r."removedAt" IS NULL)`;
const READING_SHAPE = {
  booleans: ["silenceIsConsent", "isDemo", "publicCanRead"],
  instants: ["opensAt", "deadlineAt", "publishedAt", "resultPublishedAt"],
} as const;
const READING = {
  office: sql<ReadingConsultation>(READING_SQL, READING_SHAPE),
  signedIn: sql<ReadingConsultation>(`${READING_SQL} AND c."publishedAt" IS NOT NULL AND (c."publicCanRead" OR ${IS_RECIPIENT})`, READING_SHAPE),
  anyone: sql<ReadingConsultation>(`${READING_SQL} AND c."publishedAt" IS NOT NULL AND c."publicCanRead"`, READING_SHAPE),
};

/** Everything the consultation page shows, or null when the viewer may not see it. */
export async function getConsultationPage(db: Db, id: string, viewer: Viewer | null, now: Date) {
  const c = await getConsultationForReading(db, id, viewer);
  if (!c) return null;
  const version = await getVersionForReading(db, c.documentVersionId);
  if (!version) return null;
  return {
    id: c.id,
    title: c.title,
    isDemo: c.isDemo,
    phase: consultationPhase(c, now),
    deadlineAt: c.deadlineAt.toISOString(),
    deadlineWords: formatDeadline(c.deadlineAt),
    timeLeft: formatTimeLeft(now, c.deadlineAt),
    silenceIsConsent: c.silenceIsConsent,
    latePolicy: c.latePolicy,
    commentVisibility: c.commentVisibility,
    publishedAt: c.publishedAt,
    opensAt: c.opensAt,
    deadlineAtDate: c.deadlineAt,
    resultPublishedAt: c.resultPublishedAt,
    letter: letterView(c),
    version,
  };
}
