// The letterhead of an administrative document: two columns at the top, the issuing body over
// the document's number on the left, the national motto over the place and date on the right
// (Decree 30/2020/NĐ-CP, Appendix I). Word files keep it as a borderless table; text files have it
// as separate paragraphs, or as lines with both columns run together and spaced or tab-separated.
import { type Paragraph, paragraphText, sliceParagraph, type Table, tableParagraph } from "./draft-text";

const MOTTO = /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/iu;
const NUMBER = /^Số\s*:/iu;
const PLACE_DATE = /(?:^|,\s*)ngày\b[\s\S]*\btháng\b/iu;
/** Where a line typed with both columns splits: a tab, or a run of spaces that lines them up. */
const COLUMN_GAP = /\t+|\s{3,}/u;
/** The letterhead is at the top; looking further would take a quoted motto for one. */
const SEARCH_WINDOW = 40;

function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

const cell = (p: Paragraph | undefined): Paragraph[] => (p ? [p] : []);

/** Each line split at its column gap into the left and right column's lines. */
function splitColumns(p: Paragraph): Table | null {
  const text = paragraphText(p);
  const left: Paragraph[] = [];
  const right: Paragraph[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const gap = COLUMN_GAP.exec(line.trim());
    const lead = line.length - line.trimStart().length;
    if (gap) {
      left.push(sliceParagraph(p, at + lead, at + lead + gap.index));
      right.push(sliceParagraph(p, at + lead + gap.index + gap[0].length, at + line.length));
    } else if (line.trim()) {
      // A line with one column only belongs to the side its neighbours put it on: the motto side
      // once the motto has been seen, which is where the date goes.
      (right.length && !NUMBER.test(line.trim()) ? right : left).push(sliceParagraph(p, at + lead, at + line.length));
    }
    at += line.length + 1;
  }
  if (!right.length) return null;
  return { rows: [[left, right]], letterhead: true };
}

/** Lines holding both columns; the number and date, if typed the same way, follow as a second row. */
function runTogether(paragraphs: Paragraph[], motto: number): Paragraph[] | null {
  const table = splitColumns(paragraphs[motto] as Paragraph);
  if (!table) return null;
  const next = paragraphs[motto + 1];
  const second = next && NUMBER.test(paragraphText(next).trim()) ? splitColumns(next) : null;
  if (second) table.rows.push(...second.rows);
  const out = [...paragraphs];
  out.splice(motto, second ? 2 : 1, tableParagraph(table));
  return out;
}

/** The seed's form: body, motto, number and date as paragraphs of their own. */
function separateParagraphs(paragraphs: Paragraph[], motto: number): Paragraph[] | null {
  const body = motto > 0 && isAllCaps(paragraphText(paragraphs[motto - 1] as Paragraph)) ? motto - 1 : null;
  if (body === null) return null;
  let number: number | undefined;
  let date: number | undefined;
  for (let i = motto + 1; i <= motto + 2 && i < paragraphs.length; i++) {
    const text = paragraphText(paragraphs[i] as Paragraph).trim();
    if (number === undefined && NUMBER.test(text)) number = i;
    else if (date === undefined && PLACE_DATE.test(text)) date = i;
    else break;
  }
  const rows: Paragraph[][][] = [[cell(paragraphs[body]), cell(paragraphs[motto])]];
  if (number !== undefined || date !== undefined) rows.push([cell(paragraphs[number ?? -1]), cell(paragraphs[date ?? -1])]);
  const end = Math.max(motto, number ?? 0, date ?? 0);
  return [...paragraphs.slice(0, body), tableParagraph({ rows, letterhead: true }), ...paragraphs.slice(end + 1)];
}

/**
 * Front matter with its letterhead as one two-column block (a Table marked `letterhead`), or as
 * it was when none is found.
 */
export function withLetterhead(frontMatter: Paragraph[]): Paragraph[] {
  const window = frontMatter.slice(0, SEARCH_WINDOW);
  const motto = window.findIndex((p) => MOTTO.test(paragraphText(p)));
  if (motto < 0) return frontMatter;
  const found = frontMatter[motto] as Paragraph;
  if (found.table) {
    const width = Math.max(0, ...found.table.rows.map((r) => r.length));
    if (width !== 2) return frontMatter;
    const out = [...frontMatter];
    out[motto] = tableParagraph({ ...found.table, header: false, letterhead: true });
    return out;
  }
  const firstLine = paragraphText(found).trim().split("\n")[0] ?? "";
  const lettered = MOTTO.test(firstLine) && !firstLine.replace(MOTTO, "").trim() ? separateParagraphs(frontMatter, motto) : runTogether(frontMatter, motto);
  return lettered ?? frontMatter;
}
