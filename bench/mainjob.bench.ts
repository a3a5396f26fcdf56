// The whole main job after set-up (issue 15), as `npm start` runs it
// (scripts/main.sh): import → progress → evaluate → scores → bulletin, score
// sheets, ledger → audit verify, each a cold CLI process on a fresh ledger, with
// the time of every step. Goal: ≤ 5 s on this machine.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, median, round } from './_lib.js';
import { coldCli, ROOT } from './_pdfbench.js';

/** The steps of scripts/main.sh, for a ledger and output directory. */
function steps(db: string, out: string): [string, string[]][] {
  const sample = join(ROOT, 'seeds/sample-progress');
  const d = (...a: string[]) => ['--db', db, ...a];
  return [
    ['import', d('import', 'seeds/ankang-2019-notice.txt', '--units', 'seeds/ankang-units.json')],
    [
      'progress',
      d(
        'progress',
        'import',
        '--office',
        ...readdirSync(sample)
          .filter((f) => /\.(csv|xlsx)$/.test(f))
          .map((f) => join(sample, f)),
      ),
    ],
    ['evaluate', d('evaluate', '--as-of', '2019-06-30')],
    ['scores', d('scores', '--as-of', '2019-12-31')],
    [
      'bulletin',
      d('report', 'bulletin', '--as-of', '2019-06-30', '--issue', '3', '--out', join(out, '督查通报-第3期.pdf')),
    ],
    ['scoresheets', d('report', 'scoresheet', '--as-of', '2019-12-31', '--out', join(out, 'scoresheets/'))],
    ['ledger', d('report', 'ledger', '--as-of', '2019-06-30', '--out', join(out, '台账.xlsx'))],
    ['audit', d('audit', 'verify')],
  ];
}

async function once(dir: string): Promise<{ times: Map<string, number>; cpu: number }> {
  const times = new Map<string, number>();
  let cpu = 0;
  for (const [name, args] of steps(join(dir, 'duban.db'), join(dir, 'out'))) {
    const r = await coldCli(args);
    times.set(name, r.ms);
    cpu += r.cpuS ?? NaN;
  }
  return { times, cpu };
}

export default async function bench(): Promise<BenchResult[]> {
  const all: { times: Map<string, number>; cpu: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-mainjob-'));
    try {
      all.push(await once(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  all.shift(); // the first may prepare fonts: set-up, not the main job
  const runs = all.map((r) => r.times);
  const cpu = median(all.map((r) => r.cpu));
  const totals = runs.map((r) => [...r.values()].reduce((a, b) => a + b, 0) / 1000);
  const total = median(totals);
  const results: BenchResult[] = [
    { name: 'mainjob.total', value: round(total, 2), unit: 's', goal: '≤ 5 s after set-up', pass: total <= 5 },
  ];
  if (Number.isFinite(cpu)) results.push({ name: 'mainjob.total.cpu', value: round(cpu, 2), unit: 'CPU s' });
  for (const name of runs[0]!.keys())
    results.push({ name: `mainjob.step.${name}`, value: round(median(runs.map((r) => r.get(name)!)), 0), unit: 'ms' });
  return results;
}
