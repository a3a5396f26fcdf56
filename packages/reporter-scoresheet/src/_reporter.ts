import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  API_VERSION,
  type BatchDocument,
  DubanError,
  defineReporter,
  type ReportContext,
  type ReportOutput,
  requireDocx,
  type UnitScore,
  withFormat,
} from '@duban/reporter-api';
import { sheetDocument, summaryDocument } from './_docx.js';
import { sheetFileName, uniqueNames } from './_format.js';
import { ScoresheetOptions } from './_options.js';
import { buildSheet, type SheetView } from './_sheet.js';
import { buildSummary } from './_summary.js';

/** Template of one unit's sheet, relative to the templates directory. */
export const SHEET_TEMPLATE = 'scoresheet/scoresheet.hbs';
/** Template of the summary ranking. */
export const SUMMARY_TEMPLATE = 'scoresheet/summary.hbs';

/** The score-sheet reporter: one PDF per assessed unit plus a summary ranking, printed as one batch. */
export default defineReporter({
  name: 'scoresheet',
  apiVersion: API_VERSION,
  description: '考核评分表: one official-format PDF per assessed unit, plus a summary ranking of all units',
  options: ScoresheetOptions,
  defaultOutput: 'out/scoresheets/',
  create: (options) => ({
    render: (ctx: ReportContext<ScoresheetOptions>) => renderScoresheets(ctx, options),
  }),
});

/** Picks the scores to print: the one named by `unit` (canonical, printed or full name), else all of them. */
export function selectScores(ctx: Pick<ReportContext, 'scores' | 'units'>, unit: string | undefined): UnitScore[] {
  if (!ctx.scores.length) {
    throw new DubanError('DUBAN_SCORESHEET_EMPTY', 'no unit has a score, so there is no score sheet to print', {
      hint: 'import a plan with assigned units (duban import) and check the scoring rules with duban scores',
    });
  }
  if (unit === undefined) return [...ctx.scores];
  const wanted = unit.trim();
  const info = ctx.units.find((u) => u.unit === wanted || u.name === wanted || u.fullName === wanted);
  const match = ctx.scores.find((s) => s.unit === wanted || s.unit === info?.unit);
  if (!match) {
    const known = ctx.scores.map((s) => s.unit);
    throw new DubanError('DUBAN_SCORESHEET_UNIT', `no assessed unit is named ${wanted}`, {
      where: { path: 'options.unit' },
      hint: known.length
        ? `use one of: ${known
            .slice(0, 12)
            .map((k) => ctx.units.find((u) => u.unit === k)?.name ?? k)
            .join('、')}${known.length > 12 ? ' …' : ''} (duban scores lists them all)`
        : 'no unit has a score: import a plan and run duban scores first',
    });
  }
  return [match];
}

/** Renders every selected sheet, then the summary; all views are built (and checked) before any file is written. */
export async function renderScoresheets(
  ctx: ReportContext<ScoresheetOptions>,
  options: ScoresheetOptions,
): Promise<ReportOutput[]> {
  const scores = selectScores(ctx, options.unit);
  const single = options.unit !== undefined;
  if (ctx.output.file && !single) {
    throw new DubanError(
      'DUBAN_SCORESHEET_OUT',
      `--out ${ctx.output.file} names a file, but one PDF per unit is written`,
      {
        hint: 'give a directory (--out out/scoresheets/), or name one unit with --unit',
      },
    );
  }
  const views: SheetView[] = scores.map((s) => buildSheet(ctx, s, options));
  const names = uniqueNames(views.map((v) => sheetFileName(v.unit)));
  const outputs: ReportOutput[] = [];
  const target = async (name: string) => {
    const path =
      ctx.output.file && single
        ? withFormat(ctx.output.file, name.endsWith('.docx') ? 'docx' : 'pdf')
        : ctx.output.resolve(name);
    await mkdir(dirname(path), { recursive: true });
    return path;
  };
  const summary = options.summary && !single ? buildSummary(ctx, options) : undefined;
  if (options.format.includes('pdf')) {
    // One batch: the renderer prints the sheets together and splits them into one
    // standalone file per unit, so the per-print cost is paid once, not per unit.
    const documents: BatchDocument[] = [];
    for (const [i, view] of views.entries()) {
      documents.push({
        template: SHEET_TEMPLATE,
        data: view,
        outPath: await target(`${names[i]}.pdf`),
        title: `${view.title}（${view.unit}）`,
        subject: view.title,
        keywords: view.unit,
      });
    }
    if (summary)
      documents.push({
        template: SUMMARY_TEMPLATE,
        data: summary,
        outPath: await target('考核得分汇总表.pdf'),
        title: summary.title,
        subject: summary.title,
      });
    const results = await ctx.pdf.renderBatch(documents, { label: '评分表' });
    views.forEach((view, i) => {
      outputs.push({
        path: results[i]!.path,
        kind: 'pdf',
        description: `${view.unit} 考核评分表，合计 ${view.total} 分，${results[i]!.pages} 页`,
      });
    });
    if (summary)
      outputs.push({
        path: results[views.length]!.path,
        kind: 'pdf',
        description: `考核得分汇总表，${summary.total} 个单位`,
      });
  }
  if (options.format.includes('docx')) {
    // Word documents are written in-process, one after another: no browser, no pool.
    const docx = requireDocx(ctx);
    for (const [i, view] of views.entries()) {
      const result = await docx.render(sheetDocument(view), await target(`${names[i]}.docx`));
      outputs.push({ path: result.path, kind: 'docx', description: `${view.unit} 考核评分表，合计 ${view.total} 分` });
    }
    if (summary) {
      const result = await docx.render(summaryDocument(summary), await target('考核得分汇总表.docx'));
      outputs.push({ path: result.path, kind: 'docx', description: `考核得分汇总表，${summary.total} 个单位` });
    }
  }
  ctx.log.info(
    `score sheets: ${views.length} unit(s)${options.summary && !single ? ' and the summary ranking' : ''} written to ${ctx.output.dir}`,
  );
  return outputs;
}
