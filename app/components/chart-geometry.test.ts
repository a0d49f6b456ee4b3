import { describe, expect, it } from "vitest";
import { DEFAULT_BAR_OPTIONS, estimateTextWidth, layoutBars, truncateLabel } from "./chart-geometry";

describe("layoutBars", () => {
  const data = [
    { label: "Đã góp ý", value: 8 },
    { label: "Thống nhất", value: 2 },
    { label: "Chưa phản hồi", value: 0 },
  ];

  it("draws the largest value across the plot and the others in proportion", () => {
    const l = layoutBars(data);
    expect(l.rows[0]!.barWidth).toBe(l.plotWidth);
    expect(l.rows[1]!.barWidth).toBeCloseTo(l.plotWidth / 4);
    expect(l.rows[2]!.barWidth).toBe(0);
  });

  it("keeps a column for the values, so the longest bar's value still fits", () => {
    const l = layoutBars([{ label: "a", value: 1234, valueText: "1.234" }]);
    const r = l.rows[0]!;
    expect(r.valueX + estimateTextWidth("1.234", DEFAULT_BAR_OPTIONS.fontSize)).toBeLessThanOrEqual(l.width + 0.001);
    expect(r.valueX).toBeGreaterThan(r.barWidth);
  });

  it("puts each label on its own line above its bar, rows one under another", () => {
    const l = layoutBars(data, { top: 20 });
    const [a, b] = l.rows;
    expect(a!.labelY).toBeGreaterThan(20);
    expect(a!.labelY).toBeLessThanOrEqual(a!.barY);
    expect(b!.labelY).toBeGreaterThan(a!.barY + l.barHeight);
    const last = l.rows.at(-1)!;
    expect(l.height).toBe(last.barY + l.barHeight);
  });

  it("never hides a small value next to a large one, and keeps the solid part inside its bar", () => {
    const l = layoutBars([
      { label: "lớn", value: 100_000, part: 30 },
      { label: "nhỏ", value: 1, part: 5 },
    ]);
    expect(l.rows[1]!.barWidth).toBeGreaterThanOrEqual(2);
    expect(l.rows[1]!.partWidth).toBe(l.rows[1]!.barWidth); // part is capped at the value
    expect(l.rows[0]!.partWidth).toBeGreaterThan(0);
    expect(l.rows[0]!.partWidth).toBeLessThan(l.rows[0]!.barWidth);
  });

  it("handles nothing to draw without NaN", () => {
    expect(layoutBars([]).height).toBe(0);
    const zeros = layoutBars([{ label: "x", value: 0, part: 0 }]);
    expect(zeros.rows[0]!.barWidth).toBe(0);
    expect(Number.isFinite(zeros.rows[0]!.valueX)).toBe(true);
  });

  it("shortens a label that is wider than the chart", () => {
    const long = "2. Xây dựng hạ tầng dữ liệu, nền tảng số dùng chung của tỉnh, kết nối liên thông với hệ thống quốc gia";
    const l = layoutBars([{ label: long, value: 3 }]);
    const r = l.rows[0]!;
    expect(r.fullLabel).toBe(long);
    expect(r.label.endsWith("…")).toBe(true);
    expect(estimateTextWidth(r.label, DEFAULT_BAR_OPTIONS.fontSize)).toBeLessThanOrEqual(l.width);
  });
});

describe("truncateLabel", () => {
  it("leaves a short label alone and counts Vietnamese letters as one character each", () => {
    expect(truncateLabel("Góp ý chung", 11)).toBe("Góp ý chung");
    expect(truncateLabel("Góp ý chung", 6)).toBe("Góp ý…");
  });
});
