import { STATUS_ORDER, type Status, type VerdictCounts as StatusCounts, statusLabels } from '@duban/core';

/** One coloured segment of a stacked bar, in SVG user units. */
export interface Segment {
  status: Status;
  label: string;
  count: number;
  x: number;
  width: number;
}

/** One row of a stacked-bar chart. */
export interface BarRow {
  label: string;
  href?: string;
  total: number;
  y: number;
  segments: Segment[];
  /** Text for screen readers: 已完成 3，正常推进 5 … */
  summary: string;
}

/** A server-rendered stacked horizontal bar chart: geometry only, the view draws it. */
export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  barWidth: number;
  rowHeight: number;
  rows: BarRow[];
  legend: { status: Status; label: string; x: number }[];
}

/**
 * Lays out stacked bars of verdict counts, one row per group, scaled to the
 * largest total so rows compare by length. No script, no client library.
 */
export function stackedBars(
  groups: readonly { label: string; href?: string; counts: StatusCounts }[],
  options: { labelWidth?: number; barWidth?: number; rowHeight?: number } = {},
): BarChart {
  const labelWidth = options.labelWidth ?? 200;
  const barWidth = options.barWidth ?? 460;
  const rowHeight = options.rowHeight ?? 26;
  const totals = groups.map((g) => STATUS_ORDER.reduce((n, s) => n + g.counts[s], 0));
  const max = Math.max(1, ...totals);
  const rows = groups.map((g, i) => {
    let x = labelWidth;
    const segments: Segment[] = [];
    for (const s of STATUS_ORDER) {
      const count = g.counts[s];
      if (!count) continue;
      const width = Math.round((count / max) * barWidth * 10) / 10;
      segments.push({ status: s, label: statusLabels[s], count, x, width });
      x += width;
    }
    return {
      label: g.label,
      href: g.href,
      total: totals[i]!,
      y: 30 + i * rowHeight,
      segments,
      summary: segments.map((s) => `${s.label}${s.count}项`).join('，') || '无任务',
    };
  });
  const legend = STATUS_ORDER.filter((s) => s !== 'not_due' || groups.some((g) => g.counts.not_due > 0)).map(
    (s, i) => ({ status: s, label: statusLabels[s], x: labelWidth + i * 110 }),
  );
  return {
    width: labelWidth + barWidth + 60,
    height: 40 + groups.length * rowHeight,
    labelWidth,
    barWidth,
    rowHeight,
    rows,
    legend,
  };
}
