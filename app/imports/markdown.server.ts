// Markdown drafts: the emphasis, headings, rules and pipe tables a draft typed in Markdown uses.
import { compactRuns, type Paragraph, type Run, type Table, tableParagraph } from "~/domain/draft-text";
import { groupLines } from "./text-lines.server";

// Escaped characters hide in a private-use range while emphasis is parsed.
const ESCAPE_BASE = 0xe000;
const EMPHASIS: Array<{ re: RegExp; mark: "bold" | "italic" }> = [
  { re: /\*\*(?=\S)([\s\S]*?\S)\*\*/gu, mark: "bold" },
  { re: /(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/gu, mark: "bold" },
  { re: /\*(?=[^\s*])([\s\S]*?[^\s*])\*/gu, mark: "italic" },
  { re: /(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])/gu, mark: "italic" },
];

function hideEscapes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => String.fromCharCode(ESCAPE_BASE + ch.charCodeAt(0)));
}

function restoreEscapes(text: string): string {
  return text.replace(/[\uE021-\uE07E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - ESCAPE_BASE));
}

function firstEmphasis(text: string, from: number) {
  let best: { match: RegExpExecArray; mark: "bold" | "italic" } | null = null;
  for (const { re, mark } of EMPHASIS) {
    re.lastIndex = from;
    const match = re.exec(text);
    if (match && (!best || match.index < best.match.index)) best = { match, mark };
  }
  return best;
}

function inlineRuns(text: string, marks: Omit<Run, "text"> = {}): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (let found = firstEmphasis(text, at); found; found = firstEmphasis(text, at)) {
    const { match, mark } = found;
    runs.push({ ...marks, text: restoreEscapes(text.slice(at, match.index)) });
    runs.push(...inlineRuns(match[1] ?? "", { ...marks, [mark]: true }));
    at = match.index + match[0].length;
  }
  runs.push({ ...marks, text: restoreEscapes(text.slice(at)) });
  return runs;
}

function stripMarkdownLine(line: string): string {
  return line.replace(/^\s*#{1,6}\s+/, "").replace(/^\s*\*\s+/, "- ");
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function pipeCells(line: string): Paragraph[][] {
  const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|");
  return cells.map((cell) => (cell.trim() ? [{ runs: compactRuns(inlineRuns(cell.trim())) }] : []));
}

/** A Markdown pipe table starting at `start` (header row, delimiter row, body rows), or null. */
function pipeTable(lines: string[], start: number): { table: Table; end: number } | null {
  const head = lines[start] ?? "";
  if (!PIPE_ROW.test(head) || !PIPE_DELIMITER.test(lines[start + 1] ?? "")) return null;
  const rows = [pipeCells(head)];
  let end = start + 2;
  while (end < lines.length && PIPE_ROW.test(lines[end] ?? "")) rows.push(pipeCells(lines[end++] ?? ""));
  return { table: { rows, header: true }, end };
}

export function parseMd(text: string): Paragraph[] {
  const lines = hideEscapes(text)
    .split("\n")
    .filter((l) => !/^\s*([-*_])(\s*\1){2,}\s*$/.test(l))
    .map(stripMarkdownLine);
  const visible = (line: string) => restoreEscapes(line.replace(/\*\*|__|[*_]/g, ""));
  const out: Paragraph[] = [];
  let pending: string[] = [];
  const flushText = () => {
    out.push(...groupLines(pending, visible).map((block) => ({ runs: compactRuns(inlineRuns(block)) })));
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const found = pipeTable(lines, i);
    if (!found) {
      pending.push(lines[i] ?? "");
      continue;
    }
    flushText();
    out.push(tableParagraph(found.table));
    i = found.end - 1;
  }
  flushText();
  return out;
}
