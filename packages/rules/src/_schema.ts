import { z } from 'zod';

/** A json-rules-engine condition tree; its leaves are checked by hand for precise messages. */
const Conditions = z.record(z.string(), z.unknown());

/** One rule as written: json-rules-engine's shape, with a required name and explicit priority. */
export const RuleSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  priority: z.number().int().min(1),
  conditions: Conditions,
  event: z.object({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
}).strict();
export type RuleDef = z.infer<typeof RuleSchema>;

/** rules/status.json */
export const StatusFileSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  rules: z.array(RuleSchema).min(1),
}).strict();
export type StatusFile = z.infer<typeof StatusFileSchema>;

const Weight = z.number().min(0);

/** rules/scoring.json */
export const ScoringFileSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** Every unit starts from this many points. */
  base: z.number().positive(),
  /** The total is clamped into this range. */
  range: z.object({ min: z.number(), max: z.number() }).strict(),
  /** How much a role's deductions and share of the base weigh. */
  roleWeights: z.object({ lead: Weight, co: Weight, responsible: Weight }).strict(),
  /** The part of the base kept for the unit-level line (推进方案, 报送); unit rule deductions come off it. */
  general: z.object({ item: z.string().min(1), max: z.number().min(0) }).strict(),
  /** The bonus line and its cap. */
  bonus: z.object({ item: z.string().min(1), cap: z.number().min(0) }).strict(),
  taskRules: z.array(RuleSchema).default([]),
  unitRules: z.array(RuleSchema).default([]),
}).strict();
export type ScoringFile = z.infer<typeof ScoringFileSchema>;

/** A loaded, validated rule set. */
export interface RuleSet {
  /** Directory it was loaded from (for messages); '' when built in memory. */
  dir: string;
  status: StatusFile;
  scoring: ScoringFile;
}

/** The loosest view of a rule file, for checks that run before (or despite) schema errors. */
export interface JsonRuleSet {
  rules?: unknown[];
  taskRules?: unknown[];
  unitRules?: unknown[];
}
