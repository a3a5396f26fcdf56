// Helpers and labels a reporter needs, re-exported from @duban/core so that a
// plug-in imports the contract package only. They print; they never judge.
export {
  CN_HOLIDAYS, STATUS_ORDER, addDays, answeringText, assignmentName, assignmentNames, attainmentText, auditHeadText, chineseDate, createWorkingCalendar, daysBetween, fileNameOf,
  figureText, glossary, isIsoDate, monthDay, percentText, printable, quoteInner, replyByDate, roleLabels, shareText, stateLabels, statusLabels, unitName, yearEnd,
} from '@duban/core';
export type {
  Assignment, CalendarYear, Contact, ConditionTrace, Figure, FigureSource, IndicatorAttainment, Indicator, IsoDate, JudgedDeadline, JudgedTask, JudgedUnit, JudgedVerdict,
  JudgingMethod, Plan, ProgressReport, ProgressState, RankingMethod, Role, ScoreItem, ScoreLine, ScoreRow, Status, Task, TaskFigure, UnitDirectory, UnitEntry, UnitFigure,
  UnitKind, UnitScore, UnitStanding, VerdictCounts, WorkingCalendar,
} from '@duban/core';
// The facts the rules judged with, by name, with their meaning, unit and scale
// (percent 0–100, points, days): what `verdict.conditions` refer to.
export { TASK_FACTS, UNIT_FACTS, UNIT_TASK_FACTS } from '@duban/rules';
export type { TaskFacts, UnitFacts, UnitTaskFacts } from '@duban/rules';
