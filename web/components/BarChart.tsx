/**
 * A horizontal bar chart of a few series over a few dozen categories (windows, units), drawn with plain boxes:
 * no chart library, each value also written as text so the chart reads without seeing the bars.
 */
import './BarChart.css';

export interface BarSeries<K extends string> {
  key: K;
  label: string;
  color: string;
}

export interface BarRow<K extends string> {
  key: string;
  label: string;
  values: Record<K, number | null>;
}

export function BarChart<K extends string>({ title, series, rows }: { title: string; series: BarSeries<K>[]; rows: BarRow<K>[] }) {
  const max = Math.max(0, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)));
  return (
    <figure className="ow-bars">
      <figcaption className="ow-bars__caption">{title}</figcaption>
      <div className="ow-bars__legend" aria-hidden="true">
        {series.map((s) => (
          <span key={s.key}>
            <span className="ow-bars__swatch" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </div>
      {rows.map((r) => (
        <div className="ow-bars__row" key={r.key}>
          <span className="ow-bars__label" title={r.label}>
            {r.label}
          </span>
          <div className="ow-bars__lines">
            {series.map((s) => {
              const value = r.values[s.key];
              const width = value === null || max === 0 ? 0 : (value / max) * 85;
              return (
                <div className="ow-bars__line" key={s.key}>
                  <span className="ow-bars__bar" style={{ width: `${width}%`, background: s.color }} />
                  <span>
                    <span className="ow-visually-hidden">{s.label} </span>
                    {value ?? '—'}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </figure>
  );
}
