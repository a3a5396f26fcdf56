import type { TaskFacts } from './_facts.js';
import type { UnitRuleFacts } from './_scoring.js';
import type { UnitTaskFacts } from './_unit-facts.js';

/**
 * The facts rules may name, by rule scope, with the description the README table
 * shows. A rule naming anything else is rejected on load (DUBAN_RULES_UNKNOWN_FACT).
 *
 * One fact, one name: the interfaces (TaskFacts, UnitTaskFacts, UnitRuleFacts) give the
 * types, these tables the descriptions, and `satisfies` makes tsc fail when a fact is in
 * one and not the other. The README tables are generated from these (`_facts-table.ts`,
 * checked by load.test.ts) and the rule-test defaults are typed by the interfaces.
 */
export const TASK_FACTS = {
  task: 'task number',
  asOf: 'the evaluation date (YYYY-MM-DD)',
  start: "the notice's date, else 1 January of the plan year",
  scheduleStart: 'where the 序时 clock starts: 1 January (schedule.basis "year") or the notice date ("notice")',
  deadline: "the task's deadline (YYYY-MM-DD)",
  deadlineText: 'the deadline as printed (2019年8月31日)',
  deadlinePhrase: 'the deadline phrase as written (8月底前; 年底前 when none)',
  daysToDeadline: 'days from asOf to the deadline (negative once past)',
  daysOverdue: 'days past the deadline (0 until then)',
  daysSinceStart: 'days from the notice (start) to asOf',
  elapsedRatio: '序时进度: share of scheduleStart→deadline gone by asOf (both days counted), 0–100',
  progressRatio:
    "完成进度 0–100, the task's figure (progress.basis): the report's percent, else mean actual/target of its indicators (≥/≤ honoured), done = 100; 0 when nobody reported",
  scheduleGap: 'elapsedRatio − progressRatio, points behind schedule (negative when ahead)',
  scheduleLead: 'progressRatio − elapsedRatio, points ahead of schedule (negative when behind)',
  completed: "true when the figure's report says done or progressRatio ≥ 100 (basis minimum: every accountable unit)",
  state: "the figure's report state: none | in_progress | done | blocked",
  progressUnit: "the unit whose report is the figure ('' when nobody reported)",
  progressDate: "the date of the figure's report, or null",
  progressSource:
    'reporting (the reporting unit) | other (another unit: the reporting unit has not reported) | minimum | latest | none',
  completedOn: 'the day the task was reported complete (and stayed so), or null',
  daysEarly: 'days from completedOn to the deadline (0 when not completed, or completed late)',
  lastReportDate: 'date of the latest report of any unit, or null',
  lastReportAgeDays: 'days since the latest report of any unit (since start when never reported)',
  reportCount: 'reports on the task dated on/before asOf',
} as const satisfies Record<keyof TaskFacts, string>;

/** Facts of one unit on one task (scoring `taskRules`), besides every task fact. */
export const UNIT_TASK_FACTS = {
  unit: 'the unit',
  role: 'lead | co | responsible',
  category: 'the score-sheet line (scoring.json categories key) the task falls under for this unit',
  verdict: "the task's verdict: completed | on_track | at_risk | overdue | not_due",
  verdictRule: 'the status rule that decided the verdict',
  verdictCategory: "the deciding status rule's category (ahead, unreported …), '' when it gives none",
  convener: 'true for the first-listed of responsible units, who reports for all',
  reportingDuty: 'true when this unit must report on the task (lead, or convener/sole reporter)',
  unitReportCount: 'reports this unit filed on the task',
  unitLastReportAgeDays: 'days since this unit last reported on the task (since start when never)',
} as const satisfies Record<Exclude<keyof UnitTaskFacts, keyof TaskFacts>, string>;

/** Facts of one unit (scoring `unitRules`). */
export const UNIT_FACTS = {
  unit: 'the unit',
  asOf: 'the evaluation date',
  taskCount: 'tasks assigned to the unit (groups excluded)',
  leadTasks: 'tasks it leads',
  coTasks: 'tasks it co-operates on',
  responsibleTasks: 'tasks it is responsible for without a lead',
  completedTasks: 'its tasks judged completed',
  onTrackTasks: 'its tasks judged on_track',
  atRiskTasks: 'its tasks judged at_risk',
  overdueTasks: 'its tasks judged overdue',
  notDueTasks: 'its tasks judged not_due',
  reportCount: 'reports it filed (any task)',
  missingReports: 'tasks it must report on but never did (tasks judged completed excluded)',
  lateReports: 'plan milestones (推进方案 …) past due with no report from it dated on/before them',
  lateMilestoneText: 'those milestones, joined with 、',
  daysSinceStart: 'days from start to asOf',
} as const satisfies Record<keyof UnitRuleFacts, string>;

/** json-rules-engine's built-in operators; decorators and custom operators are not offered. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

/** The name of a fact a status rule may use. */
export type TaskFactName = keyof typeof TASK_FACTS;
/** The name of a fact only (unit, task) scoring rules add. */
export type UnitTaskFactName = keyof typeof UNIT_TASK_FACTS;
/** The name of a fact a unit scoring rule may use. */
export type UnitFactName = keyof typeof UNIT_FACTS;

/** Which fact names each kind of rule may use. */
export type RuleScope = 'status' | 'taskScore' | 'unitScore';

/** The fact names allowed in one scope. */
export function factsFor(scope: RuleScope): ReadonlySet<string> {
  if (scope === 'status') return new Set(Object.keys(TASK_FACTS));
  if (scope === 'taskScore') return new Set([...Object.keys(TASK_FACTS), ...Object.keys(UNIT_TASK_FACTS)]);
  return new Set(Object.keys(UNIT_FACTS));
}
