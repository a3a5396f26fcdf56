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
});
export type Assignment = z.infer<typeof Assignment>;

/** Where in the source text something came from (1-based, inclusive lines). */
export const SourceSpan = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type SourceSpan = z.infer<typeof SourceSpan>;

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
});
export type Plan = z.infer<typeof Plan>;
