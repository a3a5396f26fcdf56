import { z } from 'zod';
import { IsoDate } from './_plan.js';

/** The state a unit reports a task in. */
export const ProgressState = z.enum(['in_progress', 'done', 'blocked']);
export type ProgressState = z.infer<typeof ProgressState>;

/** One append-only progress entry. A correction is a new entry with `supersedes`. */
export const ProgressReport = z.object({
  /** Ledger id; absent before the entry is stored. */
  id: z.number().int().optional(),
  task: z.number().int().positive(),
  unit: z.string(),
  date: IsoDate,
  /** Overall completion, 0–100. */
  percent: z.number().min(0).max(100).optional(),
  /** Actual values by indicator key ("1" → 3000). */
  values: z.record(z.string(), z.number()).default({}),
  state: ProgressState,
  /** 进展情况 */
  progress: z.string().default(''),
  /** 存在问题 */
  problems: z.string().default(''),
  /** 下一步措施 */
  nextSteps: z.string().default(''),
  evidence: z.array(z.string()).default([]),
  /** Ledger id of the entry this one corrects. */
  supersedes: z.number().int().optional(),
  /** Where it came from: file#sheet!row, or "cli". */
  source: z.string().optional(),
  /** When the office received it (ISO timestamp). */
  receivedAt: z.string().optional(),
});
export type ProgressReport = z.infer<typeof ProgressReport>;
