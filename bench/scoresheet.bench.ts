// Score-sheet speed: every unit's sheet plus the summary ranking, rendered by the
// reporter through ONE renderer (one Chromium, pages reused), against the naive
// baseline measured in the same run: a new browser launched and closed per
// document, as a first implementation would. Both include browser start-up.
// Datasets: the seed (imported with the sample progress through the built CLI,
// scored as of 2019-12-31) and a synthetic 80-unit plan.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan, UnitScore, Verdict } from '@duban/core';
import { createPdfRenderer } from '@duban/pdf';
import type { UnitInfo } from '@duban/reporter-api';
import scoresheet, { buildSheet, buildSummary, ScoresheetOptions, SHEET_TEMPLATE, SUMMARY_TEMPLATE } from '@duban/reporter-scoresheet';
import { contextFor, directoryOutput, syntheticData, type SyntheticData } from '../packages/reporter-scoresheet/src/_synthetic.js';
import { round, speedup, type BenchResult } from './_lib.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2019-12-31';

/** The seed as the reporter sees it, read back through the real CLI from a fresh ledger. */
function seedData(dir: string): SyntheticData {
  const db = join(dir, 'bench.db');
  const duban = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'apps/cli/bin/duban.js'), '--db', db, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const notice = join(ROOT, 'seeds/ankang-2019-notice.txt');
  duban('import', notice, '--units', join(ROOT, 'seeds/ankang-units.json'));
  const sample = join(ROOT, 'seeds/sample-progress');
  duban('progress', 'import', '--office', ...readdirSync(sample).filter((f) => /\.(csv|xlsx)$/.test(f)).map((f) => join(sample, f)));
  const plan = JSON.parse(duban('import', notice, '--units', join(ROOT, 'seeds/ankang-units.json'), '--dry-run', '--json')) as Plan;
  const scores = JSON.parse(duban('scores', '--as-of', AS_OF, '--json')) as UnitScore[];
  const verdicts = JSON.parse(duban('evaluate', '--as-of', AS_OF, '--json')) as Verdict[];
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

/** One renderer for the whole run: what `duban report scoresheet` does. */
async function pooled(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const pdf = createPdfRenderer();
  try {
    const files = (await scoresheet(options).render!(contextFor(data, options, directoryOutput(out), pdf, AS_OF))) ?? [];
    return files.length;
  } finally {
    await pdf.close();
  }
}

/** The naive baseline: a new browser per document. */
async function naive(data: SyntheticData, out: string): Promise<number> {
  const options = ScoresheetOptions.parse({});
  const input = { plan: data.plan, asOf: AS_OF };
  const docs: [string, unknown][] = data.scores.map((s) => [SHEET_TEMPLATE, buildSheet(input, s, options)] as [string, unknown]);
  docs.push([SUMMARY_TEMPLATE, buildSummary({ ...data, asOf: AS_OF }, options)]);
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
      ['scoresheet.seed-all', seedData(dir), undefined, undefined],
      ['scoresheet.synthetic-80', syntheticData(80), '≤ 15 s', 15],
    ];
    const results: BenchResult[] = [];
    for (const [name, data, goal, limit] of sets) {
      // Warm the font cache once so neither side pays for building cleaned fonts.
      await pooled({ ...data, scores: data.scores.slice(0, 1) }, join(dir, `${name}-warm`));
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
