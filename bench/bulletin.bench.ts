// The supervision bulletin for the seed (issue 15): a cold CLI run (process start
// to PDF on disk, browser launch included), a warm render (browser and page
// already running: the web workspace's path), the naive baseline (a browser
// launched per document) in the same run, the peak memory of Node + Chromium,
// the file size, and the same bulletin set by Typst in the same run
// (@myriaddreamin/typst-ts-node-compiler, bench-only; bench/typst/): cold in a
// new process, warm in-process. Goals: cold ≤ 1.0 s, warm ≤ 150 ms and within
// 4× of Typst warm, ≤ 400 KB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import type { PdfRenderer } from '@duban/reporter-api';
import { createFixtureContext } from '@duban/reporter-api/testing';
import bulletin from '@duban/reporter-bulletin';
import { generateSampleProgress } from '../dev/sample/index.js';
import { type BenchResult, median, round, speedup, timeMedian } from './_lib.js';
import { coldCli, cpuRow, ROOT, seedLedger, treePss } from './_pdfbench.js';
import { htmlToTypst } from './typst/html2typst.js';
import { typstCold, typstWarm } from './typst/typst.js';

const AS_OF = '2019-06-30';

export default async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-bulletin-'));
  try {
    const db = seedLedger(dir);
    const out = join(dir, 'cold.pdf');
    const args = ['--db', db, 'report', 'bulletin', '--as-of', AS_OF, '--issue', '3', '--out', out];
    await coldCli(args); // first run may prepare fonts; not what a user sees twice
    const colds: { ms: number; peakMb: number; cpuS: number | null }[] = [];
    for (let i = 0; i < 5; i++) colds.push(await coldCli(args));
    const bytes = statSync(out).size;
    const { peakMb } = await coldCli(args, true); // memory sampled in a run of its own

    // Warm and naive renders of the same document in-process: the seed plan with the ledger's verdicts.
    const directory = JSON.parse(readFileSync(join(ROOT, 'seeds/ankang-units.json'), 'utf8')) as UnitDirectory;
    const plan = importNotice(readFileSync(join(ROOT, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
    const progress = generateSampleProgress(plan, directory, { seed: 2019 });
    const reporter = bulletin(bulletin.meta.options!.parse({}));
    const context = (pdf: PdfRenderer) =>
      createFixtureContext({
        plan,
        directory,
        progress,
        pdf,
        asOf: AS_OF,
        out: join(dir, 'warm.pdf'),
        issue: {
          office: `${plan.issuer}督查室`,
          issuer: plan.issuer,
          printer: `${plan.issuer}办公室`,
          date: AS_OF,
          number: 3,
        },
      });
    const renderer = createPdfRenderer({ progress: false });
    const warmCtx = await context(renderer);
    const warm = await timeMedian(async () => void (await reporter.render!(warmCtx as never)), 10, 3);
    // Memory after warm renders, read outside the timed renders (reading smaps costs CPU).
    let warmPeak = 0;
    for (let i = 0; i < 3; i++) {
      await reporter.render!(warmCtx as never);
      warmPeak = Math.max(warmPeak, treePss(process.pid));
    }
    // The bulletin's own HTML, for Typst: what the reporter asked the renderer to print.
    const html = await bulletinHtml(renderer, reporter, context);
    await renderer.close();
    const naive = await timeMedian(
      async () => {
        const own = createPdfRenderer({ progress: false });
        try {
          await reporter.render!((await context(own)) as never);
        } finally {
          await own.close();
        }
      },
      3,
      1,
    );

    const body = htmlToTypst(html);
    writeFileSync(join(dir, 'body.typ'), body);
    const tWarm = await typstWarm(body, join(dir, 'typst.pdf'));
    const tCold = await typstCold(join(dir, 'body.typ'), join(dir, 'typst-cold.pdf'));
    const typstPages = spawnSync('pdfinfo', [join(dir, 'typst.pdf')], { encoding: 'utf8' }).stdout.match(
      /Pages:\s+(\d+)/,
    )?.[1];
    process.stderr.write(
      `[bench] bulletin: Typst ${typstPages} pages, ${round(statSync(join(dir, 'typst.pdf')).size / 1024, 0)} KB\n`,
    );

    const coldMs = median(colds.map((c) => c.ms));
    return [
      {
        name: 'bulletin.cold',
        value: round(coldMs, 0),
        unit: 'ms',
        baseline: round(naive, 0),
        ratio: speedup(coldMs, naive),
        goal: '≤ 1000 ms',
        pass: coldMs <= 1000,
      },
      ...cpuRow('bulletin.cold.cpu', colds),
      {
        name: 'bulletin.warm',
        value: round(warm, 0),
        unit: 'ms',
        baseline: round(naive, 0),
        ratio: speedup(warm, naive),
        goal: '≤ 150 ms',
        pass: warm <= 150,
      },
      {
        name: 'bulletin.warm.vs-typst',
        value: round(warm, 0),
        unit: 'ms',
        baseline: round(tWarm, 0),
        ratio: speedup(warm, tWarm),
        goal: 'within 4× of Typst warm (ratio ≥ 0.25)',
        pass: warm <= 4 * tWarm,
      },
      { name: 'bulletin.naive', value: round(naive, 0), unit: 'ms' },
      { name: 'bulletin.typst.warm', value: round(tWarm, 0), unit: 'ms' },
      { name: 'bulletin.typst.cold', value: round(tCold, 0), unit: 'ms' },
      { name: 'bulletin.size', value: round(bytes / 1024, 0), unit: 'KB', goal: '≤ 400 KB', pass: bytes <= 400 * 1024 },
      {
        name: 'bulletin.rss',
        value: round(peakMb, 0),
        unit: 'MB',
        goal: '≤ 700 MB (PSS of Node + Chromium)',
        pass: peakMb <= 700,
      },
      { name: 'bulletin.rss.warm', value: round(warmPeak / 1024, 0), unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The HTML the bulletin reporter prints, caught on its way to the renderer. */
async function bulletinHtml(
  renderer: DubanPdfRenderer,
  reporter: ReturnType<typeof bulletin>,
  context: (pdf: PdfRenderer) => unknown,
): Promise<string> {
  let html = '';
  const catching: PdfRenderer = {
    ...renderer,
    renderTemplate: async (template, data, outPath) => {
      html = await renderer.renderTemplateToHtml(template, data);
      return { path: outPath, pages: 0, bytes: 0 };
    },
  };
  await reporter.render!((await context(catching)) as never);
  return html;
}
