import { DocumentFormats, z } from '@duban/reporter-api';

const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Options of the score-sheet reporter (`--option key=value` or config). */
export const ScoresheetOptions = z.object({
  /** Render only this unit's sheet (the CLI maps `--unit U` here; name, printed name or full name); all units when absent. */
  unit: z.string().optional(),
  /** 附件 number printed above each unit's sheet, only when the sheets go out under a covering document. */
  attachment: z.coerce.number().int().positive().optional(),
  /** 附件 number printed above the summary ranking, under the same condition. */
  summaryAttachment: z.coerce.number().int().positive().optional(),
  /** Whether to write the summary ranking document. */
  summary: Flag.default(true),
  /** Sheets rendered at once on the one browser (pages of the same renderer); 2 keeps two cores busy. */
  concurrency: z.coerce.number().int().min(1).max(8).default(2),
  /** Title; `{year}` is replaced by the plan year. */
  title: z.string().default('{year}年度目标责任考核评分表'),
  /** Summary title; `{year}` is replaced by the plan year. */
  summaryTitle: z.string().default('{year}年度目标责任考核得分汇总表'),
  /** `pdf` (default), `docx` (editable Word documents in GB/T 9704 styles), or both: `pdf,docx` (CLI: --format). */
  format: DocumentFormats,
});
/** Parsed options of the score-sheet reporter. */
export type ScoresheetOptions = z.output<typeof ScoresheetOptions>;
