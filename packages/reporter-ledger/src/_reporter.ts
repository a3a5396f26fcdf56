import { relative } from 'node:path';
import {
  API_VERSION,
  auditHeadText,
  defineReporter,
  type ReportContext,
  type ReportOutput,
  z,
} from '@duban/reporter-api';
import { buildWorkbook } from './_workbook.js';

const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Options of the ledger reporter. */
export const LedgerOptions = z.object({
  /** One sheet per section besides 全部 and 统计. */
  sections: Flag.default(true),
  /** A 指标 sheet with one row per indicator, target and latest actual as numbers. */
  indicators: Flag.default(true),
  /** Paper the sheets print on (landscape): A4, or A3 for a wide 台账. */
  paper: z.enum(['A4', 'A3']).default('A4'),
  /** File name used when --out names a directory. */
  fileName: z
    .string()
    .regex(/^[^\\/]+\.xlsx$/, 'expected a file name ending in .xlsx')
    .default('台账.xlsx'),
});
/** Parsed options of the ledger reporter. */
export type LedgerOptions = z.output<typeof LedgerOptions>;

/** The ledger reporter: the task ledger (台账) as one Excel workbook. */
export default defineReporter({
  name: 'ledger',
  apiVersion: API_VERSION,
  description: '台账: every task with units, indicators, deadline, latest progress and verdict, as an Excel workbook',
  options: LedgerOptions,
  defaultOutput: 'out/台账.xlsx',
  create: (options) => ({
    render: (ctx: ReportContext<LedgerOptions>) => renderLedger(ctx, options),
  }),
});

/** Builds the workbook and writes it atomically through the output helpers. */
export async function renderLedger(ctx: ReportContext<LedgerOptions>, options: LedgerOptions): Promise<ReportOutput[]> {
  const wb = buildWorkbook(ctx, { ...options, office: ctx.issue.office, check: auditHeadText(ctx.issue.auditHead) });
  const buffer = await wb.xlsx.writeBuffer();
  const name = ctx.output.file ? relative(ctx.output.dir, ctx.output.file) : options.fileName;
  const path = await ctx.output.writeFile(name, new Uint8Array(buffer as ArrayBuffer));
  ctx.log.info(`ledger: ${ctx.plan.tasks.length} tasks in ${wb.worksheets.length} sheets written to ${path}`);
  return [{ path, kind: 'xlsx', description: `台账，${ctx.plan.tasks.length} 项任务` }];
}
