// Score-sheet speed: every unit's sheet plus the summary ranking, rendered by the
// reporter through ONE renderer (one Chromium, pages reused), against the naive
// baseline measured in the same run: a new browser launched and closed per
// document, as a first implementation would. Both include browser start-up.
// Datasets: the seed (imported with the sample progress through the built CLI,
// scored as of 2019-12-31) and a synthetic 80-unit plan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { generateSampleProgress } from '@duban/intake';
import { createPdfRenderer } from '@duban/pdf';
import scoresheet, { buildSheet, buildSummary, ScoresheetOptions, SHEET_TEMPLATE, SUMMARY_TEMPLATE } from '@duban/reporter-scoresheet';
import { contextFor, directoryOutput, syntheticData, type SyntheticData } from '../tests/_support/synthetic.js';
import { round, speedup, type BenchResult } from './_lib.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2019-12-31';

/** The seed with its sample progress, as the reporter sees it (judged by the default rules). */
function seedData(): SyntheticData {
  const directory = JSON.parse(readFileSync(join(ROOT, 'seeds/ankang-units.json'), 'utf8')) as UnitDirectory;
  const plan = importNotice(readFileSync(join(ROOT, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
  return { plan, directory, progress: generateSampleProgress(plan, directory, { seed: 2019 }) };
}

/** One renderer for the whole run: what `duban report scoresheet` does. */
async function pooled(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const pdf = createPdfRenderer();
  try {
    const files = (await scoresheet(options).render!(await contextFor(data, options, directoryOutput(out), pdf, AS_OF))) ?? [];
    return files.length;
  } finally {
    await pdf.close();
  }
}

/** The naive baseline: a new browser per document. */
async function naive(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const ctx = await contextFor(data, options, directoryOutput(out), createPdfRenderer(), AS_OF);
  const docs: [string, unknown][] = ctx.scores.map((s) => [SHEET_TEMPLATE, buildSheet(ctx, s, options)] as [string, unknown]);
  docs.push([SUMMARY_TEMPLATE, buildSummary(ctx, options)]);
  for (const [i, [template, view]] of docs.entries()) {
    const pdf = createPdfRenderer();
    try {
      await pdf.renderTemplate(template, view, join(out, `naive-${i}.pdf`));
    } finally {
      await pdf.close();
    }
  }
  return docs.length;
}

async function seconds(fn: () => Promise<number>): Promise<{ s: number; docs: number }> {
  const t0 = performance.now();
  const docs = await fn();
  return { s: round((performance.now() - t0) / 1000, 2), docs };
}

/** Bench entry: seed-all and synthetic-80, each against the naive baseline. */
export default async function bench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-scoresheet-'));
  try {
    const sets: [string, SyntheticData, string | undefined, number | undefined][] = [
      ['scoresheet.seed-all', seedData(), undefined, undefined],
      ['scoresheet.synthetic-80', syntheticData(80), '≤ 15 s', 15],
    ];
    const results: BenchResult[] = [];
    for (const [name, data, goal, limit] of sets) {
      // Warm the font cache once so neither side pays for building cleaned fonts.
      await pooled({ ...data, plan: { ...data.plan, tasks: data.plan.tasks.slice(0, 1) } }, join(dir, `${name}-warm`));
      const fast = await seconds(() => pooled(data, join(dir, `${name}-pooled`)));
      const slow = await seconds(() => naive(data, join(dir, `${name}-naive`)));
      process.stderr.write(`[bench] ${name}: ${fast.docs} documents, ${fast.s} s with one browser, ${slow.s} s with a browser per document\n`);
      results.push({ name, value: fast.s, unit: 's', baseline: slow.s, ratio: speedup(fast.s, slow.s), ...(goal ? { goal, pass: fast.s <= limit! } : {}) });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
