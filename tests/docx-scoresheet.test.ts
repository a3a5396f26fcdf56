// Score sheets and the ranking summary as .docx: rendered from the same views as
// the Chromium PDFs, converted by LibreOffice, checked with check-gongwen
// --kind scoresheet and compared with the PDFs page count and text.
import { join } from 'node:path';
import { createDocxWriter } from '@duban/docx';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import type { FixtureContext } from '@duban/reporter-api/testing';
import scoresheet, { buildSheet, ScoresheetOptions } from '@duban/reporter-scoresheet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { characterCounts, convertAll, countDifferences, libreOfficeAvailable, readDocx } from './_support/docx.js';
import { checkGongwen } from './_support/gongwen.js';
import { loadPdf, type PdfDoc, squash } from './_support/pdf.js';
import { seedContext } from './_support/seed-context.js';

const SHEET_HEADER = '序号考核项目分值评分标准考核内容及完成情况自评分考核得分扣（加）分原因';
const SUMMARY_HEADER = '序号被考核单位分值得分名次等次承担任务任务评价扣分加分牵头配合已完成滞后逾期';

describe('score sheets and the summary as Word documents', () => {
  const tmp = tempDir('duban-docx-sheets-');
  let renderer: DubanPdfRenderer;
  let ctx: FixtureContext<ScoresheetOptions>;
  // Three sheets (the most lines, the fewest, one in between) and the summary: PDF, .docx, converted .docx.
  const picked: { name: string; pdf: PdfDoc; word: PdfDoc; converted: string; docx: string }[] = [];

  beforeAll(async () => {
    expect(libreOfficeAvailable()).toBe(true);
    renderer = createPdfRenderer();
    const options = ScoresheetOptions.parse({ format: 'pdf,docx', concurrency: 2 });
    ctx = await seedContext<ScoresheetOptions>({
      pdf: renderer,
      docx: createDocxWriter(),
      asOf: '2019-12-31',
      issue: { date: '2020-01-15' },
      out: `${tmp.dir}/`,
      options,
    });
    const outputs = (await scoresheet(options).render!(ctx as never)) ?? [];
    const pdfs = outputs.filter((o) => o.kind === 'pdf');
    const docxs = outputs.filter((o) => o.kind === 'docx');
    expect(docxs.map((o) => o.path.replace(/\.docx$/u, ''))).toEqual(pdfs.map((o) => o.path.replace(/\.pdf$/u, '')));
    const byRows = [...ctx.scores].sort(
      (a, b) => b.lines.reduce((n, l) => n + l.rows.length, 0) - a.lines.reduce((n, l) => n + l.rows.length, 0),
    );
    const units = [byRows[0]!, byRows[Math.floor(byRows.length / 2)]!, byRows.at(-1)!].map(
      (s) => buildSheet(ctx, s, options).unit,
    );
    const chosen = [
      ...units.map((u) => docxs.findIndex((o) => o.path.endsWith(`考核评分表-${u}.docx`))),
      docxs.length - 1,
    ];
    const converted = convertAll(
      chosen.map((i) => docxs[i]!.path),
      join(tmp.dir, 'converted'),
    );
    for (const [k, i] of chosen.entries()) {
      picked.push({
        name: docxs[i]!.path.split('/').pop()!,
        docx: docxs[i]!.path,
        converted: converted[k]!,
        pdf: await loadPdf(pdfs[i]!.path),
        word: await loadPdf(converted[k]!),
      });
    }
  }, 600_000);

  afterAll(async () => {
    await renderer?.close();
    tmp.cleanup();
  });

  it('writes one .docx per assessed unit and the summary', () => {
    expect(picked.at(-1)!.name).toBe('考核得分汇总表.docx');
    expect(picked).toHaveLength(4);
  });

  it('passes check-gongwen --kind scoresheet', () => {
    for (const p of picked) {
      const r = checkGongwen(p.converted, 'scoresheet');
      expect(r!.failed, `${p.name}\n${r!.output}`).toEqual([]);
    }
  });

  it('says the same as the PDF: the same characters, header rows repeated per page left aside', () => {
    for (const p of picked) {
      // A sheet's narrow header cells wrap (考核 | 项目), so its header is told by the one phrase that never does.
      const [header, marker] = p.name.startsWith('考核得分汇总表')
        ? [SUMMARY_HEADER, undefined]
        : [SHEET_HEADER, '考核内容及完成情况'];
      expect(
        countDifferences(characterCounts(p.word, header, marker), characterCounts(p.pdf, header, marker)),
        p.name,
      ).toEqual([]);
    }
    // Unit names wrap inside their cells (so they are compared as characters above); the totals line reads whole.
    const summary = squash(picked.at(-1)!.word.text);
    expect(summary).toContain(`合计（${ctx.standings.length}个单位）`);
    expect(summary).toContain('考核单位：安康市人民政府督查室考核时间：2019年12月31日');
  });

  it('runs to the page count of the PDF ±1 — a sheet never longer', () => {
    // Chromium moves a category whose merged cells would not fit to the next page whole and
    // leaves the rest of the page empty; Word and LibreOffice fill it, so a long sheet can
    // come out shorter as a .docx, never longer.
    const summary = picked.at(-1)!;
    expect(Math.abs(summary.word.pages.length - summary.pdf.pages.length)).toBeLessThanOrEqual(1);
    for (const p of picked.slice(0, -1))
      expect(p.word.pages.length, p.name).toBeLessThanOrEqual(p.pdf.pages.length + 1);
    const short = picked[2]!;
    expect(Math.abs(short.word.pages.length - short.pdf.pages.length), short.name).toBeLessThanOrEqual(1);
  });

  it('keeps the styles of the roles and a header row that repeats', () => {
    const back = readDocx(picked[0]!.docx);
    for (const name of ['Title', '表格文字', '表头', '表上信息', '说明'])
      expect(
        back.styles.some((s) => s.name === name),
        name,
      ).toBe(true);
    expect(back.tables).toBe(1);
    expect(back.paragraphs.find((p) => p.style === 'Title')?.text).toBe('2019年度目标责任考核评分表');
  });
});
