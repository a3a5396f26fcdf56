import { z } from 'zod';
import { Role } from './_plan.js';

/** A task's standing as of a date. */
export const Status = z.enum(['completed', 'on_track', 'at_risk', 'overdue', 'not_due']);
export type Status = z.infer<typeof Status>;

/** One evaluated condition of the deciding rule. */
export const ConditionTrace = z.object({
  fact: z.string(),
  operator: z.string(),
  value: z.unknown(),
  factValue: z.unknown(),
  result: z.boolean(),
});
export type ConditionTrace = z.infer<typeof ConditionTrace>;

/** A task's verdict with the rule that decided it and why. */
export const Verdict = z.object({
  task: z.number().int(),
  status: Status,
  rule: z.string(),
  /** A Chinese sentence fit to print (进度45%，低于序时进度58%，滞后13个百分点). */
  reason: z.string(),
  facts: z.record(z.string(), z.unknown()),
  conditions: z.array(ConditionTrace).default([]),
  /** An extra category a status rule gives for documents (`ahead`, `unreported`), when it gives one. */
  category: z.string().optional(),
});
export type Verdict = z.infer<typeof Verdict>;

/** One deduction (negative points) or bonus (positive) on a unit's score. */
export const ScoreItem = z.object({
  task: z.number().int().nullable(),
  role: Role.nullable(),
  points: z.number(),
  rule: z.string(),
  reason: z.string(),
  /** The key of the score-sheet line (考核项目) it was applied to. */
  category: z.string(),
});
export type ScoreItem = z.infer<typeof ScoreItem>;

/** One row under a score-sheet line: a task the unit holds (or a unit-level duty), how it stands and what it cost. */
export const ScoreRow = z.object({
  task: z.number().int().nullable(),
  role: Role.nullable(),
  /** 考核内容: the task's number, title and measurable targets, or the duty. */
  content: z.string(),
  /** 完成情况 as of the assessment date: verdict and figure with its source. */
  result: z.string(),
  /** Points applied on this row (negative: deducted; positive: bonus). */
  points: z.number(),
  /** 扣分原因 / 加分原因, one per item applied. */
  reasons: z.array(z.string()),
});
export type ScoreRow = z.infer<typeof ScoreRow>;

/**
 * One line of a unit's score sheet (考核项目): what it is worth (分值), its
 * 评分标准, what it scored and the rows it covers. Invariants: 0 <= score <= max;
 * the lines' scores sum to the total; every amount deducted or added appears in
 * the line's standard.
 */
export const ScoreLine = z.object({
  /** The category key from scoring.json (lead, co, reporting, bonus). */
  key: z.string(),
  /** 考核项目 label. */
  item: z.string(),
  /** 分值: the most this line can score. */
  max: z.number(),
  /** 考核得分 */
  score: z.number(),
  /** 评分标准, written from the rules that can charge this line. */
  standard: z.string(),
  /** True for the bonus line (加分项): it starts at 0 and only adds. */
  bonus: z.boolean(),
  rows: z.array(ScoreRow),
});
export type ScoreLine = z.infer<typeof ScoreLine>;

/** A unit's score as of a date. */
export const UnitScore = z.object({
  unit: z.string(),
  base: z.number(),
  total: z.number(),
  items: z.array(ScoreItem),
  /** Score-sheet lines; their scores sum to `total`. */
  lines: z.array(ScoreLine),
});
export type UnitScore = z.infer<typeof UnitScore>;
