import type { Status } from '@duban/core';
import type { Evaluation } from './_judge.js';

/** What changes if rule set B replaced rule set A, for the same plan, progress and date. */
export interface RuleDiff {
  tasks: { task: number; from: Status; to: Status; fromRule: string; toRule: string; reason: string }[];
  units: { unit: string; from: number; to: number; delta: number }[];
  counts: { from: Record<Status, number>; to: Record<Status, number> };
}

/** Tasks whose verdict changes and units whose total changes (with the difference), a → b. */
export function diffEvaluations(a: Evaluation, b: Evaluation): RuleDiff {
  const after = new Map(b.verdicts.map((v) => [v.task, v]));
  const tasks: RuleDiff['tasks'] = [];
  for (const v of a.verdicts) {
    const w = after.get(v.task);
    if (w && w.status !== v.status)
      tasks.push({ task: v.task, from: v.status, to: w.status, fromRule: v.rule, toRule: w.rule, reason: w.reason });
  }
  const totals = new Map(b.scores.map((s) => [s.unit, s.total]));
  const units: RuleDiff['units'] = [];
  for (const s of a.scores) {
    const t = totals.get(s.unit);
    if (t !== undefined && t !== s.total)
      units.push({ unit: s.unit, from: s.total, to: t, delta: Math.round((t - s.total) * 100) / 100 });
  }
  return { tasks, units, counts: { from: a.counts, to: b.counts } };
}
