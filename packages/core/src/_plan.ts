import { z } from 'zod';

/** ISO calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** A deadline: the phrase as written (null when the task had none) and the date it resolves to. */
export const Deadline = z.object({
  phrase: z.string().nullable(),
  date: IsoDate,
});
export type Deadline = z.infer<typeof Deadline>;

/** How an actual value is compared with its target: 以上 → `ge`, 以下/小于 → `le`. */
export const Comparator = z.enum(['ge', 'le', 'eq']);
export type Comparator = z.infer<typeof Comparator>;

/** A quantitative target found in the text, e.g. 新改建整治通村组公路5662公里. */
export const Indicator = z.object({
  /** Stable key within its task or plan: "1", "2", … in order of appearance. */
  key: z.string(),
  /** The phrase the value came from, as written (新改建整治通村组公路5662公里). */
  text: z.string(),
  /** The metric, without the number (新改建整治通村组公路). */
  metric: z.string(),
  value: z.number(),
  /** Unit of measure in its Chinese form: 公里, 亿元, 万亩, 户, 个, %, 万美元. */
  unit: z.string(),
  comparator: Comparator,
  /** Its own deadline when the text gives one (8月底前完成2330个交通项目). */
  deadline: Deadline.optional(),
});
export type Indicator = z.infer<typeof Indicator>;

/** Roles: 牵头 → lead, 配合/分工负责 under a lead → co, 负责/分工负责 with no lead → responsible. */
export const Role = z.enum(['lead', 'co', 'responsible']);
export type Role = z.infer<typeof Role>;

/** One unit (or unexpanded group) assigned to a task in one role. */
export const Assignment = z.object({
  /** Canonical unit name from the unit directory, or the group's name when `isGroup`. */
  unit: z.string(),
  role: Role,
  /** The bracketed alias it acts under: 市发改委<市飞地办> → alias 市飞地办. */
  alias: z.string().optional(),
  /** The collective name this assignment came from (各县区政府) when it was expanded or kept. */
  group: z.string().optional(),
  /** True when `unit` is a group nobody defines (市政府有关工作部门), kept unexpanded. */
  isGroup: z.boolean().optional(),
  /** For `responsible` without a lead: the first listed unit convenes and reports for all. */
  convener: z.boolean().optional(),
  /** The name exactly as written in the notice, before canonicalisation. */
  written: z.string().optional(),
  /** True when the unit directory does not know the name: kept as written, flagged for review. */
  unknown: z.boolean().optional(),
  /** True when the role comes from order under a stated convention (列第一位者为牵头单位), not from a word next to the name. */
  byOrder: z.boolean().optional(),
});
export type Assignment = z.infer<typeof Assignment>;

/** Where in the source text something came from (1-based, inclusive lines). */
export const SourceSpan = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type SourceSpan = z.infer<typeof SourceSpan>;

/** A person named for a task (责任领导 / 分管省领导 …): never a unit. */
export const Leader = z.object({
  name: z.string(),
  /** The label that named them, as written (责任领导, 分管省领导, 牵头负责领导). */
  role: z.string().optional(),
});
export type Leader = z.infer<typeof Leader>;

/** Something the importer was unsure of, for the office to check (`duban import --review`). */
export const ReviewNote = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
export type ReviewNote = z.infer<typeof ReviewNote>;

/** One correction applied from the corrections file beside the notice. */
export const AppliedCorrection = z.object({
  task: z.number().int().positive(),
  /** The fields it set: title, text, units, deadline, indicators, leaders. */
  fields: z.array(z.string()),
  /** Line of the entry in the corrections file. */
  line: z.number().int().optional(),
});
export type AppliedCorrection = z.infer<typeof AppliedCorrection>;

/** One numbered key task of the breakdown notice. */
export const Task = z.object({
  /** The task's ordinal as written: 1., （一） → 1. Unique within a plan. */
  number: z.number().int().positive(),
  /** 1-based section (一、 → 1). */
  section: z.number().int().positive(),
  text: z.string(),
  /** Short title: the first clause. */
  title: z.string(),
  source: SourceSpan,
  assignments: z.array(Assignment),
  indicators: z.array(Indicator),
  deadline: Deadline,
  /** A person named as 责任领导/分管领导/牵头负责领导, kept as text, never as a unit. */
  leader: z.string().optional(),
  /** The same people one by one, with the label that named them. */
  leaders: z.array(Leader).optional(),
  /** What the importer was unsure of for this task (unknown unit, no unit, deadline not understood, role from order). */
  review: z.array(ReviewNote).optional(),
  /** True when a correction from the corrections file changed this task. */
  corrected: z.boolean().optional(),
});
export type Task = z.infer<typeof Task>;

/** A section heading (一、强化关键支撑…). */
export const Section = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  source: SourceSpan.optional(),
});
export type Section = z.infer<typeof Section>;

/** A notice-level milestone every responsible unit must meet (推进方案 by 3月8日12时). */
export const Milestone = z.object({
  key: z.string(),
  text: z.string(),
  deadline: Deadline,
  /** Time of day when the phrase gives one (12:00). */
  time: z.string().optional(),
});
export type Milestone = z.infer<typeof Milestone>;

/** An import warning, with the line it concerns. */
export const ImportWarning = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** One breakdown notice (重点任务分解方案) as structured data. */
export const Plan = z.object({
  issuer: z.string(),
  /** 发文字号, e.g. 安政发〔2019〕6号 (brackets U+3014/U+3015). */
  docNumber: z.string().nullable(),
  title: z.string(),
  date: IsoDate.nullable(),
  year: z.number().int(),
  /** Headline targets of the plan (生产总值增长9% …). */
  headline: z.array(Indicator),
  milestones: z.array(Milestone),
  sections: z.array(Section),
  tasks: z.array(Task),
  /** Every unit and group the plan assigns, canonical names, sorted. */
  units: z.array(z.string()),
  warnings: z.array(ImportWarning),
  /** SHA-256 of the decoded source text. */
  sourceDigest: z.string(),
  sourceName: z.string().optional(),
  /** Corrections applied from the file beside the notice (recorded with the plan, so in the audit chain). */
  corrections: z.array(AppliedCorrection).optional(),
  /** The corrections file's name and SHA-256, when one was applied. */
  correctionsSource: z.object({ name: z.string(), digest: z.string() }).optional(),
});
export type Plan = z.infer<typeof Plan>;
