import type { Plan, ProgressReport, Role, Status, Verdict } from '@duban/core';
import { daysBetween } from './_dates.js';
import { planStart } from './_facts.js';
import { indexReports, mapReports, type TaskReports } from './_grouped.js';

/** Facts of one unit on one task: what task-level scoring rules look at (with the task's facts). */
export interface UnitTaskFacts {
  unit: string;
  task: number;
  role: Role;
  /** The score-sheet line (scoring.json category key) this pair falls under, or '' when no line takes its role. */
  category: string;
  /** The task's verdict. */
  verdict: Status;
  /** The status rule that decided it. */
  verdictRule: string;
  /** That rule's category ('' when none). */
  verdictCategory: string;
  /** True when this unit convenes a task shared by responsible units (first listed). */
  convener: boolean;
  /** True when this unit must report on the task: lead, or the convener/sole reporter of responsible units. */
  reportingDuty: boolean;
  unitReportCount: number;
  /** Days since this unit last reported on the task, or since the start when it never did. */
  unitLastReportAgeDays: number;
}

/** Facts of one unit: counts by verdict and role, missing and late reports. */
export interface UnitFacts {
  unit: string;
  taskCount: number;
  leadTasks: number;
  coTasks: number;
  responsibleTasks: number;
  completedTasks: number;
  onTrackTasks: number;
  atRiskTasks: number;
  overdueTasks: number;
  notDueTasks: number;
  /** Reports this unit filed (any task), dated on/before asOf. */
  reportCount: number;
  /** Tasks this unit must report on but never did (tasks judged completed are not counted). */
  missingReports: number;
  /** Plan milestones (推进方案 …) past their deadline with no report from this unit dated on/before it. */
  lateReports: number;
  lateMilestones: string[];
  daysSinceStart: number;
  pairs: UnitTaskFacts[];
}

/** A unit's filing of a plan milestone (推进方案), kept as its own document type (see @duban/store filings). */
export interface MilestoneFiling {
  unit: string;
  /** The plan milestone's key. */
  milestone: string;
  /** The date the unit filed it (YYYY-MM-DD). */
  date: string;
}

const ROLE_RANK: Record<Role, number> = { lead: 3, responsible: 2, co: 1 };

/**
 * Computes per-unit facts. Groups nobody defines (`isGroup`) are not units and are
 * skipped: a collective name cannot be scored or asked for a report.
 */
export function computeUnitFacts(
  plan: Pick<Plan, 'date' | 'year' | 'tasks' | 'milestones'>,
  progress: readonly ProgressReport[],
  asOf: string,
  verdicts: ReadonlyMap<number, Status>,
  grouped?: ReadonlyMap<number, ProgressReport[]>,
  categoryOf: (role: Role) => string | undefined = () => undefined,
  filings?: readonly MilestoneFiling[],
): Map<string, UnitFacts> {
  const reports = grouped ? mapReports(plan.tasks, grouped) : indexReports(plan.tasks, progress, asOf);
  return unitFactsFrom(
    plan,
    progress,
    asOf,
    (ti) => ({ status: verdicts.get(plan.tasks[ti]!.number) ?? 'on_track', rule: '', category: undefined }),
    reports,
    categoryOf,
    filings,
  );
}

/**
 * computeUnitFacts with the verdict of task `ti` (its index in plan.tasks) and grouped reports: no Map per task number.
 * When `filings` is given, a milestone is met by the unit's filing of it, not by any progress report.
 */
export function unitFactsFrom(
  plan: Pick<Plan, 'date' | 'year' | 'tasks' | 'milestones'>,
  progress: readonly ProgressReport[],
  asOf: string,
  verdictAt: (ti: number) => Pick<Verdict, 'status' | 'rule' | 'category'>,
  reports: TaskReports,
  categoryOf: (role: Role) => string | undefined = () => undefined,
  filings?: readonly MilestoneFiling[],
): Map<string, UnitFacts> {
  const start = planStart(plan);
  const since = daysBetween(start, asOf);
  // Per unit: reports filed (any task, dated on/before asOf) and the earliest date (all a milestone check needs).
  const filed = new Map<string, { count: number; first: string }>();
  for (const r of progress) {
    if (r.date > asOf) continue;
    const f = filed.get(r.unit);
    if (!f) filed.set(r.unit, { count: 1, first: r.date });
    else {
      f.count++;
      if (r.date < f.first) f.first = r.date;
    }
  }
  const out = new Map<string, UnitFacts>();
  plan.tasks.forEach((task, ti) => {
    const verdict = verdictAt(ti);
    const n = reports.count(ti);
    const as = task.assignments;
    let anyConvener = false;
    for (const a of as) if (!a.isGroup && a.convener) anyConvener = true;
    // A task has a handful of assignments: scanning them beats arrays or a Map per task (10^5 of them at province scale).
    for (let j = 0; j < as.length; j++) {
      if (as[j]!.isGroup) continue;
      const unit = as[j]!.unit;
      let a = as[j]!;
      let first = true;
      for (let i = 0; i < as.length; i++) {
        const b = as[i]!;
        if (b.isGroup || b.unit !== unit) continue;
        if (i < j) first = false;
        // A unit named twice on one task (once via a group) keeps its strongest role (the first such).
        else if (ROLE_RANK[b.role] > ROLE_RANK[a.role]) a = b;
      }
      if (!first) continue;
      let count = 0;
      let last: string | undefined;
      for (let k = 0; k < n; k++) {
        const r = reports.at(ti, k);
        if (r.unit !== unit) continue;
        count++;
        last = r.date; // oldest first: the last one seen is the latest
      }
      unitOf(out, unit, since).pairs.push({
        unit,
        task: task.number,
        role: a.role,
        category: categoryOf(a.role) ?? '',
        verdict: verdict.status,
        verdictRule: verdict.rule,
        verdictCategory: verdict.category ?? '',
        convener: a.convener === true,
        reportingDuty: a.role === 'lead' || (a.role === 'responsible' && (a.convener === true || !anyConvener)),
        unitReportCount: count,
        unitLastReportAgeDays: last ? daysBetween(last, asOf) : Math.max(0, since),
      });
    }
  });
  const filedOn = filings ? firstFilings(filings, asOf) : undefined;
  for (const u of out.values()) tally(u, filed.get(u.unit), plan.milestones, asOf, filedOn);
  return out;
}

function unitOf(map: Map<string, UnitFacts>, unit: string, since: number): UnitFacts {
  let u = map.get(unit);
  if (!u) {
    u = {
      unit,
      taskCount: 0,
      leadTasks: 0,
      coTasks: 0,
      responsibleTasks: 0,
      completedTasks: 0,
      onTrackTasks: 0,
      atRiskTasks: 0,
      overdueTasks: 0,
      notDueTasks: 0,
      reportCount: 0,
      missingReports: 0,
      lateReports: 0,
      lateMilestones: [],
      daysSinceStart: since,
      pairs: [],
    };
    map.set(unit, u);
  }
  return u;
}

const VERDICT_FIELD = {
  completed: 'completedTasks',
  on_track: 'onTrackTasks',
  at_risk: 'atRiskTasks',
  overdue: 'overdueTasks',
  not_due: 'notDueTasks',
} as const;
const ROLE_FIELD = { lead: 'leadTasks', co: 'coTasks', responsible: 'responsibleTasks' } as const;

/** The earliest filing date per (unit, milestone), among filings dated on/before asOf. */
function firstFilings(filings: readonly MilestoneFiling[], asOf: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of filings) {
    if (f.date > asOf) continue;
    const key = `${f.unit}\u001f${f.milestone}`;
    const prev = out.get(key);
    if (prev === undefined || f.date < prev) out.set(key, f.date);
  }
  return out;
}

function tally(
  u: UnitFacts,
  filed: { count: number; first: string } | undefined,
  milestones: Plan['milestones'],
  asOf: string,
  filedOn?: Map<string, string>,
): void {
  u.taskCount = u.pairs.length;
  for (const p of u.pairs) {
    u[VERDICT_FIELD[p.verdict]]++;
    u[ROLE_FIELD[p.role]]++;
    if (p.reportingDuty && p.unitReportCount === 0 && p.verdict !== 'completed') u.missingReports++;
  }
  u.reportCount = filed?.count ?? 0;
  for (const m of milestones) {
    if (m.deadline.date >= asOf) continue; // still due on its own day: a report dated that day is on time
    if (filedOn) {
      const on = filedOn.get(`${u.unit}\u001f${m.key}`);
      if (on === undefined || on > m.deadline.date) u.lateMilestones.push(m.text);
    } else if (!filed || filed.first > m.deadline.date) u.lateMilestones.push(m.text);
  }
  u.lateReports = u.lateMilestones.length;
}
