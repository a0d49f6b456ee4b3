// The request letter as recipients read it, drawn from the consultation's letter columns: the
// consultation page and the Office's preview before publishing read the same columns the same way.
import type { LetterView } from "~/components/request-letter";
import { formatDecreeDate, parseCalendarDate } from "~/domain/time";

export const LETTER_SELECT = {
  parentBody: true,
  issuingBody: true,
  letterNumber: true,
  letterPlace: true,
  letterDate: true,
  letterSubject: true,
  letterAddressees: true,
  letterBody: true,
  letterDistribution: true,
  signerTitle: true,
  signerName: true,
} as const;

type LetterColumns = { [K in keyof typeof LETTER_SELECT]: K extends "parentBody" | "letterDate" ? string | null : string };

export function letterView(c: LetterColumns): LetterView {
  const date = c.letterDate ? parseCalendarDate(c.letterDate) : null;
  return {
    parentBody: c.parentBody,
    issuingBody: c.issuingBody,
    number: c.letterNumber,
    placeDate: formatDecreeDate(c.letterPlace, date),
    subject: c.letterSubject,
    addressees: JSON.parse(c.letterAddressees) as string[],
    body: c.letterBody,
    distribution: JSON.parse(c.letterDistribution) as string[],
    signerTitle: c.signerTitle,
    signerName: c.signerName,
  };
}
