import type { Comparator, IsoDate, Role } from './_plan.js';
import type { ProgressState } from './_progress.js';
import type { ConditionTrace, Status, UnitScore } from './_verdict.js';

// The judged view: per task and as-of date, one record with everything a
// document prints; per unit, its score with every line. Made by @duban/rules,
// read by every reporter and front end, which never recompute any of it.

/** Where a task's figure comes from: the reporting unit's own report, another assigned unit's (the reporting unit has not reported), the lowest of the accountable units', or the newest of any unit. */
export type FigureSource = 'reporting' | 'other' | 'minimum' | 'latest' | 'none';

/** A progress figure (完成进度) and the report it comes from. */
export interface Figure {
  /** 完成进度, 0–100, one decimal. 0 when nobody reported. */
  percent: number;
  /** The state the source report gives; `none` when nobody reported. */
  state: ProgressState | 'none';
  /** Canonical name of the unit whose report gives the figure; null when nobody reported. */
  unit: string | null;
  /** The unit's name as printed. */
  unitName: string | null;
  /** Date of that report. */
  date: IsoDate | null;
}

/** The task's figure as a document quotes it. */
export interface TaskFigure extends Figure {
  source: FigureSource;
  /** 完成41%（市发改委6月30日报）, 已完成（市教体局5月31日报）, 未报送进展: the one printed form. */
  text: string;
}

/** One assigned unit's own latest report on a task (multi-unit tasks list every unit). */
export interface UnitFigure extends Figure {
  unit: string;
  unitName: string;
  role: Role;
  /** True for the unit whose report is the task's figure. */
  isSource: boolean;
  /** Reports this unit filed on the task, dated on/before the as-of date. */
  reportCount: number;
  /** 完成30%（6月5日报）or 未报送. */
  text: string;
}

/** A quantitative target with its latest actual value. */
export interface IndicatorAttainment {
  key: string;
  /** The phrase as written (新改建整治通村组公路5662公里). */
  text: string;
  metric: string;
  target: number;
  /** Unit of measure (公里). */
  measure: string;
  comparator: Comparator;
  /** Latest actual value reported (the reporting unit's first, else any unit's). */
  actual: number | null;
  date: IsoDate | null;
  reportedBy: string | null;
  /** How far the actual is toward the target, 0–100 (≥/≤ honoured); null without an actual. */
  attainment: number | null;
  /** 3120/5662公里，55.1% or 目标5662公里，未报: the one printed form. */
  summary: string;
  /** The indicator's own deadline, else the task's. */
  deadline: IsoDate;
}

/** A task's deadline as judged and printed. */
export interface JudgedDeadline {
  date: IsoDate;
  /** The phrase as the notice wrote it; null when it wrote none. */
  phrase: string | null;
  /** As a table prints it: the phrase, else 年底前 / 9月1日前. */
  text: string;
  /** 2019年12月31日 */
  dateText: string;
  /** True when the notice gave no deadline and the task falls due at year end. */
  yearEndDefault: boolean;
}

/** A task's verdict as of the date, with its explanation. */
export interface JudgedVerdict {
  status: Status;
  /** 已完成 / 正常推进 / 进度滞后 / 逾期未完成 / 未到期 */
  label: string;
  /** The rule that decided. */
  rule: string;
  /** The printed reason (进度23%，低于序时进度49.6%，滞后26.6个百分点). */
  reason: string;
  /** A rule's extra category for documents (`ahead`: clearly ahead of schedule), or null. */
  category: string | null;
  conditions: readonly ConditionTrace[];
}

/** The judged record of one task as of a date: everything a document needs, decided once. */
export interface JudgedTask {
  task: number;
  section: number;
  title: string;
  text: string;
  /** 牵头单位 (empty for tasks with no lead), 配合单位, 责任单位 of tasks with no lead: printed names. */
  lead: readonly string[];
  co: readonly string[];
  responsible: readonly string[];
  /** True when the notice names no lead (负责 / 分工负责): never print a 牵头单位 for it. */
  noLead: boolean;
  /** Canonical name of the unit that reports for the task (first lead, else convener). */
  reportingUnit: string | null;
  /** Leaders named by the notice (责任领导 …): people, printed as written. */
  leaders: readonly string[];
  deadline: JudgedDeadline;
  /** 序时进度, 0–100, one decimal. */
  elapsed: number;
  figure: TaskFigure;
  /** 序时进度 − 完成进度, points behind schedule (negative when ahead). */
  gap: number;
  /** Every assigned unit's own latest report, in the notice's order. */
  byUnit: readonly UnitFigure[];
  indicators: readonly IndicatorAttainment[];
  /** The figure's report narrative (进展情况 / 存在问题 / 下一步措施); empty strings when none. */
  narrative: { progress: string; problems: string; nextSteps: string };
  /** Reports on the task dated on/before the as-of date, any unit. */
  reportCount: number;
  /** The newest report of any unit, or null. */
  lastReport: { unit: string; date: IsoDate } | null;
  verdict: JudgedVerdict;
}

/** How the judging was done, stated once where documents print it. */
export interface JudgingMethod {
  asOf: IsoDate;
  /** 序时进度 counted from 1 January of the plan year (`year`) or from the notice date (`notice`). */
  scheduleBasis: 'year' | 'notice';
  /** The day the 序时 clock starts. */
  scheduleStart: IsoDate;
  /** How the figure of a task is chosen. */
  progressBasis: 'reporting-unit' | 'latest' | 'minimum';
  /** The rule set's parameters (tolerance, ahead margin …) as numbers. */
  parameters: Readonly<Record<string, number>>;
  /** The judging standard in a sentence for documents (…，下同), parameters filled in. */
  statement: string;
  /** How 序时进度 and the figure are read, in a sentence for documents. */
  basisText: string;
  /** How units are scored (scoring.json `method`), in words a unit head understands. */
  scoringText: string;
}

/** One unit as the view knows it: name, kind, tasks and reporting. */
export interface JudgedUnit {
  /** Canonical name (the ledger's key). */
  unit: string;
  /** Printed name. */
  name: string;
  fullName: string | null;
  /** Kind from the unit directory (county_government …), or `other`. */
  kind: string;
  tasks: readonly { task: number; role: Role; reports: boolean }[];
  /** Reports it filed (any task) dated on/before the as-of date. */
  reportCount: number;
  /** Tasks it must report on but never did (completed tasks excluded). */
  unreported: readonly number[];
}

/** A unit's place in the assessment: ranking group, rank within it, grade. */
export interface UnitStanding {
  unit: string;
  name: string;
  /** The ranking group's name (县区政府 / 市直部门 / 中省驻市单位及企业). */
  group: string;
  /** False for groups that are not ranked and for units with too few tasks to rank. */
  ranked: boolean;
  /** Rank within the group (ties share), null when not ranked. */
  rank: number | null;
  /** 等次 (优秀 / 良好 / 一般). */
  grade: string;
  total: number;
  /** Tasks it leads or answers for (the tie-break's workload). */
  mainTasks: number;
  /** Why it is not ranked, when it is not. */
  note: string | null;
}

/** How units are ranked and graded, stated on the summary. */
export interface RankingMethod {
  groups: readonly { name: string; ranked: boolean }[];
  grades: readonly { name: string; min: number }[];
  /** Sentences for the summary: grading, tie-break, units with few tasks. */
  notes: readonly string[];
}

/** Counts of tasks by verdict status. */
export type VerdictCounts = Readonly<Record<Status, number>>;

/** Everything judged as of one date. */
export interface JudgedView {
  asOf: IsoDate;
  method: JudgingMethod;
  /** One record per task, in plan order. */
  tasks: readonly JudgedTask[];
  counts: VerdictCounts;
  units: readonly JudgedUnit[];
  /** One score per assessed unit, in ranking order. */
  scores: readonly UnitScore[];
  standings: readonly UnitStanding[];
  ranking: RankingMethod;
}
