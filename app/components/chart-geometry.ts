// Geometry of a horizontal bar chart drawn as SVG on the server: where each label, bar and value
// goes. Pure, so the numbers can be checked without a browser. Labels sit on their own line above
// each bar, so a long section title keeps the whole width and stays legible when a phone scales
// the drawing down; values sit right of their bar, in a column reserved for them.

export interface BarInput {
  label: string;
  value: number;
  /** A part of value drawn solid (e.g. comments decided); the rest is drawn as an outline. */
  part?: number;
  /** What is written after the bar; the value by default. */
  valueText?: string;
}

export interface BarLayoutOptions {
  width: number;
  fontSize: number;
  barHeight: number;
  /** Space between a bar and the next row's label. */
  rowGap: number;
  /** Room above the first row, e.g. for a legend. */
  top: number;
  /** Average advance of a character as a share of the font size, to estimate text widths. */
  charWidth: number;
}

export interface BarRow {
  /** The label as drawn, shortened with "…" when it would not fit. */
  label: string;
  fullLabel: string;
  value: number;
  valueText: string;
  labelY: number; // baseline
  barY: number;
  barWidth: number;
  partWidth: number;
  valueX: number;
  valueY: number; // baseline
}

export interface BarLayout {
  width: number;
  height: number;
  barHeight: number;
  fontSize: number;
  /** Width of the longest possible bar. */
  plotWidth: number;
  rows: BarRow[];
}

// Narrow user units: a phone scales the drawing down by little, so the text stays readable.
export const DEFAULT_BAR_OPTIONS: BarLayoutOptions = { width: 340, fontSize: 13, barHeight: 16, rowGap: 10, top: 0, charWidth: 0.6 };

const VALUE_GAP = 6;
/** A value above zero never disappears, however small next to the largest. */
const MIN_BAR = 2;

export function estimateTextWidth(text: string, fontSize: number, charWidth = DEFAULT_BAR_OPTIONS.charWidth): number {
  return Array.from(text).length * fontSize * charWidth;
}

/** The text shortened to at most `maxChars` characters, ending in "…" when cut. */
export function truncateLabel(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars
    .slice(0, Math.max(1, maxChars - 1))
    .join("")
    .trimEnd()}…`;
}

export function layoutBars(data: BarInput[], options: Partial<BarLayoutOptions> = {}): BarLayout {
  const o = { ...DEFAULT_BAR_OPTIONS, ...options };
  const valueTexts = data.map((d) => d.valueText ?? String(d.value));
  const valueColumn = Math.max(0, ...valueTexts.map((t) => estimateTextWidth(t, o.fontSize, o.charWidth))) + VALUE_GAP;
  const plotWidth = Math.max(1, o.width - valueColumn);
  const max = Math.max(0, ...data.map((d) => d.value));
  const length = (v: number) => (v > 0 && max > 0 ? Math.max(MIN_BAR, (v / max) * plotWidth) : 0);
  const labelChars = Math.max(1, Math.floor(o.width / (o.fontSize * o.charWidth)));
  const labelLine = Math.round(o.fontSize * 1.3);
  const rowHeight = labelLine + o.barHeight + o.rowGap;
  const rows = data.map((d, i): BarRow => {
    const y = o.top + i * rowHeight;
    const barY = y + labelLine;
    const barWidth = length(d.value);
    const part = Math.min(Math.max(0, d.part ?? 0), d.value);
    return {
      label: truncateLabel(d.label, labelChars),
      fullLabel: d.label,
      value: d.value,
      valueText: valueTexts[i]!,
      labelY: y + o.fontSize,
      barY,
      barWidth,
      partWidth: Math.min(barWidth, length(part)),
      valueX: barWidth + VALUE_GAP,
      valueY: barY + o.barHeight / 2 + o.fontSize * 0.35,
    };
  });
  const height = o.top + (data.length ? data.length * rowHeight - o.rowGap : 0);
  return { width: o.width, height, barHeight: o.barHeight, fontSize: o.fontSize, plotWidth, rows };
}
