// Runs every bench/*.bench.ts (or those named on the command line), writes
// bench/results.json and prints a table. Each module measures its own naive
// baseline in the same run, since these machines are noisy.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './_lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
const results: BenchResult[] = [];
for (const f of files) {
  process.stderr.write(`[bench] ${f}\n`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: Bench };
  try {
    results.push(...(await mod.default()));
  } catch (e) {
    process.stderr.write(`[bench] ${f} failed: ${(e as Error).stack}\n`);
    process.exitCode = 1;
  }
}
// A partial run (named modules) replaces only those modules' figures: a figure is
// named after its module (bulletin.bench.ts → bulletin.*).
const file = join(here, 'results.json');
const ran = files.map((f) => f.replace(/\.bench\.ts$/, ''));
const kept =
  only.length && existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult[]).filter(
        (r) => !ran.some((m) => r.name.startsWith(`${m}.`)),
      )
    : [];
const all = [...kept, ...results].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
const rows = results.map((r) => [
  r.name,
  `${r.value} ${r.unit}`,
  r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`,
  r.ratio === undefined ? '' : `${r.ratio}×`,
  r.goal ?? '',
  r.pass === undefined ? '' : r.pass ? 'met' : 'MISSED',
]);
const head = ['benchmark', 'value', 'baseline', 'ratio', 'goal', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
