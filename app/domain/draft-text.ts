/**
 * The neutral text model every importer produces and the splitter consumes.
 * Deliberately tiny: drafts only carry bold/italic emphasis and hard line
 * breaks that matter for review; everything else from Word is dropped.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** One block of text; a "\n" inside a run's text is a hard line break. */
export interface Paragraph {
  runs: Run[];
}

export function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join("");
}

export function plainParagraph(text: string): Paragraph {
  return { runs: text ? [{ text }] : [] };
}

function sameMarks(a: Run, b: Run): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic;
}

function makeRun(text: string, like: Run): Run {
  const run: Run = { text };
  if (like.bold) run.bold = true;
  if (like.italic) run.italic = true;
  return run;
}

/** Drops empty runs and fuses neighbours with identical marks. */
export function compactRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (!run.text) continue;
    const last = out[out.length - 1];
    if (last && sameMarks(last, run)) out[out.length - 1] = makeRun(last.text + run.text, last);
    else out.push(makeRun(run.text, run));
  }
  return out;
}

/** Character range [start, end) of a paragraph, keeping each run's marks. */
export function sliceParagraph(p: Paragraph, start: number, end = Infinity): Paragraph {
  const runs: Run[] = [];
  let offset = 0;
  for (const run of p.runs) {
    const from = Math.max(start - offset, 0);
    const to = Math.min(end - offset, run.text.length);
    if (from < to) runs.push(makeRun(run.text.slice(from, to), run));
    offset += run.text.length;
  }
  return { runs };
}

/** Removes leading/trailing whitespace without losing the marks in between. */
export function trimParagraph(p: Paragraph): Paragraph {
  const text = paragraphText(p);
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { runs: compactRuns(sliceParagraph(p, start, Math.max(start, end)).runs) };
}

/** One paragraph of several, in one pass: joining them pair by pair would copy the growing text each time. */
export function joinParagraphs(paragraphs: Paragraph[], separator = " "): Paragraph {
  const runs: Run[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) runs.push({ text: separator });
    for (const run of p.runs) runs.push(run);
  });
  return { runs: compactRuns(runs) };
}

export function normalizeParagraph(p: Paragraph): Paragraph {
  return { runs: compactRuns(p.runs.map((r) => makeRun(r.text.normalize("NFC"), r))) };
}
