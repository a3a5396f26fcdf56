// Helpers and labels a reporter needs, re-exported from @duban/core so that a
// plug-in imports the contract package only. They print; they never judge.
export {
  STATUS_ORDER, addDays, auditHeadText, chineseDate, fileNameOf, figureText, monthDay, percentText, printable, quoteInner, roleLabels, shareText, stateLabels, statusLabels, unitName,
} from '@duban/core';
export type {
  Figure, IndicatorAttainment, JudgedDeadline, JudgedTask, JudgedUnit, JudgedVerdict, JudgingMethod, RankingMethod, ScoreItem, ScoreLine, ScoreRow, Status,
  TaskFigure, UnitFigure, UnitScore, UnitStanding,
} from '@duban/core';
