// Subjects name the draft once, from the consultation's title, with the deadline that applies:
// "Mời góp ý dự thảo Kế hoạch … (hạn 23:59 ngày 06/12/2026)". The letter's own subject line
// ("V/v lấy ý kiến đối với dự thảo …") after a verb repeated "góp ý … dự thảo" twice.
import { vnParts } from "../app/domain/time";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "dự thảo Kế hoạch …" from a title that may or may not begin with "Dự thảo". */
export function draftName(title: string): string {
  const rest = title
    .normalize("NFC")
    .trim()
    .replace(/^dự thảo\s+/iu, "");
  return `dự thảo ${rest}`;
}

/** "23:59 ngày 06/12/2026", Vietnam time, from an ISO instant. */
export function shortDeadline(iso: string): string {
  const p = vnParts(new Date(iso));
  return `${pad2(p.hour)}:${pad2(p.minute)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/**
 * What the draft is called in a subject or a sentence. A message queued before subjects carried
 * the title (its props lack it) falls back to the letter's subject line, as it was then.
 */
export function draftNamed(p: { consultationTitle?: string; letterSubject?: string }): string {
  return p.consultationTitle ? draftName(p.consultationTitle) : `V/v ${p.letterSubject ?? ""}`;
}

/** " (hạn 23:59 ngày 06/12/2026)", or nothing for a message queued without the instant. */
export function deadlineSuffix(deadlineAt: string | undefined, extra = ""): string {
  if (!deadlineAt) return extra ? ` (${extra})` : "";
  return ` (hạn ${shortDeadline(deadlineAt)}${extra ? `, ${extra}` : ""})`;
}
