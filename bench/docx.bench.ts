// Word output speed. The seed bulletin (with its separately issued attachment) as
// .docx, warm (the writer loaded, as on a second document in one run), against the
// warm PDF render of the same bulletin measured in the same run (the browser
// already running); and 60 units' score sheets plus the summary as .docx against
// the same 60 as PDFs through one browser. Goals (issue 16): a .docx bulletin in
// ≤ 300 ms warm and ≥ 3× faster than the PDF path in the same run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UnitDirectory } from '@duban/core';
import { createDocxWriter } from '@duban/docx';
import { importNotice } from '@duban/import';
import { createPdfRenderer } from '@duban/pdf';
import { createFixtureContext } from '@duban/reporter-api/testing';
import bulletin from '@duban/reporter-bulletin';
import scoresheet, { ScoresheetOptions } from '@duban/reporter-scoresheet';
import { generateSampleProgress } from '../dev/sample/index.js';
import { contextFor, directoryOutput, syntheticData } from '../tests/_support/synthetic.js';
import { type BenchResult, round, speedup, timeMedian } from './_lib.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2019-06-30';

/** Seconds `fn` takes, once. */
async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return round((performance.now() - t0) / 1000, 2);
}

export default async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-docx-'));
  const pdf = createPdfRenderer();
  try {
    const directory = JSON.parse(readFileSync(join(ROOT, 'seeds/ankang-units.json'), 'utf8')) as UnitDirectory;
    const plan = importNotice(readFileSync(join(ROOT, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
    const progress = generateSampleProgress(plan, directory, { seed: 2019 });
    const issue = {
      office: `${plan.issuer}督查室`,
      issuer: plan.issuer,
      printer: `${plan.issuer}办公室`,
      date: AS_OF,
      number: 3,
    };
    const context = async (format: string, out: string) =>
      createFixtureContext({
        plan,
        directory,
        progress,
        pdf,
        docx: createDocxWriter(),
        asOf: AS_OF,
        out: join(dir, out),
        issue,
        options: bulletin.meta.options!.parse({ format }),
      });
    const docxCtx = await context('docx', 'b.docx');
    const pdfCtx = await context('pdf', 'b.pdf');
    const render = (ctx: Awaited<ReturnType<typeof context>>) => bulletin(ctx.options as never).render!(ctx as never);
    const warmDocx = await timeMedian(() => render(docxCtx), 12, 3);
    const warmPdf = await timeMedian(() => render(pdfCtx), 8, 2);

    // 60 units: every sheet and the summary, .docx against PDF (one browser, its default pool).
    const data = syntheticData(60);
    const sheets = async (format: string, out: string) => {
      const options = ScoresheetOptions.parse({ format });
      const ctx = await contextFor(data, options, directoryOutput(join(dir, out)), pdf, '2019-12-31');
      return scoresheet(options).render!({ ...ctx, docx: createDocxWriter() } as never);
    };
    await sheets('docx', 'warm-docx');
    const docxSheets = await seconds(() => sheets('docx', 'sheets-docx'));
    const pdfSheets = await seconds(() => sheets('pdf', 'sheets-pdf'));
    process.stderr.write(
      `[bench] docx: bulletin ${round(warmDocx, 0)} ms (.docx) vs ${round(warmPdf, 0)} ms (PDF); 60 sheets + summary ${docxSheets} s (.docx) vs ${pdfSheets} s (PDF)\n`,
    );
    const ratio = speedup(warmDocx, warmPdf);
    return [
      {
        name: 'docx.bulletin.warm',
        value: round(warmDocx, 0),
        unit: 'ms',
        baseline: round(warmPdf, 0),
        ratio,
        goal: '≤ 300 ms, ≥ 3× the PDF path',
        pass: warmDocx <= 300 && ratio >= 3,
      },
      {
        name: 'docx.scoresheet.synthetic-60',
        value: docxSheets,
        unit: 's',
        baseline: pdfSheets,
        ratio: speedup(docxSheets, pdfSheets),
      },
    ];
  } finally {
    await pdf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
