import { STATUS_ORDER, type Status } from '@duban/reporter-api';
import type { LedgerRow } from './_rows.js';

export { STATUS_ORDER };

/** Counts by verdict for one group of rows (a section, or all). */
export interface StatsRow {
  label: string;
  /** The section title the rows share, or null for the overall row. */
  section: string | null;
  total: number;
  counts: Record<Status, number>;
}

function count(rows: readonly LedgerRow[]): Record<Status, number> {
  const out = { completed: 0, on_track: 0, at_risk: 0, overdue: 0, not_due: 0 };
  for (const r of rows) if (r.status) out[r.status]++;
  return out;
}

/** Counts by verdict per section (in section order), then overall. */
export function buildStats(rows: readonly LedgerRow[]): StatsRow[] {
  const sections = [...new Map(rows.map((r) => [r.section, r.sectionTitle])).entries()].sort((a, b) => a[0] - b[0]);
  const per = sections.map(([n, title]): StatsRow => {
    const mine = rows.filter((r) => r.section === n);
    return { label: title, section: title, total: mine.length, counts: count(mine) };
  });
  return [...per, { label: '合计', section: null, total: rows.length, counts: count(rows) }];
}
