/**
 * Word's automatic numbering, as the clerk sees it in Word. The numbers of a numbered paragraph
 * ("I.", "1.", "a)", "Điều 3.") are not in its text: Word computes them from word/numbering.xml
 * (each list level's format, text pattern and start) and counts the numbered paragraphs in
 * document order. mammoth only tells ordered from bulleted, so the labels are computed here and
 * written into document.xml as ordinary text before mammoth reads it.
 */
import { toRoman } from "~/domain/sections";

interface Level {
  start: number;
  format: string;
  /** "%1.", "Điều %1.", "%1.%2." */
  text: string;
  /** Legal numbering: every level shown in decimal. */
  legal: boolean;
  style?: string;
}

interface NumberingDefinitions {
  abstracts: Map<string, Level[]>;
  /** numId → its abstract list and the levels it restarts ("Restart at 1" in Word). */
  nums: Map<string, { abstractId: string; overrides: Map<number, number> }>;
  /** Paragraph style → the numbering it carries (a "Heading 1" numbered "Chương %1"). */
  styles: Map<string, { numId: string; level: number }>;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return XML_ENTITIES[name] ?? whole;
    return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The value of attribute `name` in the first `<tag …>` of `xml`, or undefined. */
function attrOf(xml: string, tag: string, name = "w:val"): string | undefined {
  const element = new RegExp(`<${tag}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];
  const value = element ? new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(element) : null;
  return value ? decodeXml(value[1] ?? value[2] ?? "") : undefined;
}

function elements(xml: string, tag: string): string[] {
  return xml.match(new RegExp(`<${tag}(?=[\\s>])[\\s\\S]*?</${tag}>`, "g")) ?? [];
}

function readLevel(xml: string): [number, Level] {
  const level: Level = {
    start: Number(attrOf(xml, "w:start") ?? 1),
    format: attrOf(xml, "w:numFmt") ?? "decimal",
    text: attrOf(xml, "w:lvlText") ?? "",
    legal: /<w:isLgl(?=[\s/>])(?![^>]*w:val="(?:0|false)")/.test(xml),
    style: attrOf(xml, "w:pStyle"),
  };
  return [Number(attrOf(xml, "w:lvl", "w:ilvl") ?? 0), level];
}

function readStyles(stylesXml: string, nums: NumberingDefinitions["nums"]): NumberingDefinitions["styles"] {
  const own = new Map<string, { numId?: string; level?: number; basedOn?: string }>();
  for (const style of elements(stylesXml, "w:style")) {
    const id = attrOf(style, "w:style", "w:styleId");
    if (!id) continue;
    const numPr = elements(style, "w:numPr")[0] ?? "";
    const level = attrOf(numPr, "w:ilvl");
    own.set(id, { numId: attrOf(numPr, "w:numId"), level: level === undefined ? undefined : Number(level), basedOn: attrOf(style, "w:basedOn") });
  }
  const styles: NumberingDefinitions["styles"] = new Map();
  for (const id of own.keys()) {
    // A style inherits what it does not set from the style it is based on (cycles are cut).
    let numId: string | undefined;
    let level: number | undefined;
    const seen = new Set<string>();
    for (let at: string | undefined = id; at && !seen.has(at); at = own.get(at)?.basedOn) {
      seen.add(at);
      numId ??= own.get(at)?.numId;
      level ??= own.get(at)?.level;
    }
    if (numId && numId !== "0" && nums.has(numId)) styles.set(id, { numId, level: level ?? 0 });
  }
  return styles;
}

export function readNumbering(numberingXml: string, stylesXml = ""): NumberingDefinitions {
  const abstracts = new Map<string, Level[]>();
  const links = new Map<string, string>();
  for (const abstract of elements(numberingXml, "w:abstractNum")) {
    const id = attrOf(abstract, "w:abstractNum", "w:abstractNumId") ?? "";
    const levels: Level[] = [];
    for (const lvl of elements(abstract, "w:lvl")) {
      const [index, level] = readLevel(lvl);
      if (index >= 0 && index < 9) levels[index] = level;
    }
    abstracts.set(id, levels);
    const link = attrOf(abstract, "w:numStyleLink");
    if (link) links.set(id, link);
  }
  const nums: NumberingDefinitions["nums"] = new Map();
  for (const num of elements(numberingXml, "w:num")) {
    const overrides = new Map<number, number>();
    for (const override of elements(num, "w:lvlOverride")) {
      const start = attrOf(override, "w:startOverride");
      if (start !== undefined) overrides.set(Number(attrOf(override, "w:lvlOverride", "w:ilvl") ?? 0), Number(start));
    }
    nums.set(attrOf(num, "w:num", "w:numId") ?? "", { abstractId: attrOf(num, "w:abstractNumId") ?? "", overrides });
  }
  const styles = readStyles(stylesXml, nums);
  // A list defined as "use the list style X" takes its levels from the list X's numbering names.
  for (const [id, styleId] of links) {
    const target = nums.get(styles.get(styleId)?.numId ?? "");
    const levels = target ? abstracts.get(target.abstractId) : undefined;
    if (levels?.length) abstracts.set(id, levels);
  }
  for (const [abstractId, levels] of abstracts) {
    levels.forEach((level, index) => {
      const numId = [...nums].find(([, n]) => n.abstractId === abstractId)?.[0];
      if (level.style && numId && !styles.has(level.style)) styles.set(level.style, { numId, level: index });
    });
  }
  return { abstracts, nums, styles };
}

// ---------------------------------------------------------------- formatting

function letters(n: number): string {
  // Word's letters: a … z, then aa … zz.
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "upperRoman":
      return toRoman(n);
    case "lowerRoman":
      return toRoman(n).toLowerCase();
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerLetter":
      return letters(n);
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "none":
      return "";
    default:
      return String(n);
  }
}

// ---------------------------------------------------------------- counting

/** Counts numbered paragraphs as Word does and says the label of each. */
export function numberingCounter(defs: NumberingDefinitions) {
  const counts = new Map<string, (number | undefined)[]>();
  const started = new Set<string>();
  return (numId: string, level: number): string | null => {
    const num = defs.nums.get(numId);
    const levels = num ? defs.abstracts.get(num.abstractId) : undefined;
    const lvl = levels?.[level];
    if (!num || !levels || !lvl) return null;
    // Lists made from one definition share their count; "Restart at 1" is a list with an override.
    const count = counts.get(num.abstractId) ?? [];
    counts.set(num.abstractId, count);
    if (!started.has(numId)) {
      started.add(numId);
      for (const [l, start] of num.overrides) count[l] = start - 1;
    }
    count[level] = (count[level] ?? lvl.start - 1) + 1;
    for (let deeper = level + 1; deeper < count.length; deeper++) count[deeper] = undefined;
    if (lvl.format === "bullet") return "-";
    return lvl.text.replace(/%([1-9])/g, (_, digit: string) => {
      const at = Number(digit) - 1;
      const shown = levels[at];
      if (!shown) return "";
      return formatNumber(count[at] ?? shown.start, lvl.legal && at < level ? "decimal" : shown.format);
    });
  };
}

// ---------------------------------------------------------------- document.xml

/** Where a paragraph's properties end: <w:pPr> may hold an older <w:pPr> of a tracked change. */
function propertiesEnd(xml: string, at: number): number {
  if (!xml.startsWith("<w:pPr", at)) return at;
  const first = xml.indexOf(">", at);
  if (xml[first - 1] === "/") return first + 1;
  const tags = /<(\/?)w:pPr(?=[\s/>])[^>]*>/g;
  tags.lastIndex = first + 1;
  let depth = 1;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[0].endsWith("/>")) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return at;
}

/** Numbering as mammoth should see it afterwards: none ("numId 0" also overrides a style's). */
const NO_NUMBERING = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>';

function ownProperties(pPr: string): string {
  return pPr.replace(/<w:pPrChange[\s\S]*?<\/w:pPrChange>/g, "").replace(/<w:rPr[\s\S]*?<\/w:rPr>/g, "");
}

function numberingOf(pPr: string, defs: NumberingDefinitions): { numId: string; level: number } | null {
  const props = ownProperties(pPr);
  const numPr = /<w:numPr>[\s\S]*?<\/w:numPr>/.exec(props)?.[0];
  const numId = numPr ? attrOf(numPr, "w:numId") : undefined;
  if (numId === "0") return null;
  const style = defs.styles.get(attrOf(props, "w:pStyle") ?? "");
  if (numId !== undefined) return { numId, level: Number(attrOf(numPr ?? "", "w:ilvl") ?? style?.level ?? 0) };
  return style ?? null;
}

function unnumbered(pPr: string): string {
  if (/<w:numPr>[\s\S]*?<\/w:numPr>/.test(ownProperties(pPr))) return pPr.replace(/<w:numPr>[\s\S]*?<\/w:numPr>/, NO_NUMBERING);
  if (pPr.endsWith("/>")) return `<w:pPr>${NO_NUMBERING}</w:pPr>`;
  return pPr.replace(/^<w:pPr[^>]*>/, (open) => open + NO_NUMBERING);
}

/**
 * document.xml with each numbered paragraph's label written at its start as plain text ("I. ",
 * "a) ", "- " for a bullet) and its numbering removed, so that mammoth keeps the label.
 */
export function labelNumberedParagraphs(documentXml: string, numberingXml: string, stylesXml = ""): string {
  const defs = readNumbering(numberingXml, stylesXml);
  if (!defs.nums.size) return documentXml;
  const next = numberingCounter(defs);
  const out: string[] = [];
  let copied = 0;
  for (const open of documentXml.matchAll(/<w:p(?=[\s>/])[^>]*>/g)) {
    if (open[0].endsWith("/>")) continue;
    const start = (open.index ?? 0) + open[0].length;
    const pPrStart = documentXml.startsWith("<w:pPr", start) ? start : -1;
    const end = pPrStart < 0 ? start : propertiesEnd(documentXml, start);
    const pPr = documentXml.slice(start, end);
    const numbering = pPr ? numberingOf(pPr, defs) : null;
    const label = numbering ? next(numbering.numId, numbering.level) : null;
    if (label === null) continue;
    out.push(documentXml.slice(copied, start), unnumbered(pPr));
    if (label) out.push(`<w:r><w:t xml:space="preserve">${escapeXml(label)} </w:t></w:r>`);
    copied = end;
  }
  out.push(documentXml.slice(copied));
  return out.join("");
}

/**
 * Formatting the import never shows (fonts, sizes, colours, spacing, revision ids, spelling
 * marks, bookmarks), removed before mammoth parses the XML, and the runs that then differ in
 * nothing joined. Word repeats it on every run, so it is
 * most of the XML: mammoth built a DOM node for each, and a 300-page plan took 10 s, most of it
 * collecting that garbage. Bold, italic, styles, numbering, breaks and tables stay.
 */
export function withoutUnusedFormatting(documentXml: string): string {
  return (
    documentXml
      .replace(
        /<w:(?:rFonts|color|sz|szCs|lang|spacing|ind|jc|kern|noProof|bCs|iCs|proofErr|bookmarkStart|bookmarkEnd|lastRenderedPageBreak)(?=[\s/>])[^>]*\/>/g,
        "",
      )
      .replace(/\sw:rsid[A-Za-z]*="[^"]*"/g, "")
      .replace(/<w:rPr><\/w:rPr>|<w:rPr\/>/g, "")
      // Neighbouring runs left without properties are one run: Word splits text at every edit.
      .replace(/<\/w:t><\/w:r><w:r><w:t(?: xml:space="preserve")?>/g, "")
  );
}
