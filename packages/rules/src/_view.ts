import {
  attainmentText,
  chineseDate,
  figureText,
  type IndicatorAttainment,
  type JudgedTask,
  type JudgedUnit,
  type JudgedView,
  type JudgingMethod,
  monthDay,
  ownFigureText,
  type Plan,
  type ProgressReport,
  reportingUnit,
  STATUS_ORDER,
  statusLabels,
  type Task,
  taskUnits,
  type UnitDirectory,
  type UnitFigure,
  unitName,
  unitRoles,
  type Verdict,
} from '@duban/core';
import { round1 } from './_dates.js';
import { indicatorRatio, planStart, reportsByTask, scheduleStart, type TaskFacts, unitFigure } from './_facts.js';
import { listReports } from './_grouped.js';
import type { Evaluation } from './_judge.js';
import { parameterValues } from './_parameters.js';
import { rankUnits } from './_ranking.js';
import type { RuleSet } from './_schema.js';
import { scoreRows } from './_score-rows.js';
import { fillTemplate } from './_template.js';

/** What the judged view is made from: the plan, its directory, progress dated on/before asOf, the rule set and its evaluation. */
export interface ViewInput {
  plan: Plan;
  directory: UnitDirectory;
  progress: readonly ProgressReport[];
  ruleSet: RuleSet;
  evaluation: Evaluation;
}

/**
 * Builds the judged view from an evaluation: one record per task (figure with
 * its source, per-unit figures, indicator attainment, verdict and reason), the
 * units, their scores with every row, standings and the method. Everything a
 * document prints is decided here or in @duban/core; reporters only lay it out.
 */
export function buildJudgedView(input: ViewInput): JudgedView {
  const { plan, directory, ruleSet, evaluation } = input;
  const asOf = evaluation.asOf;
  const grouped = reportsByTask(input.progress, asOf);
  const verdicts = new Map(evaluation.verdicts.map((v) => [v.task, v]));
  const tasks = plan.tasks.map((task) =>
    judgedTask(
      task,
      grouped.get(task.number) ?? [],
      evaluation.taskFacts.get(task.number)!,
      verdicts.get(task.number)!,
    ),
  );
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<(typeof STATUS_ORDER)[number], number>;
  for (const t of tasks) counts[t.verdict.status]++;
  const units = judgedUnits(plan, directory, input.progress, asOf, tasks);
  const { standings, ranking } = rankUnits(ruleSet.scoring, evaluation.scores, units);
  const byTask = new Map(tasks.map((t) => [t.task, t]));
  const order = new Map(standings.map((s, i) => [s.unit, i]));
  const scores = evaluation.scores
    .map((s) => ({ ...s, lines: scoreRows(s, byTask, evaluation.unitFacts.get(s.unit), ruleSet.scoring, plan) }))
    .sort((a, b) => (order.get(a.unit) ?? 0) - (order.get(b.unit) ?? 0));
  return { asOf, method: judgingMethod(plan, ruleSet, asOf), tasks, counts, units, scores, standings, ranking };
}

/** How the judging was done, in sentences documents print once. */
export function judgingMethod(plan: Pick<Plan, 'date' | 'year'>, ruleSet: RuleSet, asOf: string): JudgingMethod {
  const parameters = parameterValues(ruleSet);
  const scheduleBasis = ruleSet.status.schedule.basis;
  const progressBasis = ruleSet.status.progress.basis;
  const start = scheduleStart(plan, scheduleBasis);
  const from = scheduleBasis === 'year' ? `${plan.year}年1月1日` : `方案印发之日（${chineseDate(planStart(plan))}）`;
  const figure = {
    'reporting-unit': '完成进度以牵头单位（分工负责的任务以排名第一的责任单位）最新报送的为准',
    latest: '完成进度以各责任单位最新一次报送的为准',
    minimum: '完成进度以各牵头（负责）单位报送中最低的为准',
  }[progressBasis];
  return {
    asOf,
    scheduleBasis,
    scheduleStart: start,
    progressBasis,
    parameters,
    statement: fillTemplate(ruleSet.status.statement, parameters),
    basisText: `序时进度按自${from}起至评价日的天数占至完成时限天数的比例计算，${figure}`,
    scoringText: ruleSet.scoring.method,
  };
}

function judgedTask(task: Task, reports: readonly ProgressReport[], f: TaskFacts, v: Verdict): JudgedTask {
  const units = taskUnits(task);
  const list = listReports(reports);
  const n = reports.length;
  const reporter = reportingUnit(task);
  const byUnit: UnitFigure[] = unitRoles(task).map(({ unit, role }) => {
    const u = unitFigure(task.indicators, list, 0, n, unit);
    const parts = { percent: round1(u.percent), state: u.state, date: u.date };
    return {
      unit,
      unitName: unitName(unit),
      role,
      percent: parts.percent,
      state: u.state,
      date: u.date,
      isSource: f.progressUnit === unit,
      reportCount: u.count,
      text: ownFigureText(parts),
    };
  });
  const source = f.progressUnit ? reports.findLast((r) => r.unit === f.progressUnit) : undefined;
  const figure = {
    percent: f.progressRatio,
    state: f.state,
    unit: f.progressUnit || null,
    unitName: f.progressUnit ? unitName(f.progressUnit) : null,
    date: f.progressDate,
    source: f.progressSource,
    text: figureText({
      percent: f.progressRatio,
      state: f.state,
      unitName: f.progressUnit ? unitName(f.progressUnit) : null,
      date: f.progressDate,
      missing: f.progressSource === 'other' && reporter ? unitName(reporter) : null,
    }),
  };
  const deadline = task.deadline;
  return {
    task: task.number,
    section: task.section,
    title: task.title,
    text: task.text,
    lead: units.lead,
    co: units.co,
    responsible: units.responsible,
    noLead: units.noLead,
    reportingUnit: reporter,
    leaders: leadersOf(task),
    deadline: {
      date: deadline.date,
      phrase: deadline.phrase,
      text: deadline.phrase ?? (deadline.date.endsWith('-12-31') ? '年底前' : `${monthDay(deadline.date)}前`),
      dateText: chineseDate(deadline.date),
      yearEndDefault: deadline.phrase === null,
    },
    elapsed: f.elapsedRatio,
    figure,
    gap: f.scheduleGap,
    byUnit,
    indicators: task.indicators.map((ind) => attainment(ind, reports, f.progressUnit, deadline.date)),
    narrative: {
      progress: source?.progress ?? '',
      problems: source?.problems ?? '',
      nextSteps: source?.nextSteps ?? '',
    },
    reportCount: f.reportCount,
    lastReport: n ? { unit: reports[n - 1]!.unit, date: reports[n - 1]!.date } : null,
    verdict: {
      status: v.status,
      label: statusLabels[v.status],
      rule: v.rule,
      reason: v.reason,
      category: v.category ?? null,
      conditions: v.conditions,
    },
  };
}

/** Leaders named by the notice: the importer's `leaders` when it gives them, else its single `leader`. */
function leadersOf(task: Task): string[] {
  const many = (task as Task & { leaders?: readonly (string | { name: string })[] }).leaders;
  if (Array.isArray(many)) return many.map((l) => (typeof l === 'string' ? l : l.name));
  return task.leader ? [task.leader] : [];
}

/** An indicator's latest actual: the figure unit's newest value for it, else any unit's newest. */
function attainment(
  ind: Task['indicators'][number],
  reports: readonly ProgressReport[],
  figureUnit: string,
  taskDeadline: string,
): IndicatorAttainment {
  let hit: ProgressReport | undefined;
  for (let k = reports.length - 1; k >= 0 && !hit; k--)
    if (reports[k]!.unit === figureUnit && Number.isFinite(reports[k]!.values[ind.key])) hit = reports[k];
  for (let k = reports.length - 1; k >= 0 && !hit; k--)
    if (Number.isFinite(reports[k]!.values[ind.key])) hit = reports[k];
  const actual = hit ? hit.values[ind.key]! : null;
  const ratio = actual === null ? null : round1(indicatorRatio(ind, actual));
  const base = {
    key: ind.key,
    text: ind.text,
    metric: ind.metric,
    target: ind.value,
    measure: ind.unit,
    comparator: ind.comparator,
    actual,
    date: hit?.date ?? null,
    reportedBy: hit ? unitName(hit.unit) : null,
    attainment: ratio,
    deadline: (ind.deadline ?? { date: taskDeadline }).date,
  };
  return { ...base, summary: attainmentText(base) };
}

function judgedUnits(
  plan: Plan,
  directory: UnitDirectory,
  progress: readonly ProgressReport[],
  asOf: string,
  tasks: readonly JudgedTask[],
): JudgedUnit[] {
  const filed = new Map<string, number>();
  const onTask = new Set<string>();
  for (const r of progress) {
    if (r.date > asOf) continue;
    filed.set(r.unit, (filed.get(r.unit) ?? 0) + 1);
    onTask.add(`${r.task}\u0000${r.unit}`);
  }
  const status = new Map(tasks.map((t) => [t.task, t.verdict.status]));
  const out = new Map<
    string,
    JudgedUnit & {
      tasks: { task: number; role: JudgedUnit['tasks'][number]['role']; reports: boolean }[];
      unreported: number[];
    }
  >();
  for (const task of plan.tasks) {
    for (const { unit, role, reports } of unitRoles(task)) {
      let u = out.get(unit);
      if (!u) {
        const d = directory.units.find((x) => x.name === unit);
        u = {
          unit,
          name: unitName(unit),
          fullName: d?.fullName ? unitName(d.fullName) : null,
          kind: d?.kind ?? 'other',
          tasks: [],
          reportCount: filed.get(unit) ?? 0,
          unreported: [],
        };
        out.set(unit, u);
      }
      u.tasks.push({ task: task.number, role, reports });
      if (reports && status.get(task.number) !== 'completed' && !onTask.has(`${task.number}\u0000${unit}`))
        u.unreported.push(task.number);
    }
  }
  return [...out.values()];
}
