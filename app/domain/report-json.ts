// The JSON export of the consolidated report, as a Zod schema: what `portal report --format json`
// writes and what another program may check it against. Kept apart from report.ts so that the
// pure shape does not pull Zod into every page that shows a report.
import { DISPOSITION_KINDS, type ReportHeader, type ReportRow, type ReportSummary } from "./report";
import { z } from "./validation";

const instant = z.iso.datetime({ offset: true });

export const reportHeaderSchema = z.object({
  consultationId: z.string().min(1),
  consultationTitle: z.string(),
  parentBody: z.string().nullable(),
  issuingBody: z.string(),
  numberLine: z.string(),
  placeAndDate: z.string(),
  subject: z.string(),
  deadlineWords: z.string(),
  interim: z.boolean(),
  generatedAt: instant,
});

const personSchema = z.object({ name: z.string(), title: z.string(), organization: z.string() });
const count = z.number().int().nonnegative();

export const reportSummarySchema = z.object({
  asked: count,
  commented: count,
  agreed: count,
  deemedAgree: count,
  noReply: count,
  awaiting: count,
  extension: count,
  people: z.object({
    commented: z.array(personSchema),
    agreed: z.array(personSchema),
    awaiting: z.array(personSchema),
    extension: z.array(personSchema),
    deemed_agree: z.array(personSchema),
    no_reply: z.array(personSchema),
  }),
  extensions: z.array(personSchema.extend({ until: instant, untilWords: z.string() })),
  comments: count,
  lateComments: count,
  decided: count,
  dispositionsNeedingReview: count,
  silenceIsConsent: z.boolean(),
});

export const reportRowSchema = z.object({
  number: z.number().int().positive(),
  commentId: z.string().min(1),
  scope: z.enum(["passage", "section", "general"]),
  section: z.string(),
  sectionAnchor: z.string().nullable(),
  organization: z.string(),
  authorName: z.string(),
  authorTitle: z.string(),
  quote: z.string().nullable(),
  text: z.string(),
  createdAt: instant,
  updatedAt: instant,
  isLate: z.boolean(),
  disposition: z.enum(DISPOSITION_KINDS).nullable(),
  explanation: z.string(),
  decidedAt: instant.nullable(),
  dispositionNeedsReview: z.boolean(),
});

/** `{ header, summary, rows }`: the whole report, rows in the order of the draft. */
export const reportJsonSchema = z.object({
  header: reportHeaderSchema,
  summary: reportSummarySchema,
  rows: z.array(reportRowSchema),
});

export type ReportJson = z.infer<typeof reportJsonSchema>;

// The schema and the interfaces in report.ts must not drift apart: these fail to compile if a
// field is added, dropped or retyped on either side.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameHeader: Same<z.infer<typeof reportHeaderSchema>, ReportHeader> = true;
const sameSummary: Same<z.infer<typeof reportSummarySchema>, ReportSummary> = true;
const sameRow: Same<z.infer<typeof reportRowSchema>, ReportRow> = true;
void [sameHeader, sameSummary, sameRow];
