// Runs every bench/*.bench.ts (or those named on the command line), writes
// bench/results.json and prints a table. Each module measures its own naive
// baseline in the same run, since these machines are noisy. Each module runs in a
// process of its own: one module's heap (100,000-row inputs, a warm browser) must
// not slow the next one's in-process measurements.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './_lib.js';

const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--module') {
  // The child: one module, its results written to the file the parent named.
  const [, , , name, out] = process.argv;
  const mod = (await import(pathToFileURL(join(here, name!)).href)) as { default: Bench };
  writeFileSync(out!, JSON.stringify(await mod.default()));
  process.exit(0);
}

const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
const results: BenchResult[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'duban-bench-run-'));
for (const f of files) {
  process.stderr.write(`[bench] ${f}\n`);
  const out = join(scratch, `${f}.json`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--module', f, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status === 0 && existsSync(out)) results.push(...(JSON.parse(readFileSync(out, 'utf8')) as BenchResult[]));
  else {
    process.stderr.write(`[bench] ${f} failed (exit ${child.status ?? child.signal})\n`);
    process.exitCode = 1;
  }
}
rmSync(scratch, { recursive: true, force: true });
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
