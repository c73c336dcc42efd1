/**
 * A horizontal bar chart of a few series over a few dozen categories (windows, units), drawn by ECharts (its core
 * with only the bar chart, grid, legend and tooltip, rendered as SVG). The figures are also in a table for screen
 * readers, so the chart is never the only way to read them. Loaded with the console page that uses it, never with
 * the public pages.
 */
import { useEffect, useRef } from 'react';
import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import './BarChart.css';

echarts.use([EBarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

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

const FONT = '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** `counts`: the values are whole numbers (tickets, cases), so the axis never shows 0.5. */
export function BarChart<K extends string>({ title, series, rows, counts = false }: { title: string; series: BarSeries<K>[]; rows: BarRow<K>[]; counts?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  // Callers pass fresh arrays on every render; the chart is redrawn only when the figures change.
  const spec = JSON.stringify({ series, rows, counts });

  useEffect(() => {
    const { series, rows, counts } = JSON.parse(spec) as { series: BarSeries<K>[]; rows: BarRow<K>[]; counts: boolean };
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    // Categories top to bottom in the order given (ECharts draws a category axis bottom-up).
    const ordered = [...rows].reverse();
    chart.setOption({
      textStyle: { fontFamily: FONT },
      animation: false,
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { color: '#3d4450' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: counts ? 1 : 0, axisLabel: { color: '#3d4450' }, splitLine: { lineStyle: { color: '#e3e7ee' } } },
      yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { color: '#1f2329', width: 110, overflow: 'truncate' } },
      series: series.map((s) => ({
        name: s.label,
        type: 'bar',
        itemStyle: { color: s.color },
        label: { show: true, position: 'right', color: '#1f2329' },
        data: ordered.map((r) => r.values[s.key]),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [spec]);

  return (
    <figure className="ow-bars">
      <figcaption className="ow-bars__caption">{title}</figcaption>
      <div ref={box} className="ow-bars__chart" style={{ height: Math.max(160, 48 + rows.length * 22 * Math.max(1, series.length)) }} aria-hidden="true" />
      <table className="ow-visually-hidden">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {series.map((s) => (
                <td key={s.key}>{r.values[s.key] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
