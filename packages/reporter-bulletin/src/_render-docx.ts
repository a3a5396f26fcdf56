import { type ReportContext, type ReportOutput, requireDocx, withFormat } from '@duban/reporter-api';
import { attachmentDocument, bulletinDocument } from './_docx.js';
import type { BulletinModel } from './_model.js';
import { attachmentFileName } from './_reporter.js';

/**
 * Writes the bulletin (and its separately issued attachment) as .docx through
 * the context's DOCX writer, from the same model the PDF prints.
 */
export async function renderBulletinDocx(
  context: ReportContext,
  model: BulletinModel,
  separate: boolean,
  base: string,
): Promise<ReportOutput[]> {
  const docx = requireDocx(context);
  const table = model.attachment;
  const main = separate && table ? { ...model, attachment: { ...table, separate: true } } : model;
  const result = await docx.render(bulletinDocument(main), withFormat(base, 'docx'));
  context.log.info(`${model.docTitle}: Word document → ${result.path}`);
  const outputs: ReportOutput[] = [{ path: result.path, kind: 'docx', description: model.title }];
  if (separate && table) {
    const annex = await docx.render(
      attachmentDocument(model.docTitle, { ...table, label: `${model.docTitle}　附件` }),
      withFormat(attachmentFileName(withFormat(base, 'pdf')), 'docx'),
    );
    context.log.info(`${model.docTitle}附件: Word document → ${annex.path}`);
    outputs.push({ path: annex.path, kind: 'docx', description: `${model.docTitle}附件：${table.title}` });
  }
  return outputs;
}
