/** Many valid reports for one plan, for load tests and benchmarks (not sample data). */
import type { Plan, ProgressReport } from '@duban/core';

/**
 * `count` distinct, valid reports: every (task, assigned unit) pair on day 1 of the
 * plan year, then day 2, … Throws if the plan cannot hold that many in one year.
 */
export function bulkReports(plan: Plan, count: number): ProgressReport[] {
  const pairs = plan.tasks.flatMap((t) => t.assignments.map((a) => ({ task: t, unit: a.unit })));
  if (pairs.length * 365 < count)
    throw new Error(`plan has ${pairs.length} (task, unit) pairs: at most ${pairs.length * 365} reports fit in a year`);
  const out: ProgressReport[] = [];
  const start = Date.UTC(plan.year, 0, 1);
  for (let i = 0; i < count; i++) {
    const { task, unit } = pairs[i % pairs.length]!;
    const day = Math.floor(i / pairs.length);
    const percent = Math.min(100, Math.round((day / 365) * 100));
    const values: Record<string, number> = {};
    for (const ind of task.indicators) values[ind.key] = Math.round(((ind.value * percent) / 100) * 100) / 100;
    out.push({
      task: task.number,
      unit,
      date: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
      percent,
      values,
      state: percent >= 100 ? 'done' : 'in_progress',
      progress: `第${day + 1}天进展`,
      problems: '',
      nextSteps: '',
      evidence: [],
    });
  }
  return out;
}
