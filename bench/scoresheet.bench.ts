// Score sheets (issue 15). The seed's 59 sheets + the summary through the real
// CLI, cold (a new process and browser each run), against the previous design in
// the same run: the renderer and reporter as they were before batch printing
// (one print per sheet, per-document font subsets; sources from git, run
// in-process, so without even the CLI's start-up) and a naive renderTemplate per
// sheet with today's renderer. 1,000 synthetic sheets in a child process, with
// the peak memory (PSS) of Node + Chromium. Goals: seed ≤ 2.0 s cold CLI and
// ≥ 6× the previous design; 1,000 sheets ≤ 20 s and ≤ 1 GB.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { createPdfRenderer } from '@duban/pdf';
import type { ReportContext } from '@duban/reporter-api';
import {
  buildSheet,
  buildSummary,
  ScoresheetOptions,
  SHEET_TEMPLATE,
  SUMMARY_TEMPLATE,
} from '@duban/reporter-scoresheet';
import { generateSampleProgress } from '../dev/sample/index.js';
import { contextFor, directoryOutput, type SyntheticData } from '../tests/_support/synthetic.js';
import { type BenchResult, median, round, speedup } from './_lib.js';
import { coldCli, cpuRow, previousDesign, ROOT, seedLedger, timedRun } from './_pdfbench.js';

const AS_OF = '2019-12-31';

/** The seed with its sample progress, judged by the default rules: what `duban report scoresheet` prints. */
function seedData(): SyntheticData {
  const directory = JSON.parse(readFileSync(join(ROOT, 'seeds/ankang-units.json'), 'utf8')) as UnitDirectory;
  const plan = importNotice(readFileSync(join(ROOT, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
  return { plan, directory, progress: generateSampleProgress(plan, directory, { seed: 2019 }) };
}

/**
 * The same units and scores in the shape the previous design's reporter read
 * (reporter apiVersion 1): it prints as many sheets, lines and reasons, so its
 * render time is comparable; the wording of its content is its own.
 */
function v1Context(ctx: ReportContext<unknown>, options: unknown): unknown {
  return {
    ...ctx,
    options,
    units: ctx.units.map((u) => ({ name: u.unit, kind: u.kind, isGroup: false, tasks: u.tasks })),
    verdicts: ctx.tasks.map((t) => ({
      task: t.task,
      status: t.verdict.status,
      rule: t.verdict.rule,
      reason: t.verdict.reason,
      facts: {},
      conditions: [],
    })),
    progress: [],
    scores: ctx.scores.map((s) => ({
      ...s,
      lines: s.lines.flatMap((l) =>
        l.rows.map((r, i) => ({
          task: r.task,
          role: r.role,
          item: r.task === null ? l.item : r.content.slice(0, 30),
          max: i === 0 ? l.max : 0,
          score: i === 0 ? l.score : 0,
        })),
      ),
    })),
  };
}

/** The previous design: its renderer and reporter from git, one renderer for the run. */
async function previous(data: SyntheticData, out: string): Promise<number> {
  const dir = previousDesign();
  const old = (await import(join(dir, 'packages/pdf/src/index.ts'))) as { createPdfRenderer: typeof createPdfRenderer };
  const reporter = (await import(join(dir, 'packages/reporter-scoresheet/src/index.ts'))) as {
    default: (o: unknown) => { render: (c: unknown) => Promise<unknown[]> };
    ScoresheetOptions: typeof ScoresheetOptions;
  };
  const options = reporter.ScoresheetOptions.parse({});
  const pdf = old.createPdfRenderer();
  const ctx = v1Context(await contextFor(data, options, directoryOutput(out), pdf as never, AS_OF), options);
  const t0 = performance.now();
  try {
    await reporter.default(options).render(ctx);
  } finally {
    await pdf.close();
  }
  return (performance.now() - t0) / 1000;
}

/** Naive: today's renderer, one print per document (no batch). */
async function naive(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const pdf = createPdfRenderer({ progress: false });
  const ctx = await contextFor(data, options, directoryOutput(out), pdf, AS_OF);
  const t0 = performance.now();
  try {
    for (const [i, s] of ctx.scores.entries())
      await pdf.renderTemplate(SHEET_TEMPLATE, buildSheet(ctx, s, options), join(out, `${i}.pdf`));
    await pdf.renderTemplate(SUMMARY_TEMPLATE, buildSummary(ctx, options), join(out, 'summary.pdf'));
  } finally {
    await pdf.close();
  }
  return (performance.now() - t0) / 1000;
}

export default async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-scoresheet-'));
  try {
    const db = seedLedger(dir);
    const data = seedData();
    const args = ['--db', db, 'report', 'scoresheet', '--as-of', AS_OF];
    await coldCli([...args, '--out', join(dir, 'warmup/')]); // the font cache, once: not what a user sees twice
    const colds: { ms: number; peakMb: number; cpuS: number | null }[] = [];
    for (let i = 0; i < 3; i++) colds.push(await coldCli([...args, '--out', join(dir, `cold-${i}/`)]));
    const files = readdirSync(join(dir, 'cold-0')).length;
    const seedMemory = await coldCli([...args, '--out', join(dir, 'memory/')], true); // sampled in a run of its own
    const cold = median(colds.map((c) => c.ms)) / 1000;
    const prev = await previous(data, join(dir, 'previous'));
    const nav = await naive(data, join(dir, 'naive'));
    process.stderr.write(
      `[bench] scoresheet seed: ${files} files, ${cold.toFixed(2)} s cold CLI; previous design ${prev.toFixed(2)} s; naive ${nav.toFixed(2)} s\n`,
    );

    const child = (out: string) => [
      '--import',
      'tsx',
      join(ROOT, 'bench/_scoresheet-child.ts'),
      '1000',
      join(dir, out),
    ];
    const big = await timedRun(child('synthetic'));
    const bigS = (JSON.parse(big.stdout) as { s: number }).s;
    const bigMemory = await timedRun(child('synthetic-memory'), {}, true); // sampled in a run of its own
    return [
      {
        name: 'scoresheet.seed-cli',
        value: round(cold, 2),
        unit: 's',
        baseline: round(prev, 2),
        ratio: speedup(cold, prev),
        goal: '≤ 2.0 s cold CLI, ≥ 6× the previous design',
        pass: cold <= 2 && prev / cold >= 6,
      },
      ...cpuRow('scoresheet.seed-cli.cpu', colds),
      { name: 'scoresheet.seed-naive', value: round(nav, 2), unit: 's' },
      { name: 'scoresheet.seed-cli.rss', value: round(seedMemory.peakMb, 0), unit: 'MB' },
      { name: 'scoresheet.synthetic-1000', value: round(bigS, 2), unit: 's', goal: '≤ 20 s', pass: bigS <= 20 },
      ...cpuRow('scoresheet.synthetic-1000.cpu', [big]),
      {
        name: 'scoresheet.synthetic-1000.rss',
        value: round(bigMemory.peakMb, 0),
        unit: 'MB',
        goal: '≤ 1024 MB (PSS of Node + Chromium)',
        pass: bigMemory.peakMb <= 1024,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
