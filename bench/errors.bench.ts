// Bad input must fail fast: the real CLI on the small bad inputs of issue 2
// (empty, binary, no tasks, missing, directory), process start to exit, median
// of several runs each. Goal: well under a second.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, median, round } from './_lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps/cli/bin/duban.js');

export default async function errorsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-errors-'));
  try {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(
      join(dir, 'binary.bin'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]),
    );
    writeFileSync(join(dir, 'no-tasks.txt'), '关于做好有关工作的通知\n各单位：\n请认真做好有关工作。\n');
    mkdirSync(join(dir, 'a-directory'));
    const inputs = ['empty.txt', 'binary.bin', 'no-tasks.txt', 'missing.txt', 'a-directory'];
    const results: BenchResult[] = [];
    for (const input of inputs) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [cli, '--db', join(dir, 'ledger.db'), 'import', join(dir, input)], {
          encoding: 'utf8',
        });
        times.push(performance.now() - t0);
        if (r.status === 0 || !/^DUBAN_[A-Z_]+: /m.test(r.stderr))
          throw new Error(`expected a coded error for ${input}, got ${r.status}: ${r.stderr}`);
      }
      const ms = round(median(times), 0);
      results.push({
        name: `errors.import.${input.replace(/\..*$/, '')}`,
        value: ms,
        unit: 'ms',
        goal: '< 1000 ms',
        pass: ms < 1000,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
