/**
 * THE adapter between the web app and judging. Every fact the pages show — a
 * task's verdict, label and reason, its figure text and source, its lead / co /
 * responsible units, counts per section and unit, reporting status per period,
 * the decision trace — comes from the judged view (@duban/rules judgeView), the
 * same records the documents print. The pages lay them out; nothing here judges.
 */
import {
  answeringText,
  DubanError,
  type JudgedTask,
  type JudgedView,
  type Plan,
  type ProgressReport,
  STATUS_ORDER,
  type Status,
  type UnitDirectory,
  type VerdictCounts,
} from '@duban/core';
import {
  createJudge,
  type Evaluation,
  explainTask,
  type Judge,
  judgeView,
  loadRuleSet,
  type RuleSet,
  type UnitFacts,
} from '@duban/rules';
import type { Workspace } from '@duban/store';

export { STATUS_ORDER };

/** Counts of one group of tasks (a section, a unit). */
export interface GroupCounts {
  key: string;
  label: string;
  counts: VerdictCounts;
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

/** The judged view as the office's pages read it: the view itself, the plan it judges, and its groupings for the board. */
export interface BoardView extends JudgedView {
  plan: Plan;
  planVersion: number;
  directory: UnitDirectory;
  /** Tasks per section, by verdict. */
  sections: GroupCounts[];
  /** Tasks per unit (any role), by verdict, sorted by printed name. */
  unitCounts: GroupCounts[];
  /** Tasks a unit is assigned to (any role), in plan order. */
  tasksOf(unit: string): JudgedTask[];
  task(number: number): JudgedTask | undefined;
}

interface Judged {
  view: BoardView;
  evaluation: Evaluation;
  progress: ProgressReport[];
}

/** Judges the ledger with one rule set, caching each (ledger revision, as-of date). */
export class Judging {
  readonly #ruleSet: RuleSet;
  readonly #judge: Judge;
  readonly #cache = new Map<string, Promise<Judged | null>>();

  /** Loads and checks the rule set once; the judge (one engine per rule list) is reused. */
  constructor(rulesDir: string) {
    const rules = loadRuleSet(rulesDir);
    if (rules.errors.length || !rules.value) {
      throw new DubanError('DUBAN_RULES_INVALID', `the rule set in ${rulesDir} has errors`, {
        where: { file: rulesDir },
        problems: rules.errors,
        hint: 'run duban rules check to see and fix them',
      });
    }
    this.#ruleSet = rules.value;
    this.#judge = createJudge(rules.value);
  }

  /** The judged view as of a date; null before any plan is imported. */
  async view(ws: Workspace, asOf: string): Promise<BoardView | null> {
    return (await this.#judged(ws, asOf))?.view ?? null;
  }

  /**
   * Some tasks judged one by one, each as a one-task plan with its own reports:
   * the judged record is the whole-plan view's (a task's verdict and figure read
   * its own facts only), at a fraction of the cost. A unit's pages need a handful
   * of tasks right after its own write; re-judging the whole plan and scoring
   * every unit for that cost ten times more.
   */
  async tasks(ws: Workspace, asOf: string, numbers: readonly number[]): Promise<JudgedTask[] | null> {
    const stored = ws.currentPlan();
    if (!stored) return null;
    const byNumber = new Map(stored.plan.tasks.map((t) => [t.number, t]));
    const out: JudgedTask[] = [];
    for (const n of numbers) {
      const t = byNumber.get(n);
      if (!t) continue;
      const { view } = await judgeView({
        plan: { ...stored.plan, tasks: [t] },
        directory: stored.directory,
        progress: ws.ledger.listProgress({ task: n, asOf }),
        asOf,
        ruleSet: this.#ruleSet,
        judge: this.#judge,
      });
      out.push(view.tasks[0]!);
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
    return rows
      .filter((r) => r.dutyTasks.length > 0)
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.unit.localeCompare(b.unit, 'zh'));
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
    const filings = ws.milestoneFilings();
    const { view, evaluation } = await judgeView({
      plan: stored.plan,
      directory: stored.directory,
      progress,
      asOf,
      ruleSet: this.#ruleSet,
      judge: this.#judge,
      ...(filings ? { filings } : {}),
    });
    return { view: boardView(view, stored.plan, stored.version, stored.directory), evaluation, progress };
  }
}

const ORDER = { never: 0, late: 1, partial: 2, reported: 3 } as const;

function reportingRow(u: UnitFacts, span: number, progress: ProgressReport[], asOf: string): ReportingRow {
  const duty = u.pairs.filter((p) => p.reportingDuty);
  const reported = duty.filter((p) => p.unitReportCount > 0 && p.unitLastReportAgeDays <= span);
  let last: string | null = null;
  for (const r of progress) if (r.unit === u.unit && r.date <= asOf && (last === null || r.date > last)) last = r.date;
  const status =
    u.reportCount === 0
      ? 'never'
      : reported.length === duty.length
        ? 'reported'
        : reported.length > 0
          ? 'partial'
          : 'late';
  return {
    unit: u.unit,
    dutyTasks: duty.map((p) => p.task),
    reportedTasks: reported.map((p) => p.task),
    lastReport: last,
    status,
  };
}

/** The view with what the board groups it by: counts per section and per unit (counting only; the verdicts are the view's). */
function boardView(view: JudgedView, plan: Plan, version: number, directory: UnitDirectory): BoardView {
  const byNumber = new Map(view.tasks.map((t) => [t.task, t]));
  const sections = plan.sections.map((s) =>
    group(
      String(s.number),
      s.title,
      view.tasks.filter((t) => t.section === s.number),
    ),
  );
  const unitCounts = view.units
    .map((u) =>
      group(
        u.unit,
        u.name,
        u.tasks.map((x) => byNumber.get(x.task)).filter((t): t is JudgedTask => t !== undefined),
      ),
    )
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  const tasksOf = new Map(view.units.map((u) => [u.unit, u.tasks.map((x) => byNumber.get(x.task)!)]));
  return {
    ...view,
    plan,
    planVersion: version,
    directory,
    sections,
    unitCounts,
    tasksOf: (unit) => tasksOf.get(unit) ?? [],
    task: (n) => byNumber.get(n),
  };
}

function group(key: string, label: string, tasks: readonly JudgedTask[]): GroupCounts {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const t of tasks) counts[t.verdict.status]++;
  return { key, label, counts, total: tasks.length };
}

/**
 * The units that answer for a task as a table row names them, as `duban evaluate`
 * prints them: its leads, else its responsible units marked （分工负责）; never a
 * 牵头单位 the task does not have. Printed names come from the judged view.
 */
export function answerable(t: Pick<JudgedTask, 'lead' | 'responsible' | 'noLead'>): string {
  return answeringText(t);
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

/** The public page's lines: status, the figure as the documents print it, and the first sentence of the unit's own progress. */
export function publicTasks(view: JudgedView): PublicTask[] {
  return view.tasks.map((t) => {
    const first = t.narrative.progress.split(/(?<=[。；;!！?？])/)[0]?.trim() ?? '';
    return {
      number: t.task,
      title: t.title,
      section: t.section,
      status: t.verdict.status,
      statusLabel: t.verdict.label,
      deadline: t.deadline.text,
      units: answerable(t),
      line: first
        ? `${t.figure.text}。${first.length > 120 ? first.slice(0, 120) + '…' : first}`
        : `${t.figure.text}。`,
    };
  });
}
