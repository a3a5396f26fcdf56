// Writes the README's benchmark table from bench/results.json, between the markers
// <!-- bench:start --> and <!-- bench:end -->, so the README quotes the figures the
// last run wrote and nothing else (run by scripts/bench.sh after every run).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './_lib.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The markdown table of every figure: value, same-run baseline, ratio, goal and whether it is met. */
export function benchTable(results: readonly BenchResult[]): string {
  const cell = (v: number | undefined, unit: string) => (v === undefined ? '' : `${v} ${unit}`);
  const rows = results.map((r) => {
    const goal = r.goal === undefined ? '' : `${r.goal} — ${r.pass ? 'met' : '**missed**'}`;
    return `| ${r.name} | ${cell(r.value, r.unit)} | ${cell(r.baseline, r.unit)} | ${r.ratio === undefined ? '' : `${r.ratio}×`} | ${goal} |`;
  });
  return [
    '| benchmark | value | baseline (same run) | ratio | goal |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as BenchResult[];
  const file = join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} section`);
  writeFileSync(file, `${readme.slice(0, a + START.length)}\n${benchTable(results)}\n${readme.slice(b)}`);
  process.stderr.write(`[bench] README.md table: ${results.length} figures from bench/results.json\n`);
}
