// The bulletin as a .docx, rendered from the seed like the PDF (same judged view,
// same model), converted by LibreOffice and checked as the PDF is: the shared
// GB/T 9704 checker, the repository's own format assertions, the page count of
// the Chromium PDF ±1 and the same text.
import { join } from 'node:path';
import { createDocxWriter } from '@duban/docx';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import type { FixtureContext } from '@duban/reporter-api/testing';
import bulletin from '@duban/reporter-bulletin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { characterCounts, convertDocx, countDifferences, libreOfficeAvailable } from './_support/docx.js';
import { checkGongwen } from './_support/gongwen.js';
import {
  badCodePoints,
  bodyText,
  isA4Portrait,
  isRed,
  loadPdf,
  type PdfDoc,
  pageNumber,
  rules,
  squash,
  TYPE_AREA,
} from './_support/pdf.js';
import { seedContext } from './_support/seed-context.js';

describe('the bulletin as a Word document, converted by LibreOffice', () => {
  const tmp = tempDir('duban-docx-bulletin-');
  let renderer: DubanPdfRenderer;
  let ctx: FixtureContext;
  const files: Record<'pdf' | 'annexPdf' | 'docx' | 'annexDocx' | 'converted' | 'annexConverted', string> = {} as never;
  let pdf: PdfDoc;
  let word: PdfDoc;
  let annexPdf: PdfDoc;
  let annexWord: PdfDoc;

  beforeAll(async () => {
    expect(libreOfficeAvailable(), 'soffice (libreoffice-writer-nogui, scripts/setup.sh) is needed').toBe(true);
    renderer = createPdfRenderer();
    ctx = await seedContext({
      pdf: renderer,
      docx: createDocxWriter(),
      out: join(tmp.dir, '督查通报-第3期.pdf'),
      options: bulletin.meta.options!.parse({ format: 'pdf,docx' }),
    });
    const outputs = (await bulletin(ctx.options as never).render!(ctx as never)) ?? [];
    expect(outputs.map((o) => [o.path.replace(tmp.dir, ''), o.kind])).toEqual([
      ['/督查通报-第3期.pdf', 'pdf'],
      ['/督查通报-第3期-附件.pdf', 'pdf'],
      ['/督查通报-第3期.docx', 'docx'],
      ['/督查通报-第3期-附件.docx', 'docx'],
    ]);
    [files.pdf, files.annexPdf, files.docx, files.annexDocx] = outputs.map((o) => o.path) as [
      string,
      string,
      string,
      string,
    ];
    files.converted = convertDocx(files.docx, join(tmp.dir, 'converted'));
    files.annexConverted = convertDocx(files.annexDocx, join(tmp.dir, 'converted'));
    [pdf, word, annexPdf, annexWord] = (await Promise.all(
      [files.pdf, files.converted, files.annexPdf, files.annexConverted].map((f) => loadPdf(f)),
    )) as [PdfDoc, PdfDoc, PdfDoc, PdfDoc];
  }, 300_000);

  afterAll(async () => {
    await renderer?.close();
    tmp.cleanup();
  });

  it('passes check-gongwen --kind bulletin with no failure, 28 characters a line and the 29 pt grid', () => {
    const r = checkGongwen(files.converted, 'bulletin');
    expect(r, 'check-gongwen and mutool/pdffonts are needed').not.toBeNull();
    expect(r!.failed, r!.output).toEqual([]);
    expect(r!.checks.find((c) => c.name === 'chars-per-line')?.status, r!.output).toBe('PASS');
    expect(r!.checks.find((c) => c.name === 'line-pitch')?.status).toBe('PASS');
  });

  it('issues the attachment as its own document that passes the checker too', () => {
    const r = checkGongwen(files.annexConverted, 'any');
    expect(r!.failed, r!.output).toEqual([]);
    expect(squash(annexWord.pages[0]!.lines[0]!.text)).toBe('督查通报第3期附件');
  });

  it('has the page count of the Chromium PDF ±1, bulletin and attachment', () => {
    expect(
      Math.abs(word.pages.length - pdf.pages.length),
      `${word.pages.length} vs ${pdf.pages.length}`,
    ).toBeLessThanOrEqual(1);
    expect(
      Math.abs(annexWord.pages.length - annexPdf.pages.length),
      `${annexWord.pages.length} vs ${annexPdf.pages.length}`,
    ).toBeLessThanOrEqual(1);
  });

  it('says the same as the PDF: the same characters, every task number, unit and figure', () => {
    expect(countDifferences(characterCounts(word), characterCounts(pdf))).toEqual([]);
    const header = ctx.tasks.length ? '序号重点任务牵头单位责任单位时限进展情况评价' : '';
    expect(countDifferences(characterCounts(annexWord, header), characterCounts(annexPdf, header))).toEqual([]);
    const body = bodyText(word);
    const refs = (text: string) => [...text.matchAll(/第(\d+)项“/gu)].map((m) => Number(m[1]));
    expect(refs(body)).toEqual(refs(squash(pdf.text)));
    for (const t of ctx.tasks.filter((x) => x.verdict.status === 'at_risk' || x.verdict.status === 'overdue')) {
      expect(body, `task ${t.task}`).toContain(`第${t.task}项“`);
      expect(body, `task ${t.task}`).toContain(squash(t.figure.text));
    }
    // The attachment's cells wrap differently in the two files, so its unit names and texts are compared as
    // characters above; its 序号 column reads 1…N in order in both, one number a row.
    const serials = (doc: PdfDoc) =>
      doc.pages.flatMap((p) =>
        p.runs
          .filter((r) => /^\d+$/u.test(r.str.trim()) && r.x < TYPE_AREA.x0 + 30 && r.y < TYPE_AREA.y1)
          .sort((x, y) => x.y - y.y)
          .map((r) => Number(r.str)),
      );
    expect(serials(annexWord)).toEqual(ctx.tasks.map((_, i) => i + 1));
    expect(serials(annexWord)).toEqual(serials(annexPdf));
  });

  it('passes the repository PDF assertions: A4, red rule and masthead, centred 22 pt title, body in the type area, page numbers', () => {
    expect(word.pages.every(isA4Portrait)).toBe(true);
    const first = word.pages[0]!;
    expect(squash(first.text)).toMatch(/^督查通报第3期安康市人民政府督查室2019年7月5日/u);
    const red = rules(first, isRed);
    expect(red.length).toBeGreaterThanOrEqual(1);
    expect(red[0]!.x1 - red[0]!.x0).toBeCloseTo(TYPE_AREA.x1 - TYPE_AREA.x0, -1);
    const title = first.lines.filter((l) => Math.abs(l.size - 22) < 0.3);
    expect(squash(title.map((l) => l.text).join(''))).toBe(
      '关于2019年《政府工作报告》重点任务（上半年）落实情况的通报',
    );
    for (const l of title) expect(Math.abs((l.x0 + l.x1) / 2 - (TYPE_AREA.x0 + TYPE_AREA.x1) / 2)).toBeLessThan(6);
    const lines = word.pages[1]!.lines.filter((l) => Math.abs(l.size - 16) < 0.3);
    expect(lines.length).toBeGreaterThanOrEqual(18);
    for (const l of lines) {
      expect(l.x0).toBeGreaterThan(TYPE_AREA.x0 - 3);
      expect(l.x1).toBeLessThan(TYPE_AREA.x1 + 3);
    }
    expect(badCodePoints(word.text)).toEqual([]);
    const last = word.pages.length - 1;
    word.pages.forEach((page, i) => {
      const n = pageNumber(page);
      if (i === last) return expect(n, 'the 版记 page is unnumbered').toBeNull();
      expect(n?.n, `page ${i + 1}`).toBe(i + 1);
      expect(n!.size).toBeCloseTo(14, 0);
      if ((i + 1) % 2 === 1) expect(Math.abs(n!.x1 - (TYPE_AREA.x1 - 14))).toBeLessThan(8);
      else expect(Math.abs(n!.x0 - (TYPE_AREA.x0 + 14))).toBeLessThan(8);
    });
  });

  it('puts the 版记 on an even last page, its last rule on the bottom of the type area', () => {
    expect(word.pages.length % 2).toBe(0);
    const last = word.pages.at(-1)!;
    expect(squash(last.text)).toMatch(
      /^抄送：市委办公室，市人大常委会办公室，市政协办公室。安康市人民政府办公室2019年7月5日印发$/u,
    );
    const bottom = Math.max(...rules(last, (c) => c === '#000000').map((s) => s.y1));
    expect(TYPE_AREA.y1 - bottom).toBeGreaterThanOrEqual(0);
    expect(TYPE_AREA.y1 - bottom).toBeLessThan(8);
  });
});
