import type { Plan, ProgressReport, Status, Task, UnitDirectory, Verdict } from '@duban/core';
import type { StatusCounts, TaskProgress, UnitInfo } from './_types.js';

// Pure view-model builders shared by the CLI and the conformance kit, so a
// reporter tested against the fixture context sees the same shapes as in a run.

/** The unit that reports for a task: its lead, else the convener of the responsible units, else the first responsible unit. */
export function reportingUnit(task: Task): string | null {
  const lead = task.assignments.find((a) => a.role === 'lead');
  if (lead) return lead.unit;
  const responsible = task.assignments.filter((a) => a.role === 'responsible');
  return (responsible.find((a) => a.convener) ?? responsible[0])?.unit ?? null;
}

/**
 * Latest progress per task: drops superseded entries, keeps each unit's newest
 * report (by date, then by ledger order), newest first. `latest` is the
 * reporting unit's (lead/convener) report, else the newest of any unit.
 * `progress` must be oldest first, as the ledger lists it.
 */
export function buildTaskProgress(plan: Plan, progress: readonly ProgressReport[]): TaskProgress[] {
  const superseded = new Set(progress.flatMap((r) => (r.supersedes === undefined ? [] : [r.supersedes])));
  const byTask = new Map<number, Map<string, ProgressReport>>();
  for (const r of progress) {
    if (r.id !== undefined && superseded.has(r.id)) continue;
    const units = byTask.get(r.task) ?? new Map<string, ProgressReport>();
    const prev = units.get(r.unit);
    if (!prev || r.date >= prev.date) units.set(r.unit, r);
    byTask.set(r.task, units);
  }
  return plan.tasks.map((t) => {
    const reports = [...(byTask.get(t.number)?.values() ?? [])].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    const owner = reportingUnit(t);
    const latest = reports.find((r) => r.unit === owner) ?? reports[0] ?? null;
    return { task: t.number, reports, latest };
  });
}

/** Units referenced by the plan, in the plan's order, with kind and the tasks they hold. */
export function buildUnits(plan: Plan, directory: UnitDirectory): UnitInfo[] {
  const byName = new Map<string, UnitInfo & { tasks: { task: number; role: Task['assignments'][number]['role'] }[] }>();
  const entry = (name: string, isGroup: boolean) => {
    let u = byName.get(name);
    if (!u) {
      const d = directory.units.find((x) => x.name === name);
      const g = directory.groups.some((x) => x.name === name);
      u = { name, kind: d?.kind ?? (isGroup || g ? 'group' : 'other'), isGroup: isGroup || (!d && g), tasks: [] };
      if (d?.fullName) u.fullName = d.fullName;
      byName.set(name, u);
    }
    return u;
  };
  for (const name of plan.units) entry(name, false);
  for (const t of plan.tasks) {
    for (const a of t.assignments) {
      const u = entry(a.unit, a.isGroup === true);
      if (a.isGroup) u.isGroup = true;
      if (!u.tasks.some((x) => x.task === t.number && x.role === a.role)) u.tasks.push({ task: t.number, role: a.role });
    }
  }
  return [...byName.values()];
}

/** Counts verdicts by status; every status is present, zero when unused. */
export function countStatuses(verdicts: readonly Verdict[]): StatusCounts {
  const counts: Record<Status, number> = { completed: 0, on_track: 0, at_risk: 0, overdue: 0, not_due: 0 };
  for (const v of verdicts) counts[v.status] += 1;
  return counts;
}
