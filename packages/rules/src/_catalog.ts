/**
 * The facts rules may name, by rule scope, with the description the README table
 * shows. A rule naming anything else is rejected on load (DUBAN_RULES_UNKNOWN_FACT).
 */
export const TASK_FACTS = {
  task: 'task number',
  asOf: 'the evaluation date (YYYY-MM-DD)',
  start: "the plan's start: its issue date, else 1 January",
  deadline: "the task's deadline (YYYY-MM-DD)",
  deadlineText: 'the deadline as printed (2019年8月31日)',
  deadlinePhrase: 'the deadline phrase as written (8月底前; 年底前 when none)',
  daysToDeadline: 'days from asOf to the deadline (negative once past)',
  daysOverdue: 'days past the deadline (0 until then)',
  daysSinceStart: 'days from start to asOf',
  elapsedRatio: '序时进度: share of start→deadline gone by asOf, 0–100',
  progressRatio: "完成进度 0–100: latest report's percent, else mean actual/target of its indicators (≥/≤ honoured), else 0",
  scheduleGap: 'elapsedRatio − progressRatio, points behind schedule (negative when ahead)',
  completed: "true when the latest report's state is done or progressRatio ≥ 100",
  state: "the latest report's state: none | in_progress | done | blocked",
  lastReportDate: 'date of the latest report, or null',
  lastReportAgeDays: 'days since the latest report (since start when never reported)',
  reportCount: 'reports on the task dated on/before asOf',
} as const;

/** Facts of one unit on one task (scoring `taskRules`), besides every task fact. */
export const UNIT_TASK_FACTS = {
  unit: 'the unit',
  role: 'lead | co | responsible',
  roleWeight: "the role's weight from scoring.json roleWeights",
  verdict: "the task's verdict: completed | on_track | at_risk | overdue | not_due",
  convener: 'true for the first-listed of responsible units, who reports for all',
  reportingDuty: 'true when this unit must report on the task (lead, or convener/sole reporter)',
  unitReportCount: 'reports this unit filed on the task',
  unitLastReportAgeDays: 'days since this unit last reported on the task (since start when never)',
} as const;

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
  missingReports: 'tasks it must report on but never did',
  lateReports: 'plan milestones (推进方案 …) past due with no report from it dated on/before them',
  lateMilestoneText: 'those milestones, joined with 、',
  daysSinceStart: 'days from start to asOf',
} as const;

/** json-rules-engine's built-in operators; decorators and custom operators are not offered. */
export const OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain'] as const;

/** Which fact names each kind of rule may use. */
export type RuleScope = 'status' | 'taskScore' | 'unitScore';

/** The fact names allowed in one scope. */
export function factsFor(scope: RuleScope): ReadonlySet<string> {
  if (scope === 'status') return new Set(Object.keys(TASK_FACTS));
  if (scope === 'taskScore') return new Set([...Object.keys(TASK_FACTS), ...Object.keys(UNIT_TASK_FACTS)]);
  return new Set(Object.keys(UNIT_FACTS));
}
