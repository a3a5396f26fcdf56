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
});
export type Verdict = z.infer<typeof Verdict>;

/** One deduction (negative points) or bonus (positive) on a unit's score. */
export const ScoreItem = z.object({
  task: z.number().int().nullable(),
  role: Role.nullable(),
  points: z.number(),
  rule: z.string(),
  reason: z.string(),
});
export type ScoreItem = z.infer<typeof ScoreItem>;

/**
 * One line of a unit's score sheet (考核项目): what it is worth (分值) and what it
 * scored. Invariants: 0 <= score <= max; the lines' scores sum to the total.
 */
export const ScoreLine = z.object({
  /** The task this line assesses, or null for a general line (加分项, 推进方案报送 …). */
  task: z.number().int().nullable(),
  role: Role.nullable(),
  /** 考核项目 label. */
  item: z.string(),
  /** 分值: the most this line can score. */
  max: z.number(),
  /** 考核得分 */
  score: z.number(),
});
export type ScoreLine = z.infer<typeof ScoreLine>;

/** A unit's score as of a date. */
export const UnitScore = z.object({
  unit: z.string(),
  base: z.number(),
  total: z.number(),
  items: z.array(ScoreItem),
  /** Score-sheet lines; their scores sum to `total`. */
  lines: z.array(ScoreLine).default([]),
});
export type UnitScore = z.infer<typeof UnitScore>;
