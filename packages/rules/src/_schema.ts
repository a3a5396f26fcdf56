import { z } from 'zod';

/** A json-rules-engine condition tree; its leaves are checked by hand for precise messages. */
const Conditions = z.record(z.string(), z.unknown());

/** One rule as written: json-rules-engine's shape, with a required name and explicit priority. */
export const RuleSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    priority: z.number().int().min(1),
    conditions: Conditions,
    event: z.object({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
  })
  .strict();
/** One rule as written in status.json or scoring.json: name, priority, conditions, event. */
export type RuleDef = z.infer<typeof RuleSchema>;

/** A named number rule authors tune (tolerance, ahead margin …), usable as `{ "fact": name }` in conditions and `{{name}}` in reasons. */
export const ParameterSchema = z
  .object({
    value: z.number().refine(Number.isFinite, 'expected a finite number'),
    description: z.string().optional(),
  })
  .strict();

/** rules/status.json */
export const StatusFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** 序时进度: counted from 1 January of the plan year (`year`) or from the notice date (`notice`). */
    schedule: z
      .object({ basis: z.enum(['year', 'notice']).default('year') })
      .strict()
      .default({ basis: 'year' }),
    /** A task's figure: its reporting unit's latest report, the newest report of any unit, or the lowest of its accountable units. */
    progress: z
      .object({ basis: z.enum(['reporting-unit', 'latest', 'minimum']).default('reporting-unit') })
      .strict()
      .default({ basis: 'reporting-unit' }),
    parameters: z
      .record(z.string().regex(/^[A-Za-z_]\w*$/, 'a parameter name is letters, digits and _'), ParameterSchema)
      .default({}),
    /** The judging standard as documents print it once (…，下同); `{{parameter}}` placeholders are filled in. */
    statement: z.string().default(''),
    rules: z.array(RuleSchema).min(1),
  })
  .strict();
/** rules/status.json: the status rules and their parameters, as validated. */
export type StatusFile = z.infer<typeof StatusFileSchema>;

const Points = z
  .number()
  .min(0)
  .refine((n) => Number.isInteger(n * 2), 'use whole or half points');

/** One line of the score sheet (考核项目) with its 分值; task rows of units holding a task in `roles` fall under it. */
export const CategorySchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a category key is lower-case letters, digits, - and _'),
    item: z.string().min(1),
    roles: z.array(z.enum(['lead', 'co', 'responsible'])).default([]),
    max: Points,
    /** A sentence added to the 评分标准 (e.g. how 分工负责 tasks count). */
    note: z.string().optional(),
  })
  .strict();

/** How units are ranked and graded on the summary. */
export const RankingSchema = z
  .object({
    /** Ranking groups by unit kind from the unit directory; units of a group with `ranked: false` are graded but not ranked. */
    groups: z
      .array(
        z
          .object({
            name: z.string().min(1),
            kinds: z.array(z.string().min(1)).min(1),
            ranked: z.boolean().default(true),
          })
          .strict(),
      )
      .min(1),
    /** 等次 by minimum total, highest first. */
    grades: z.array(z.object({ name: z.string().min(1), min: z.number() }).strict()).min(1),
    /** Equal totals: `workload` ranks the unit answering for more tasks first, `none` lets them share the rank. */
    tieBreak: z.enum(['workload', 'none']).default('workload'),
    /** Units answering for fewer tasks than this are graded but not ranked (0: all are ranked). */
    minTasks: z.number().int().min(0).default(0),
  })
  .strict();

/** rules/scoring.json */
export const ScoringFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** The method in words a unit head understands, printed on every score sheet. */
    method: z.string().min(1),
    /** Every unit starts from this many points: the sum of the categories' 分值. */
    base: z.number().positive(),
    /** The total is kept inside this range. */
    range: z.object({ min: z.number(), max: z.number() }).strict(),
    categories: z.array(CategorySchema).min(1),
    /** The bonus line (加分项) and its cap. */
    bonus: z.object({ key: z.string().default('bonus'), item: z.string().min(1), cap: Points }).strict(),
    taskRules: z.array(RuleSchema).default([]),
    unitRules: z.array(RuleSchema).default([]),
    ranking: RankingSchema,
  })
  .strict();
/** rules/scoring.json: score lines, task and unit rules, ranking, as validated. */
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
