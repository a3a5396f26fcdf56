import { z } from '@duban/reporter-api';

/** 评分标准 printed for a line, by the role the unit holds on the task (or `general`). */
export const Standards = z.object({
  lead: z.string().default('按期完成得满分，进度滞后、逾期未完成按规则扣分'),
  co: z.string().default('配合到位得满分，影响整体进度的按规则扣分'),
  responsible: z.string().default('按期完成得满分，进度滞后、逾期未完成按规则扣分'),
  general: z.string().default('按规则计分'),
});

/** Options of the score-sheet reporter (`--option key=value` or config). */
export const ScoresheetOptions = z.object({
  /** Render only this unit's sheet (the CLI maps `--unit U` here); all units when absent. */
  unit: z.string().optional(),
  /** 附件 number printed on each unit's sheet. */
  attachment: z.coerce.number().int().positive().default(2),
  /** 附件 number printed on the summary ranking; the summary is skipped with `summary: false`. */
  summaryAttachment: z.coerce.number().int().positive().default(1),
  /** Whether to write the summary ranking document. */
  summary: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
  /** Sheets rendered at once on the one browser (pages of the same renderer); 2 keeps two cores busy. */
  concurrency: z.coerce.number().int().min(1).max(8).default(2),
  /** 评分标准 wording by role. */
  standards: Standards.default(Standards.parse({})),
  /** Title override; `{year}` is replaced by the plan year. */
  title: z.string().default('{year}年度目标责任考核评分表'),
  /** Summary title override; `{year}` is replaced by the plan year. */
  summaryTitle: z.string().default('{year}年度目标责任考核得分汇总表'),
});
/** Parsed options of the score-sheet reporter. */
export type ScoresheetOptions = z.output<typeof ScoresheetOptions>;
