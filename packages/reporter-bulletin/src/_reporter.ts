import type { ReportContext, ReportOutput } from '@duban/reporter-api';
import { API_VERSION, chineseDate, DocumentFormats, defineReporter, withFormat, z } from '@duban/reporter-api';
import { buildBulletinModel } from './_model.js';
import { renderBulletinDocx } from './_render-docx.js';

/** Options of the bulletin reporter (config `reporters.bulletin` or `--option key=value`). */
export const BulletinOptions = z.object({
  /**
   * The attachment table of every task (附件): `separate` (default) issues it as its own
   * document beside the bulletin, labelled as GB/T 9704-2012 §7.5 asks of an attachment not
   * bound with the body (the bulletin's 期号 and 附件 at the top left), so a 91-row table never
   * swamps the body; `bound` prints it after the body, before the 版记; `none` leaves it out.
   * true/false are accepted for bound/none.
   */
  attachment: z.preprocess(
    (v) => (v === false || v === 'false' ? 'none' : v === true || v === 'true' ? 'bound' : v),
    z.enum(['separate', 'bound', 'none']).default('separate'),
  ),
  /** Replace the generated title. */
  title: z.string().min(1).optional(),
  /** Template to render, relative to the templates directory. */
  template: z.string().default('bulletin/bulletin.hbs'),
  /** `pdf` (default), `docx` (an editable Word document in GB/T 9704 styles), or both: `pdf,docx` (CLI: --format). */
  format: DocumentFormats,
});

/** Parsed bulletin options. */
export type BulletinOptions = z.output<typeof BulletinOptions>;

/** The default output file name: 督查通报-第N期.pdf (督查通报.pdf when unnumbered). */
export function bulletinFileName(issue: ReportContext['issue']): string {
  return `${issue.publication || '督查通报'}${issue.number === null ? '' : `-第${issue.number}期`}.pdf`;
}

/** The separate attachment's file name beside the bulletin: 督查通报-第3期-附件.pdf. */
export function attachmentFileName(bulletin: string): string {
  return bulletin.replace(/(\.pdf)?$/iu, '-附件.pdf');
}

/** Template of a separately issued attachment. */
export const ATTACHMENT_TEMPLATE = 'bulletin/attachment.hbs';

/** The supervision bulletin (督查通报) as an official-format PDF. */
export default defineReporter({
  name: 'bulletin',
  apiVersion: API_VERSION,
  description: '督查通报: the numbered supervision bulletin (PDF, GB/T 9704)',
  options: BulletinOptions,
  // Without --out: out/督查通报-第N期.pdf, N being this issue's 期号.
  defaultOutput: 'out/',
  // Without --issue, the next 期号 after the last bulletin in the registry of issued documents.
  numbered: true,
  create(options) {
    return {
      async render(context): Promise<ReportOutput[]> {
        const model = buildBulletinModel(context, { attachment: options.attachment !== 'none', title: options.title });
        const base = context.output.file ?? context.output.resolve(bulletinFileName(context.issue));
        const table = model.attachment;
        const separate = options.attachment === 'separate' && table !== null;
        const outputs: ReportOutput[] = [];
        if (options.format.includes('pdf')) {
          const out = withFormat(base, 'pdf');
          const main = separate ? { ...model, attachment: { ...table, separate: true } } : model;
          // The PDF's Subject: the publication and issue with the data cut-off (its Author is the office).
          const subject = `${model.docTitle}（数据截至${chineseDate(context.asOf)}）`;
          const label = `${model.docTitle}　附件`;
          // The bulletin and its attachment print at once (two pages of the one browser).
          const [result, annex] = await Promise.all([
            context.pdf.renderTemplate(options.template, main, out, { title: model.title, subject }),
            separate
              ? context.pdf.renderTemplate(
                  ATTACHMENT_TEMPLATE,
                  { docTitle: `${model.docTitle}附件`, attachment: { ...table, label } },
                  attachmentFileName(out),
                  { title: `${model.docTitle}附件：${table.title}`, subject },
                )
              : undefined,
          ]);
          context.log.info(`${model.docTitle}: ${result.pages} pages → ${result.path}`);
          outputs.push({ path: result.path, kind: 'pdf', description: model.title });
          if (separate && annex) {
            context.log.info(`${model.docTitle}附件: ${annex.pages} pages → ${annex.path}`);
            outputs.push({ path: annex.path, kind: 'pdf', description: `${model.docTitle}附件：${table.title}` });
          }
        }
        if (options.format.includes('docx'))
          outputs.push(...(await renderBulletinDocx(context, model, separate, base)));
        return outputs;
      },
    };
  },
});
