// Score sheets (issue 15). The seed's 59 sheets + the summary through the real
// CLI, cold (a new process and browser each run), against the previous design in
// the same run: the renderer and reporter as they were before batch printing
// (one print per sheet, per-document font subsets; sources from git, run
// in-process, so without even the CLI's start-up) and a naive renderTemplate per
// sheet with today's renderer. 1,000 synthetic sheets in a child process, with
// the peak memory (PSS) of Node + Chromium. Goals: seed ≤ 2.0 s cold CLI and
// ≥ 6× the previous design; 1,000 sheets ≤ 20 s and ≤ 1 GB.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitScore, Verdict, Plan } from '@duban/core';
import { createPdfRenderer } from '@duban/pdf';
import type { UnitInfo } from '@duban/reporter-api';
import { buildSheet, buildSummary, ScoresheetOptions, SHEET_TEMPLATE, SUMMARY_TEMPLATE } from '@duban/reporter-scoresheet';
import { contextFor, directoryOutput, type SyntheticData } from '../packages/reporter-scoresheet/src/_synthetic.js';
import { median, round, speedup, type BenchResult } from './_lib.js';
import { cli, coldCli, cpuRow, previousDesign, ROOT, seedLedger, timedRun } from './_pdfbench.js';

const AS_OF = '2019-12-31';

/** The seed as the reporter sees it, read back through the real CLI. */
function seedData(db: string): SyntheticData {
  const plan = JSON.parse(cli(['--db', db, 'import', 'seeds/ankang-2019-notice.txt', '--units', 'seeds/ankang-units.json', '--dry-run', '--json'])) as Plan;
  const scores = JSON.parse(cli(['--db', db, 'scores', '--as-of', AS_OF, '--json'])) as UnitScore[];
  const verdicts = JSON.parse(cli(['--db', db, 'evaluate', '--as-of', AS_OF, '--json'])) as Verdict[];
  const units = new Map<string, UnitInfo & { tasks: { task: number; role: 'lead' | 'co' | 'responsible' }[] }>();
  for (const t of plan.tasks) {
    for (const a of t.assignments) {
      const u = units.get(a.unit) ?? { name: a.unit, kind: 'other', isGroup: a.isGroup ?? false, tasks: [] };
      u.tasks.push({ task: t.number, role: a.role });
      units.set(a.unit, u);
    }
  }
  return { plan, units: [...units.values()], verdicts, scores };
}

/** The previous design: its renderer and reporter from git, one renderer for the run. */
async function previous(data: SyntheticData, out: string): Promise<number> {
  const dir = previousDesign();
  const old = (await import(join(dir, 'packages/pdf/src/index.ts'))) as { createPdfRenderer: typeof createPdfRenderer };
  const reporter = (await import(join(dir, 'packages/reporter-scoresheet/src/index.ts'))) as { default: (o: unknown) => { render: (c: unknown) => Promise<unknown[]> }; ScoresheetOptions: typeof ScoresheetOptions };
  const options = reporter.ScoresheetOptions.parse({});
  const t0 = performance.now();
  const pdf = old.createPdfRenderer();
  try {
    await reporter.default(options).render(contextFor(data, options, directoryOutput(out), pdf as never, AS_OF));
  } finally {
    await pdf.close();
  }
  return (performance.now() - t0) / 1000;
}

/** Naive: today's renderer, one print per document (no batch). */
async function naive(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const t0 = performance.now();
  const pdf = createPdfRenderer({ progress: false });
  try {
    for (const [i, s] of data.scores.entries()) await pdf.renderTemplate(SHEET_TEMPLATE, buildSheet({ plan: data.plan, asOf: AS_OF }, s, options), join(out, `${i}.pdf`));
    await pdf.renderTemplate(SUMMARY_TEMPLATE, buildSummary({ ...data, asOf: AS_OF }, options), join(out, 'summary.pdf'));
  } finally {
    await pdf.close();
  }
  return (performance.now() - t0) / 1000;
}

export default async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-scoresheet-'));
  try {
    const db = seedLedger(dir);
    const data = seedData(db);
    const args = ['--db', db, 'report', 'scoresheet', '--as-of', AS_OF];
    await coldCli([...args, '--out', join(dir, 'warmup/')]); // the font cache, once: not what a user sees twice
    const colds: { ms: number; peakMb: number; cpuS: number | null }[] = [];
    for (let i = 0; i < 3; i++) colds.push(await coldCli([...args, '--out', join(dir, `cold-${i}/`)]));
    const files = readdirSync(join(dir, 'cold-0')).length;
    const cold = median(colds.map((c) => c.ms)) / 1000;
    const prev = await previous(data, join(dir, 'previous'));
    const nav = await naive(data, join(dir, 'naive'));
    process.stderr.write(`[bench] scoresheet seed: ${files} files, ${cold.toFixed(2)} s cold CLI; previous design ${prev.toFixed(2)} s; naive ${nav.toFixed(2)} s\n`);

    const big = await timedRun(['--import', 'tsx', join(ROOT, 'bench/_scoresheet-child.ts'), '1000', join(dir, 'synthetic')]);
    const bigS = (JSON.parse(big.stdout) as { s: number }).s;
    return [
      { name: 'scoresheet.seed-cli', value: round(cold, 2), unit: 's', baseline: round(prev, 2), ratio: speedup(cold, prev), goal: '≤ 2.0 s cold CLI, ≥ 6× the previous design', pass: cold <= 2 && prev / cold >= 6 },
      ...cpuRow('scoresheet.seed-cli.cpu', colds),
      { name: 'scoresheet.seed-naive', value: round(nav, 2), unit: 's' },
      { name: 'scoresheet.seed-cli.rss', value: round(Math.max(...colds.map((c) => c.peakMb)), 0), unit: 'MB' },
      { name: 'scoresheet.synthetic-1000', value: round(bigS, 2), unit: 's', goal: '≤ 20 s', pass: bigS <= 20 },
      ...cpuRow('scoresheet.synthetic-1000.cpu', [big]),
      { name: 'scoresheet.synthetic-1000.rss', value: round(big.peakMb, 0), unit: 'MB', goal: '≤ 1024 MB (PSS of Node + Chromium)', pass: big.peakMb <= 1024 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
