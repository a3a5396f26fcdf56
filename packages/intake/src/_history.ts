/** Views of the progress log: the latest entry per (task, unit), and history with corrections marked. */
import type { ProgressReport } from '@duban/core';

/** The newest report per (task, unit), ordered by task then unit. Input: non-superseded entries, oldest first. */
export function latestPerPair(reports: readonly ProgressReport[]): ProgressReport[] {
  const out = new Map<string, ProgressReport>();
  for (const r of reports) {
    const key = `${r.task}\u0000${r.unit}`;
    const p = out.get(key);
    if (!p || r.date > p.date || (r.date === p.date && (r.id ?? 0) > (p.id ?? 0))) out.set(key, r);
  }
  return [...out.values()].sort((a, b) => a.task - b.task || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** A history entry: the report and, when a later correction replaced it, that entry's id. */
export type HistoryEntry = ProgressReport & { supersededBy?: number };

/** Marks each entry that a later entry supersedes; order is kept. */
export function markSuperseded(reports: readonly ProgressReport[]): HistoryEntry[] {
  const by = new Map<number, number>();
  for (const r of reports) if (r.supersedes !== undefined && r.id !== undefined) by.set(r.supersedes, r.id);
  return reports.map((r) => (r.id !== undefined && by.has(r.id) ? { ...r, supersededBy: by.get(r.id)! } : { ...r }));
}
