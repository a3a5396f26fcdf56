import {
  accountableUnits,
  chineseDate,
  daysBetween,
  type FigureSource,
  type Indicator,
  type Plan,
  type ProgressReport,
  reportingUnit,
  type Task,
} from '@duban/core';
import { round1 } from './_dates.js';
import { indexReports, listReports, mapReports, type TaskReports } from './_grouped.js';

/** Everything a status rule may look at for one task as of a date (documented in README.md and _catalog.ts). */
export interface TaskFacts {
  task: number;
  asOf: string;
  /** The notice's date (else 1 January of the plan year): where the year's work starts. */
  start: string;
  /** Where the 序时 clock starts: 1 January (`year` basis) or the notice date (`notice` basis). */
  scheduleStart: string;
  deadline: string;
  /** The deadline as printed: 2019年8月31日. */
  deadlineText: string;
  /** The deadline phrase as written in the notice (8月底前), or 年底前 when it had none. */
  deadlinePhrase: string;
  daysToDeadline: number;
  daysOverdue: number;
  /** Days since the notice (start). */
  daysSinceStart: number;
  /** 序时进度: share of scheduleStart→deadline gone by asOf, both days counted, 0–100. */
  elapsedRatio: number;
  /** 完成进度, 0–100: the figure (see progressSource). */
  progressRatio: number;
  /** Points behind 序时进度 (negative when ahead). */
  scheduleGap: number;
  /** Points ahead of 序时进度 (negative when behind): −scheduleGap. */
  scheduleLead: number;
  completed: boolean;
  /** The figure's report state, or `none` when nobody has reported. */
  state: 'none' | 'in_progress' | 'done' | 'blocked';
  /** The unit whose report is the figure ('' when none). */
  progressUnit: string;
  /** The date of that report, or null. */
  progressDate: string | null;
  /** reporting | other | minimum | latest | none: how the figure was chosen. */
  progressSource: FigureSource;
  /** The day the task was first reported complete without a later report taking it back, or null. */
  completedOn: string | null;
  /** Days from completedOn to the deadline (0 when not completed or completed late). */
  daysEarly: number;
  lastReportDate: string | null;
  /** Days since the latest report of any unit, or since the start when never reported. */
  lastReportAgeDays: number;
  reportCount: number;
}

/** How facts are computed: the rule set's choices (status.json `schedule` and `progress`). */
export interface FactOptions {
  /** 序时进度 from 1 January of the plan year (`year`, default) or from the notice date (`notice`). */
  scheduleBasis?: 'year' | 'notice';
  /** The figure: the reporting unit's latest report (default), the newest of any unit, or the lowest of the accountable units. */
  progressBasis?: 'reporting-unit' | 'latest' | 'minimum';
}

/** The date a plan's work starts: its issue date, else 1 January of its year. */
export function planStart(plan: Pick<Plan, 'date' | 'year'>): string {
  return plan.date ?? `${plan.year}-01-01`;
}

/** Where the 序时 clock starts for a plan under a basis. */
export function scheduleStart(plan: Pick<Plan, 'date' | 'year'>, basis: FactOptions['scheduleBasis'] = 'year'): string {
  return basis === 'notice' ? planStart(plan) : `${plan.year}-01-01`;
}

/**
 * 序时进度: the share of the time from `start` to `deadline` gone by `asOf`, counting
 * both the first and the current day (30 June of a year from 1 January is 181/365 =
 * 49.6%, 时间过半). 0 before the start, 100 on and after the deadline.
 */
export function elapsedShare(start: string, deadline: string, asOf: string): number {
  if (asOf >= deadline) return 100;
  if (asOf < start) return 0;
  const total = daysBetween(start, deadline) + 1;
  return total <= 0 ? 100 : clamp(((daysBetween(start, asOf) + 1) / total) * 100, 0, 100);
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

type FactTask = Pick<Task, 'number' | 'deadline' | 'indicators' | 'assignments'>;

/** Computes the facts of every task of `plan` as of `asOf`: the one place facts are made (`grouped`: reportsByTask's result or a report index, if already at hand). */
export function computeTaskFacts(
  plan: Pick<Plan, 'date' | 'year'> & { tasks: readonly FactTask[] },
  progress: readonly ProgressReport[],
  asOf: string,
  grouped?: ReadonlyMap<number, ProgressReport[]> | TaskReports,
  options: FactOptions = {},
): Map<number, TaskFacts> {
  const start = planStart(plan);
  const sched = scheduleStart(plan, options.scheduleBasis);
  const reports =
    grouped === undefined
      ? indexReports(plan.tasks, progress, asOf)
      : 'count' in grouped
        ? grouped
        : mapReports(plan.tasks, grouped);
  const out = new Map<number, TaskFacts>();
  plan.tasks.forEach((task, ti) =>
    out.set(task.number, factsFrom(task, reports, ti, asOf, start, sched, options.progressBasis ?? 'reporting-unit')),
  );
  return out;
}

/** Facts of one task from its reports (dated on/before asOf, oldest first). */
export function factsOfTask(
  task: FactTask,
  reports: readonly ProgressReport[],
  asOf: string,
  start: string,
  options: FactOptions & { scheduleStart?: string } = {},
): TaskFacts {
  return factsFrom(
    task,
    listReports(reports),
    0,
    asOf,
    start,
    options.scheduleStart ?? start,
    options.progressBasis ?? 'reporting-unit',
  );
}

/** factsOfTask for task `ti` of a grouped report set (no array per task). */
function factsFrom(
  task: FactTask,
  reports: TaskReports,
  ti: number,
  asOf: string,
  start: string,
  sched: string,
  basis: NonNullable<FactOptions['progressBasis']>,
): TaskFacts {
  const deadline = task.deadline.date;
  const since = daysBetween(start, asOf);
  const n = reports.count(ti);
  const latest = n ? reports.at(ti, n - 1) : undefined;
  const fig = taskFigure(task, reports, ti, n, basis);
  const progressRatio = round1(fig.percent);
  const elapsedRatio = round1(elapsedShare(sched, deadline, asOf));
  const daysEarly = fig.completedOn && fig.completedOn < deadline ? daysBetween(fig.completedOn, deadline) : 0;
  return {
    task: task.number,
    asOf,
    start,
    scheduleStart: sched,
    deadline,
    deadlineText: chineseDate(deadline),
    deadlinePhrase: task.deadline.phrase ?? '年底前',
    daysToDeadline: daysBetween(asOf, deadline),
    daysOverdue: Math.max(0, daysBetween(deadline, asOf)),
    daysSinceStart: since,
    elapsedRatio,
    progressRatio,
    scheduleGap: round1(elapsedRatio - progressRatio),
    scheduleLead: round1(progressRatio - elapsedRatio),
    completed: fig.completed,
    state: fig.state,
    progressUnit: fig.unit ?? '',
    progressDate: fig.date,
    progressSource: fig.source,
    completedOn: fig.completedOn,
    daysEarly,
    lastReportDate: latest ? latest.date : null,
    lastReportAgeDays: latest ? daysBetween(latest.date, asOf) : Math.max(0, since),
    reportCount: n,
  };
}

/** One unit's figure on a task: its newest report's state, the newest measurable figure, and since when it has stayed complete. */
export interface UnitFigureRaw {
  unit: string;
  percent: number;
  state: 'none' | 'in_progress' | 'done' | 'blocked';
  /** Date of the report that gives the figure. */
  date: string | null;
  /** Index (in the task's report list) of the report whose narrative goes with the figure; -1 when none. */
  index: number;
  completed: boolean;
  completedOn: string | null;
  count: number;
}

/**
 * One unit's own figure on a task from its reports (oldest first): the newest
 * report's state; its percent, else the mean attainment of its indicator values,
 * else the newest older report's measurable figure; `done` counts as 100.
 */
export function unitFigure(
  indicators: readonly Indicator[],
  reports: TaskReports,
  ti: number,
  n: number,
  unit: string,
): UnitFigureRaw {
  let newest = -1;
  let count = 0;
  for (let k = n - 1; k >= 0; k--) {
    if (reports.at(ti, k).unit !== unit) continue;
    count++;
    if (newest < 0) newest = k;
  }
  if (newest < 0)
    return { unit, percent: 0, state: 'none', date: null, index: -1, completed: false, completedOn: null, count: 0 };
  const top = reports.at(ti, newest);
  let percent = 0;
  let date = top.date;
  if (top.state === 'done') percent = 100;
  else {
    for (let k = newest; k >= 0; k--) {
      const r = reports.at(ti, k);
      if (r.unit !== unit) continue;
      const p = measured(indicators, r);
      if (p !== undefined) {
        percent = p;
        date = r.date;
        break;
      }
    }
  }
  const completed = top.state === 'done' || percent >= 100;
  let completedOn: string | null = null;
  if (completed) {
    // The first report of the unbroken run of complete reports that ends with the newest.
    for (let k = newest; k >= 0; k--) {
      const r = reports.at(ti, k);
      if (r.unit !== unit) continue;
      const p = r.state === 'done' ? 100 : measured(indicators, r);
      if (r.state === 'done' || (p !== undefined && p >= 100)) completedOn = r.date;
      else break;
    }
  }
  return {
    unit,
    percent,
    state: top.state,
    date,
    index: newest,
    completed,
    completedOn: completedOn ?? (completed ? top.date : null),
    count,
  };
}

/** The task's figure under a basis (see FactOptions.progressBasis). */
export function taskFigure(
  task: Pick<Task, 'indicators' | 'assignments'>,
  reports: TaskReports,
  ti: number,
  n: number,
  basis: NonNullable<FactOptions['progressBasis']>,
): Omit<UnitFigureRaw, 'unit'> & { source: FigureSource; unit: string | null } {
  if (n === 0) return { ...unitFigure(task.indicators, reports, ti, 0, ''), unit: null, source: 'none' };
  if (basis === 'minimum') {
    let low: UnitFigureRaw | undefined;
    let all = true;
    for (const unit of accountableUnits(task)) {
      const f = unitFigure(task.indicators, reports, ti, n, unit);
      if (f.index < 0) {
        all = false;
        continue;
      }
      if (!f.completed) all = false;
      if (!low || f.percent < low.percent) low = f;
    }
    if (low)
      return { ...low, completed: all && low.completed, completedOn: all ? low.completedOn : null, source: 'minimum' };
  } else if (basis === 'reporting-unit') {
    const own = reportingUnit(task);
    if (own !== null) {
      const f = unitFigure(task.indicators, reports, ti, n, own);
      if (f.index >= 0) return { ...f, source: 'reporting' };
    }
    return { ...unitFigure(task.indicators, reports, ti, n, reports.at(ti, n - 1).unit), source: 'other' };
  }
  return { ...unitFigure(task.indicators, reports, ti, n, reports.at(ti, n - 1).unit), source: 'latest' };
}

/** A report's own measurable figure: its percent, else the mean attainment of its indicator values; undefined when it gives neither. */
function measured(indicators: readonly Indicator[], r: ProgressReport): number | undefined {
  if (r.percent !== undefined) return clamp(r.percent, 0, 100);
  // Summed in order (the same floating-point result every time), without an array per report.
  let sum = 0;
  let count = 0;
  for (const ind of indicators) {
    const actual = r.values?.[ind.key];
    if (actual !== undefined) {
      sum += indicatorRatio(ind, actual);
      count++;
    }
  }
  return count ? sum / count : undefined;
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
  return n < lo ? lo : Math.min(n, hi);
}
