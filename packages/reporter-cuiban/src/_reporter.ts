import type { ReportOutput } from '@duban/reporter-api';
import { API_VERSION, defineReporter, z } from '@duban/reporter-api';
import { buildCuibanModel } from './_model.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Options of the 催办 reporter: whom to urge, for which period, about which tasks. */
export const CuibanOptions = z.object({
  /** The unit urged (canonical name). */
  unit: z.string().min(1),
  /** First and last day of the reporting period. */
  from: isoDate,
  to: isoDate,
  /** The period as printed (2019年6月); default: the two dates. */
  periodLabel: z.string().optional(),
  /** The tasks the unit has not reported on in the period (decided by the caller from the judged view). */
  tasks: z.array(z.number().int().positive()).default([]),
  /** Sequence number of the notice (催办〔2019〕N号). */
  number: z.number().int().positive().optional(),
  /** Working days the unit is given to report. */
  days: z.number().int().positive().default(3),
  /** Template, relative to the templates directory. */
  template: z.string().default('cuiban/cuiban.hbs'),
});

/** Parsed options. */
export type CuibanOptions = z.output<typeof CuibanOptions>;

/** 催办通知-市交通局-2019-06.pdf */
export function cuibanFileName(options: Pick<CuibanOptions, 'unit' | 'from' | 'number'>): string {
  return `催办通知${options.number ? `-${options.number}号` : ''}-${options.unit.replace(/[\\/:*?"<>|]/g, '_')}-${options.from.slice(0, 7)}.pdf`;
}

/** The 催办 notice: one unit, one period, the tasks it has not reported on. */
export default defineReporter({
  name: 'cuiban',
  apiVersion: API_VERSION,
  description: '催办通知: urges one unit to report its overdue progress (PDF, GB/T 9704)',
  options: CuibanOptions,
  defaultOutput: 'out/',
  create(options) {
    return {
      async render(context): Promise<ReportOutput[]> {
        const model = buildCuibanModel(context, options);
        const out = context.output.file ?? context.output.resolve(cuibanFileName(options));
        const result = await context.pdf.renderTemplate(options.template, model, out, { title: model.title });
        context.log.info(`${model.title}: ${result.pages} page(s) → ${result.path}`);
        return [{ path: result.path, kind: 'pdf', description: model.title }];
      },
    };
  },
});
