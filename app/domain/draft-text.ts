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

/**
 * A table as the draft lays it out: rows of cells, each cell one or more paragraphs. A
 * letterhead is the two-column block at the top of an administrative document (issuing body |
 * national motto, then number | place and date), kept apart so it can be shown as two columns.
 */
export interface Table {
  rows: Paragraph[][][];
  /** The first row names the columns (<th> in Word's HTML, the header of a Markdown table). */
  header?: boolean;
  letterhead?: boolean;
}

/**
 * One block of text; a "\n" inside a run's text is a hard line break. A table is a block too:
 * its runs then hold its canonical text (see tableText) so that sizes, titles and the
 * splitter's tests read it like any paragraph, while `table` keeps its shape.
 */
export interface Paragraph {
  runs: Run[];
  table?: Table;
}

/** Cells in reading order: rows left to right, but a letterhead column by column, as it is read. */
export function tableCells(table: Table): Paragraph[][] {
  if (!table.letterhead) return table.rows.flat();
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const cells: Paragraph[][] = [];
  for (let c = 0; c < width; c++) for (const row of table.rows) cells.push(row[c] ?? []);
  return cells;
}

/**
 * The text of a table, one line per cell paragraph (an empty cell is an empty line): the same
 * lines docToPlainText makes of its Tiptap nodes, so comment offsets agree with what is stored.
 */
export function tableText(table: Table): string {
  return tableCells(table)
    .map((cell) => (cell.length ? cell.map(paragraphText).join("\n") : ""))
    .join("\n");
}

export function tableParagraph(table: Table): Paragraph {
  return { runs: [{ text: tableText(table) }], table };
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
  if (p.table) return tableParagraph(mapCells(p.table, trimParagraph));
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

function mapCells(table: Table, fn: (p: Paragraph) => Paragraph): Table {
  return { ...table, rows: table.rows.map((row) => row.map((cell) => cell.map(fn))) };
}

export function normalizeParagraph(p: Paragraph): Paragraph {
  if (p.table) return tableParagraph(mapCells(p.table, normalizeParagraph));
  return { runs: compactRuns(p.runs.map((r) => makeRun(r.text.normalize("NFC"), r))) };
}
