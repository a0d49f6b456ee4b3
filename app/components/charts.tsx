// Bar charts drawn as SVG on the server: no script, readable when printed. Each is an image with a
// name and a description for screen readers, followed by the same numbers as a table (visually
// hidden: the drawing shows them too), so nothing is only in the picture. Colours meet WCAG AA:
// bars and text on white at more than 4.5:1; the undecided part is an outline, not a paler colour.
import { type BarInput, layoutBars } from "./chart-geometry";

const BAR = "#0b4f8a";
const TEXT = "#1a1a1a";

export interface ChartRow extends BarInput {
  /** Extra cells for the table, after the label and the value. */
  cells?: (string | number)[];
}

interface BarChartProps {
  id: string;
  title: string;
  /** What a screen reader hears after the title: the numbers in words, or where to find them. */
  description: string;
  rows: ChartRow[];
  /** Column headings of the table: label, value, then one per extra cell. */
  columns: string[];
  /** Shown above the bars when some have a solid part: [solid, outline]. */
  legend?: [string, string];
}

export function BarChart({ id, title, description, rows, columns, legend }: BarChartProps) {
  const top = legend ? 28 : 0;
  const layout = layoutBars(rows, { top });
  const titleId = `${id}-tieu-de`;
  const descId = `${id}-mo-ta`;
  return (
    <figure className="chart">
      <figcaption id={`${id}-chu-thich`} className="chart-caption">
        {title}
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${layout.width} ${Math.max(layout.height, 1)}`}
        width={layout.width}
        height={Math.max(layout.height, 1)}
        className="chart-svg"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {legend ? <Legend labels={legend} fontSize={layout.fontSize} /> : null}
        {layout.rows.map((r, i) => (
          <g key={i}>
            <text x={0} y={r.labelY} fontSize={layout.fontSize} fill={TEXT}>
              {r.label}
            </text>
            {rows[i]!.part !== undefined ? (
              <>
                {r.barWidth > 0 ? (
                  <rect
                    x={0.75}
                    y={r.barY + 0.75}
                    width={Math.max(r.barWidth - 1.5, 0.5)}
                    height={layout.barHeight - 1.5}
                    fill="#ffffff"
                    stroke={BAR}
                    strokeWidth={1.5}
                  />
                ) : null}
                {r.partWidth > 0 ? <rect x={0} y={r.barY} width={r.partWidth} height={layout.barHeight} fill={BAR} /> : null}
              </>
            ) : r.barWidth > 0 ? (
              <rect x={0} y={r.barY} width={r.barWidth} height={layout.barHeight} fill={BAR} />
            ) : null}
            <text x={r.valueX} y={r.valueY} fontSize={layout.fontSize} fill={TEXT} fontWeight={600}>
              {r.valueText}
            </text>
          </g>
        ))}
      </svg>
      {/* A table cannot be narrowed below its content: the wrapper is what gets hidden. */}
      <div className="visually-hidden">
        <table>
          <caption>Số liệu: {title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.label}</th>
                <td>{r.value.toLocaleString("vi-VN")}</td>
                {(r.cells ?? []).map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Legend({ labels, fontSize }: { labels: [string, string]; fontSize: number }) {
  const box = 12;
  const second = 24 + labels[0].length * fontSize * 0.6 + 16;
  return (
    <g>
      <rect x={0} y={4} width={box} height={box} fill={BAR} />
      <text x={box + 6} y={4 + box - 1} fontSize={fontSize} fill={TEXT}>
        {labels[0]}
      </text>
      <rect x={second + 0.75} y={4.75} width={box - 1.5} height={box - 1.5} fill="#ffffff" stroke={BAR} strokeWidth={1.5} />
      <text x={second + box + 6} y={4 + box - 1} fontSize={fontSize} fill={TEXT}>
        {labels[1]}
      </text>
    </g>
  );
}

const count = (n: number) => n.toLocaleString("vi-VN");
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

export interface StandingRow {
  label: string;
  count: number;
}

/** How many invited recipients stand where (đã góp ý, thống nhất, xem như thống nhất …). */
/** `asked` when the rows overlap (an extension granted to someone who then commented is in two). */
export function StandingsChart({ id, rows, asked = rows.reduce((n, r) => n + r.count, 0) }: { id: string; rows: StandingRow[]; asked?: number }) {
  const chartRows = rows.map((r) => ({ label: capitalise(r.label), value: r.count, valueText: count(r.count) }));
  return (
    <BarChart
      id={id}
      title={`Tình trạng của ${count(asked)} người được lấy ý kiến`}
      description={`${chartRows.map((r) => `${r.label}: ${r.valueText}`).join("; ")}.`}
      rows={chartRows}
      columns={["Tình trạng", "Số người"]}
    />
  );
}

export interface SectionChartRow {
  title: string;
  total: number;
  decided: number;
}

/** Comments per section, in the order of the draft, each bar solid for the part already decided. */
export function SectionsChart({ id, rows }: { id: string; rows: SectionChartRow[] }) {
  const busiest = rows.reduce<SectionChartRow | null>((best, r) => (!best || r.total > best.total ? r : best), null);
  const description = busiest
    ? `${count(rows.length)} phần, mục có ý kiến; nhiều nhất là ${busiest.title} với ${count(busiest.total)} ý kiến. Số liệu của từng phần, mục ở bảng ngay sau biểu đồ.`
    : "Chưa có ý kiến nào.";
  return (
    <BarChart
      id={id}
      title="Số ý kiến theo phần, mục (đã xử lý/tổng số)"
      description={description}
      legend={["Đã xử lý", "Chưa xử lý"]}
      rows={rows.map((r) => ({
        label: r.title,
        value: r.total,
        part: r.decided,
        valueText: `${count(r.decided)}/${count(r.total)}`,
        cells: [count(r.decided)],
      }))}
      columns={["Phần, mục", "Số ý kiến", "Đã xử lý"]}
    />
  );
}
