import { API_VERSION, defineReporter, z } from '@duban/reporter-api';
import type { ReportContext, ReportOutput } from '@duban/reporter-api';
import { buildBulletinModel } from './_model.js';

/** Options of the bulletin reporter (config `reporters.bulletin` or `--option key=value`). */
export const BulletinOptions = z.object({
  /** Include the attachment table of every task (附件). */
  attachment: z.preprocess((v) => (v === 'false' ? false : v === 'true' ? true : v), z.boolean().default(true)),
  /** Replace the generated title. */
  title: z.string().min(1).optional(),
  /** Template to render, relative to the templates directory. */
  template: z.string().default('bulletin/bulletin.hbs'),
});

/** Parsed bulletin options. */
export type BulletinOptions = z.output<typeof BulletinOptions>;

/** The default output file name: 督查通报-第N期.pdf (督查通报.pdf when unnumbered). */
export function bulletinFileName(issue: ReportContext['issue']): string {
  return `${issue.publication || '督查通报'}${issue.number === null ? '' : `-第${issue.number}期`}.pdf`;
}

/** The supervision bulletin (督查通报) as an official-format PDF. */
export default defineReporter({
  name: 'bulletin',
  apiVersion: API_VERSION,
  description: '督查通报: the numbered supervision bulletin (PDF, GB/T 9704)',
  options: BulletinOptions,
  defaultOutput: '督查通报-第N期.pdf',
  create(options) {
    return {
      async render(context): Promise<ReportOutput[]> {
        const model = buildBulletinModel(context, { attachment: options.attachment, title: options.title });
        const out = context.output.file ?? context.output.resolve(bulletinFileName(context.issue));
        const result = await context.pdf.renderTemplate(options.template, model, out, { title: model.title });
        context.log.info(`${model.docTitle}: ${result.pages} pages → ${result.path}`);
        return [{ path: result.path, kind: 'pdf', description: model.title }];
      },
    };
  },
});
