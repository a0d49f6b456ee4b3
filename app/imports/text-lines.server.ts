// Plain text into paragraphs: blank lines, label lines and lines wrapped by a PDF's layout.
import { type Paragraph, plainParagraph } from "~/domain/draft-text";
import { isHeadingLine, isListLine, parseHeadingLine } from "~/domain/sections";

/** A line that must open its own paragraph even without a blank line before it. */
function startsBlock(line: string): boolean {
  return isHeadingLine(line) || isListLine(line);
}

const SENTENCE_END = /[.;:!?…"'”’»)\]]$/u;

/** Two columns typed side by side (a letterhead): tabs or a wide run of spaces between words. */
const COLUMNS = /\S(?:\t|\s{3,})\S/u;

function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/**
 * The width text pasted from a PDF was wrapped at: most lines end near it. Null when the lines
 * are whole paragraphs (a Word or Markdown file), where no line is a wrapped one.
 */
function wrapWidth(lengths: number[]): number | null {
  const sorted = lengths.filter((n) => n > 0).sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  return width >= 40 && width <= 160 ? width : null;
}

/**
 * A line broken off the one before: that one does not end a sentence, and this one starts in
 * lower case, or (in text wrapped at a fixed width) the one before filled the width.
 */
function continuesLine(prev: string, next: string, width: number | null): boolean {
  if (startsBlock(next) || SENTENCE_END.test(prev) || COLUMNS.test(prev) || COLUMNS.test(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  return width !== null && prev.length >= width * 0.8 && /[\p{L}\d,]$/u.test(prev);
}

/** "II. NHIỆM VỤ VÀ GIẢI" / "PHÁP CHỦ YẾU": an all-caps title wrapped onto a second line. */
function continuesHeading(heading: string, next: string): boolean {
  const title = parseHeadingLine(heading)?.title;
  return !!title && isAllCaps(title) && isAllCaps(next) && !startsBlock(next) && next.length <= 120;
}

/**
 * Groups lines into paragraphs. With blank lines present they are the separators and single
 * newlines are kept as hard breaks, except that label and bullet lines start a block and a label
 * line stands alone. A file with no blank line at all is one paragraph per line. Either way a
 * line wrapped off the one before (text pasted from a PDF) is joined back with a space.
 */
export function groupLines(lines: string[], plain: (line: string) => string = (l) => l): string[] {
  const blankSeparated = lines.some((l) => l.trim() === "");
  const width = wrapWidth(lines.map((l) => plain(l).trim().length));
  // Pieces are joined once per block: appending to a growing string would be quadratic.
  const blocks: string[][] = [];
  let current: string[] = [];
  let lastText = "";
  let afterHeading = false;
  const flush = () => {
    if (current.length) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    const text = plain(line).trim();
    const joins = text !== "" && current.length > 0 && (afterHeading ? continuesHeading(lastText, text) : continuesLine(lastText, text, width));
    if (joins) {
      current.push(" ", line.trim());
      lastText = afterHeading ? `${lastText} ${text}` : text;
      continue;
    }
    if (text === "" || startsBlock(text) || afterHeading || !blankSeparated) flush();
    if (text !== "") {
      if (current.length) current.push("\n");
      current.push(line.trim());
      lastText = text;
    }
    afterHeading = text !== "" && isHeadingLine(text);
  }
  flush();
  return blocks.map((b) => b.join(""));
}

export function parseTxt(text: string): Paragraph[] {
  return groupLines(text.split("\n")).map(plainParagraph);
}
