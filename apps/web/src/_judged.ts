/**
 * THE adapter between the web app and judging. Every fact the pages show — a
 * task's verdict and reason, its progress figure and source, who reports for
 * it, counts per section and unit, reporting status per period, the decision
 * trace — comes from here, computed by @duban/rules and @duban/reporter-api.
 * When the judged task view (issue 10) lands, this file alone switches to it.
 */
import { DubanError, roleLabels, stateLabels, statusLabels, type Plan, type ProgressReport, type Role, type Status, type Task, type UnitDirectory, type UnitScore, type Verdict } from '@duban/core';
import { buildTaskProgress, countStatuses, reportingUnit, type StatusCounts } from '@duban/reporter-api';
import { computeTaskFacts, createJudge, explainTask, loadRuleSet, type EvaluateInput, type Evaluation, type Judge, type TaskFacts, type UnitFacts } from '@duban/rules';
import type { Filing, Workspace } from '@duban/store';

/** Verdict statuses in the order the pages list them. */
export const STATUS_ORDER: readonly Status[] = ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'];

/** One task as judged: what every page prints about it. */
export interface JudgedTask {
  number: number;
  section: number;
  title: string;
  text: string;
  deadline: { phrase: string | null; date: string };
  status: Status;
  statusLabel: string;
  rule: string;
  reason: string;
  /** The unit that reports for the task (lead, else convener). */
  reportingUnit: string | null;
  /** The reporting unit as printed. */
  reportingUnitLabel: string;
  /** `unit` is the canonical name (for links and checks), `label` the name as printed. */
  assignments: { unit: string; label: string; role: Role; roleLabel: string; isGroup: boolean }[];
  indicators: Task['indicators'];
  /** 完成进度 as judged (0–100), its source unit and date. */
  figure: { percent: number; unit: string | null; date: string | null; state: string; stateLabel: string };
  /** The latest report's 进展情况 narrative (public line), or ''. */
  narrative: string;
  leader: string | null;
}

/** Counts of one group of tasks (a section, a unit). */
export interface GroupCounts {
  key: string;
  label: string;
  counts: StatusCounts;
  total: number;
}

/** Reporting status of one unit in a period. */
export interface ReportingRow {
  unit: string;
  /** Tasks the unit must report on. */
  dutyTasks: number[];
  /** Of those, the ones reported on within the period. */
  reportedTasks: number[];
  lastReport: string | null;
  /** reported: every duty task; partial: some; late: none this period but earlier; never: no report at all. */
  status: 'reported' | 'partial' | 'late' | 'never';
}

/** Everything judged as of one date. */
export interface JudgedView {
  asOf: string;
  plan: Plan;
  planVersion: number;
  directory: UnitDirectory;
  tasks: JudgedTask[];
  counts: StatusCounts;
  sections: GroupCounts[];
  units: GroupCounts[];
  scores: UnitScore[];
  /** Tasks a unit is assigned to (any role), in plan order. */
  tasksOf(unit: string): JudgedTask[];
  task(number: number): JudgedTask | undefined;
}

interface Judged {
  view: JudgedView;
  evaluation: Evaluation;
  progress: ProgressReport[];
}

/** Judges the ledger with one rule set, caching each (ledger revision, as-of date). */
export class Judging {
  readonly #judge: Judge;
  readonly #cache = new Map<string, Promise<Judged | null>>();

  /** Loads and checks the rule set once; the judge (one engine per rule list) is reused. */
  constructor(rulesDir: string) {
    const rules = loadRuleSet(rulesDir);
    if (rules.errors.length || !rules.value) {
      throw new DubanError('DUBAN_RULES_INVALID', `the rule set in ${rulesDir} has errors`, { where: { file: rulesDir }, problems: rules.errors, hint: 'run duban rules check to see and fix them' });
    }
    this.#judge = createJudge(rules.value);
  }

  /** The judged view as of a date; null before any plan is imported. */
  async view(ws: Workspace, asOf: string): Promise<JudgedView | null> {
    return (await this.#judged(ws, asOf))?.view ?? null;
  }

  /**
   * Some tasks judged one by one: their facts from their own reports and the status rules,
   * exactly as the whole-plan evaluation judges them (status rules read task facts only).
   * A unit's pages need a handful of tasks, right after its own write: re-judging the whole
   * plan and scoring every unit for that cost ten times more.
   */
  async tasks(ws: Workspace, asOf: string, numbers: readonly number[]): Promise<JudgedTask[] | null> {
    const stored = ws.currentPlan();
    if (!stored) return null;
    const byNumber = new Map(stored.plan.tasks.map((t) => [t.number, t]));
    const out: JudgedTask[] = [];
    for (const n of numbers) {
      const t = byNumber.get(n);
      if (!t) continue;
      const progress = ws.ledger.listProgress({ task: n, asOf });
      const facts = computeTaskFacts({ date: stored.plan.date, year: stored.plan.year, tasks: [t] }, progress, asOf).get(n);
      const verdict = await this.#judge.decide(facts as unknown as Record<string, unknown>);
      const latest = buildTaskProgress({ ...stored.plan, tasks: [t] }, progress)[0]?.latest ?? null;
      out.push(judgedTask(t, verdict, facts, latest));
    }
    return out;
  }

  /** Full decision trace of one task (`duban rules explain` in the page). */
  async explain(ws: Workspace, asOf: string, task: number) {
    const judged = await this.#judged(ws, asOf);
    const facts = judged?.evaluation.taskFacts.get(task);
    return facts ? explainTask(this.#judge, facts) : null;
  }

  /** Who reported within [from, to], who is late, who never reported: from the unit facts as of `to`. */
  async reporting(ws: Workspace, from: string, to: string): Promise<ReportingRow[] | null> {
    const judged = await this.#judged(ws, to);
    if (!judged) return null;
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    const rows: ReportingRow[] = [];
    for (const u of judged.evaluation.unitFacts.values()) rows.push(reportingRow(u, span, judged.progress, to));
    return rows.filter((r) => r.dutyTasks.length > 0).sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.unit.localeCompare(b.unit, 'zh'));
  }

  async #judged(ws: Workspace, asOf: string): Promise<Judged | null> {
    const key = `${ws.revision()}|${asOf}`;
    let hit = this.#cache.get(key);
    if (!hit) {
      if (this.#cache.size > 16) this.#cache.clear();
      hit = this.#compute(ws, asOf);
      this.#cache.set(key, hit);
      hit.catch(() => this.#cache.delete(key));
    }
    return hit;
  }

  async #compute(ws: Workspace, asOf: string): Promise<Judged | null> {
    const stored = ws.currentPlan();
    if (!stored) return null;
    const progress = ws.ledger.listProgress({ asOf });
    const evaluation = await this.#judge.evaluate({ plan: stored.plan, progress, asOf, ...filingsInput(ws.filings()) });
    return { view: buildView(stored.plan, stored.version, stored.directory, progress, evaluation), evaluation, progress };
  }
}

// 推进方案 filings decide the milestone rule once the office uses them (any filing stored);
// before that the judge falls back to progress reports, as the CLI's commands still do.
function filingsInput(filings: Filing[]): Pick<EvaluateInput, 'filings'> {
  return filings.length ? { filings: filings.map((f) => ({ unit: f.unit, milestone: f.milestone, date: f.date })) } : {};
}

const ORDER = { never: 0, late: 1, partial: 2, reported: 3 } as const;

function reportingRow(u: UnitFacts, span: number, progress: ProgressReport[], asOf: string): ReportingRow {
  const duty = u.pairs.filter((p) => p.reportingDuty);
  const reported = duty.filter((p) => p.unitReportCount > 0 && p.unitLastReportAgeDays <= span);
  let last: string | null = null;
  for (const r of progress) if (r.unit === u.unit && r.date <= asOf && (last === null || r.date > last)) last = r.date;
  const status = u.reportCount === 0 ? 'never' : reported.length === duty.length ? 'reported' : reported.length > 0 ? 'partial' : 'late';
  return { unit: u.unit, dutyTasks: duty.map((p) => p.task), reportedTasks: reported.map((p) => p.task), lastReport: last, status };
}

/** One task as the pages print it, from its verdict, its facts and its latest report. */
function judgedTask(t: Task, v: Pick<Verdict, 'status' | 'rule' | 'reason'>, f: TaskFacts | undefined, l: ProgressReport | null): JudgedTask {
  const state = f?.state ?? 'none';
  return {
    number: t.number, section: t.section, title: t.title, text: t.text, deadline: t.deadline,
    status: v.status, statusLabel: statusLabels[v.status], rule: v.rule, reason: v.reason,
    reportingUnit: reportingUnit(t),
    reportingUnitLabel: printedUnit(reportingUnit(t) ?? ''),
    assignments: t.assignments.map((a) => ({ unit: a.unit, label: printedUnit(a.unit), role: a.role, roleLabel: roleLabels[a.role], isGroup: a.isGroup === true })),
    indicators: t.indicators,
    figure: { percent: f?.progressRatio ?? 0, unit: l?.unit ?? null, date: f?.lastReportDate ?? null, state, stateLabel: state === 'none' ? '未报送' : stateLabels[state] },
    narrative: l?.progress ?? '',
    leader: t.leader ?? null,
  };
}

function buildView(plan: Plan, version: number, directory: UnitDirectory, progress: ProgressReport[], evaluation: Evaluation): JudgedView {
  const verdicts = new Map(evaluation.verdicts.map((v) => [v.task, v]));
  const latest = new Map(buildTaskProgress(plan, progress).map((p) => [p.task, p.latest]));
  const tasks: JudgedTask[] = plan.tasks.map((t) => judgedTask(t, verdicts.get(t.number)!, evaluation.taskFacts.get(t.number), latest.get(t.number) ?? null));
  const byNumber = new Map(tasks.map((t) => [t.number, t]));
  const sections = plan.sections.map((s) => group(String(s.number), s.title, tasks.filter((t) => t.section === s.number)));
  const units = [...evaluation.unitFacts.values()].map((u) => ({
    key: u.unit, label: printedUnit(u.unit), total: u.taskCount,
    counts: { completed: u.completedTasks, on_track: u.onTrackTasks, at_risk: u.atRiskTasks, overdue: u.overdueTasks, not_due: u.notDueTasks },
  })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  return {
    asOf: evaluation.asOf, plan, planVersion: version, directory, tasks,
    counts: countStatuses(evaluation.verdicts), sections, units, scores: evaluation.scores,
    tasksOf: (unit) => tasks.filter((t) => t.assignments.some((a) => a.unit === unit)),
    task: (n) => byNumber.get(n),
  };
}

/**
 * A unit's name as printed: the importer's <alias> brackets become full-width parentheses,
 * as in the bulletin. The judged task view (issue 10) will carry the printed name; until then
 * this is the one place the web app makes that decision.
 */
export function printedUnit(name: string): string {
  return name.replace(/</g, '（').replace(/>/g, '）');
}

function group(key: string, label: string, tasks: JudgedTask[]): GroupCounts {
  return { key, label, counts: countStatuses(tasks.map((t) => ({ status: t.status })) as never), total: tasks.length };
}

/** One task as the public page prints it: no units' contacts, problems, next steps or evidence. */
export interface PublicTask {
  number: number;
  title: string;
  section: number;
  status: Status;
  statusLabel: string;
  deadline: string;
  units: string;
  line: string;
}

/** The public page's lines: status and a plain-language progress line per task. */
export function publicTasks(view: JudgedView): PublicTask[] {
  return view.tasks.map((t) => {
    const figure = t.figure.date === null ? '尚未报送进展' : t.status === 'completed' ? `已完成（${cn(t.figure.date)}）` : `完成约${Math.round(t.figure.percent)}%（截至${cn(t.figure.date)}）`;
    const first = t.narrative.split(/(?<=[。；;!！?？])/)[0]?.trim() ?? '';
    const lead = t.assignments.filter((a) => a.role === 'lead').map((a) => a.unit);
    return {
      number: t.number, title: t.title, section: t.section, status: t.status, statusLabel: t.statusLabel,
      deadline: t.deadline.phrase ?? cn(t.deadline.date),
      units: (lead.length ? lead : t.reportingUnit ? [t.reportingUnit] : []).map(printedUnit).join('、'),
      line: first ? `${figure}。${first.length > 120 ? first.slice(0, 120) + '…' : first}` : `${figure}。`,
    };
  });
}

function cn(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
