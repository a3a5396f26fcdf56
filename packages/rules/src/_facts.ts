import type { Indicator, Plan, ProgressReport, Task } from '@duban/core';
import { chineseDate, daysBetween, round1 } from './_dates.js';
import { indexReports, listReports, mapReports, type TaskReports } from './_grouped.js';

/** Everything a status rule may look at for one task as of a date (documented in README.md). */
export interface TaskFacts {
  task: number;
  asOf: string;
  start: string;
  deadline: string;
  /** The deadline as printed: 2019年8月31日. */
  deadlineText: string;
  /** The deadline phrase as written in the notice (8月底前), or 年底前 when it had none. */
  deadlinePhrase: string;
  daysToDeadline: number;
  daysOverdue: number;
  daysSinceStart: number;
  /** 序时进度: share of the time from start to deadline already gone, 0–100. */
  elapsedRatio: number;
  /** 完成进度, 0–100. */
  progressRatio: number;
  /** Points behind 序时进度 (negative when ahead). */
  scheduleGap: number;
  completed: boolean;
  /** The latest report's state, or `none` when nobody has reported. */
  state: 'none' | 'in_progress' | 'done' | 'blocked';
  lastReportDate: string | null;
  /** Days since the latest report, or since the start when never reported. */
  lastReportAgeDays: number;
  reportCount: number;
}

/** The date a plan's clock starts: its issue date, else 1 January of its year. */
export function planStart(plan: Pick<Plan, 'date' | 'year'>): string {
  return plan.date ?? `${plan.year}-01-01`;
}

/** Reports dated on or before `asOf`, grouped by task, oldest first (input order breaks ties). */
export function reportsByTask(progress: readonly ProgressReport[], asOf: string): Map<number, ProgressReport[]> {
  const out = new Map<number, ProgressReport[]>();
  for (const r of progress) {
    if (r.date > asOf) continue;
    const list = out.get(r.task);
    if (list) list.push(r);
    else out.set(r.task, [r]);
  }
  // The ledger lists oldest first, so usually nothing moves; Array#sort is stable, so input order breaks ties.
  for (const list of out.values()) {
    for (let i = 1; i < list.length; i++) {
      if (list[i - 1]!.date > list[i]!.date) {
        list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        break;
      }
    }
  }
  return out;
}

/** Computes the facts of every task of `plan` as of `asOf`: the one place facts are made (`grouped`: reportsByTask's result or a report index, if already at hand). */
export function computeTaskFacts(plan: Pick<Plan, 'date' | 'year' | 'tasks'>, progress: readonly ProgressReport[], asOf: string, grouped?: ReadonlyMap<number, ProgressReport[]> | TaskReports): Map<number, TaskFacts> {
  const start = planStart(plan);
  const reports = grouped === undefined ? indexReports(plan.tasks, progress, asOf) : 'count' in grouped ? grouped : mapReports(plan.tasks, grouped);
  const out = new Map<number, TaskFacts>();
  plan.tasks.forEach((task, ti) => out.set(task.number, factsFrom(task, reports, ti, asOf, start)));
  return out;
}

/** Facts of one task from its reports (dated on/before asOf, oldest first). */
export function factsOfTask(task: Pick<Task, 'number' | 'deadline' | 'indicators'>, reports: readonly ProgressReport[], asOf: string, start: string): TaskFacts {
  return factsFrom(task, listReports(reports), 0, asOf, start);
}

/** factsOfTask for task `ti` of a grouped report set (no array per task). */
function factsFrom(task: Pick<Task, 'number' | 'deadline' | 'indicators'>, reports: TaskReports, ti: number, asOf: string, start: string): TaskFacts {
  const deadline = task.deadline.date;
  const total = daysBetween(start, deadline);
  const since = daysBetween(start, asOf);
  // A deadline on or before the start (a notice issued late) is all elapsed once it is reached.
  const elapsed = total <= 0 ? (asOf >= deadline ? 100 : 0) : clamp((since / total) * 100, 0, 100);
  const n = reports.count(ti);
  const latest = n ? reports.at(ti, n - 1) : undefined;
  const progressRatio = round1(progressOf(task.indicators, reports, ti, n));
  const elapsedRatio = round1(elapsed);
  const state = latest ? latest.state : 'none';
  return {
    task: task.number,
    asOf,
    start,
    deadline,
    deadlineText: chineseDate(deadline),
    deadlinePhrase: task.deadline.phrase ?? '年底前',
    daysToDeadline: daysBetween(asOf, deadline),
    daysOverdue: Math.max(0, daysBetween(deadline, asOf)),
    daysSinceStart: since,
    elapsedRatio,
    progressRatio,
    scheduleGap: round1(elapsedRatio - progressRatio),
    completed: state === 'done' || progressRatio >= 100,
    state,
    lastReportDate: latest ? latest.date : null,
    lastReportAgeDays: latest ? daysBetween(latest.date, asOf) : Math.max(0, since),
    reportCount: n,
  };
}

/**
 * Progress from the latest report that says anything measurable: its percent, else
 * the mean of its indicators' actual/target (honouring ≥/≤), else 0.
 */
function progressOf(indicators: readonly Indicator[], reports: TaskReports, ti: number, n: number): number {
  for (let i = n - 1; i >= 0; i--) {
    const r = reports.at(ti, i);
    if (r.percent !== undefined) return clamp(r.percent, 0, 100);
    // Summed in order as before (same floating-point result), without an array per report.
    let sum = 0;
    let count = 0;
    for (const ind of indicators) {
      const actual = r.values?.[ind.key];
      if (actual !== undefined) {
        sum += indicatorRatio(ind, actual);
        count++;
      }
    }
    if (count) return sum / count;
  }
  return 0;
}

/** How far an actual value is toward its target, 0–100, by the indicator's comparator. */
export function indicatorRatio(ind: Pick<Indicator, 'value' | 'comparator'>, actual: number): number {
  const target = ind.value;
  if (ind.comparator === 'le') return actual <= target ? 100 : actual > 0 ? clamp((target / actual) * 100, 0, 100) : 0;
  if (ind.comparator === 'eq') {
    if (actual === target) return 100;
    const hi = Math.max(Math.abs(actual), Math.abs(target));
    return hi === 0 ? 100 : clamp((Math.min(Math.abs(actual), Math.abs(target)) / hi) * 100, 0, 100);
  }
  return target <= 0 ? 100 : clamp((actual / target) * 100, 0, 100);
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}
