// Faults (issue 13), measured as a user meets them, with the real CLI in a child process:
// - how long `audit verify --expect-head` takes to detect a truncated chain on a ledger of
//   100,000 progress rows (the last write deleted with its rows, as an attacker would);
// - how long a zip bomb (a few MB inflating past the 512 MiB limit) takes to be refused, and
//   the peak memory meanwhile, both for an honest archive (refused from its directory, before
//   inflating) and for one whose directory lies about the size (refused while counting).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { bulkReports } from '@duban/intake';
import { openLedger } from '@duban/store';
import Database from 'better-sqlite3';
import { filler, workbookEntries, writeZip } from '../tests/_support/zip.js';
import { type BenchResult, median, round } from './_lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps/cli/bin/duban.js');
const probe = join(root, 'bench/_rss-probe.mjs');

function run(args: string[]): { ms: number; code: number | null; stderr: string; rssMb: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, cli, ...args], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const m = /\[rss-probe\] (\d+)/.exec(r.stderr); // maxRSS in KB, then CPU µs
  return { ms, code: r.status, stderr: r.stderr, rssMb: m ? Math.round(Number(m[1]) / 1024) : NaN };
}

export default async function faultsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-faults-'));
  try {
    const directory = UnitDirectory.parse(JSON.parse(readFileSync(join(root, 'seeds/ankang-units.json'), 'utf8')));
    const plan = importNotice(readFileSync(join(root, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
    const db = join(dir, 'ledger.db');
    const ledger = openLedger(db);
    const { version } = ledger.importPlan(plan, directory, { actor: 'bench', source: 'seed' });
    const reports = bulkReports(plan, 100_000);
    for (let i = 0; i < reports.length; i += 1000)
      ledger.appendProgress(reports.slice(i, i + 1000), {
        actor: 'bench',
        source: `batch ${i / 1000}`,
        planVersion: version,
      });
    const head = ledger.auditHead()!;
    ledger.close();
    const cut = join(dir, 'truncated.db');
    copyFileSync(db, cut);
    const raw = new Database(cut);
    raw.prepare('DELETE FROM progress WHERE audit_seq = ?').run(head.seq);
    raw.prepare('DELETE FROM audit WHERE seq = ?').run(head.seq);
    raw.close();
    const detect = [0, 1, 2].map(() =>
      run(['--db', cut, 'audit', 'verify', '--expect-head', `${head.seq}:${head.hash}`]),
    );
    for (const d of detect)
      if (d.code === 0 || !/DUBAN_AUDIT_TRUNCATED/.test(d.stderr))
        throw new Error(`truncation not detected: ${d.stderr}`);
    const intact = [0, 1, 2].map(() =>
      run(['--db', db, 'audit', 'verify', '--expect-head', `${head.seq}:${head.hash}`]),
    );
    for (const d of intact) if (d.code !== 0) throw new Error(d.stderr);
    const detectMs = round(median(detect.map((d) => d.ms)), 0);

    // Zip bombs: 600 MiB of spaces in one sheet.
    const bomb = join(dir, 'bomb.xlsx');
    await writeZip(
      bomb,
      workbookEntries(() => filler(600 * 1024 * 1024)),
    );
    const liar = join(dir, 'liar.xlsx');
    await writeZip(
      liar,
      workbookEntries(() => filler(600 * 1024 * 1024), 4096),
    );
    const honest = run(['--db', db, 'progress', 'import', '--office', bomb]);
    const lying = run(['--db', db, 'progress', 'import', '--office', liar]);
    for (const r of [honest, lying])
      if (r.code === 0 || !/DUBAN_PROGRESS_ZIP_(TOO_LARGE|RATIO)/.test(r.stderr))
        throw new Error(`zip bomb not refused: ${r.stderr.slice(0, 1000)}`);
    const kb = Math.round(statSync(bomb).size / 1024);
    return [
      {
        name: 'faults.audit.truncation-detect.100k',
        value: detectMs,
        unit: 'ms',
        goal: '≤ 3000 ms (CLI, 100k rows, 101 entries)',
        pass: detectMs <= 3000,
      },
      { name: 'faults.audit.verify-intact.100k', value: round(median(intact.map((d) => d.ms)), 0), unit: 'ms' },
      {
        name: 'faults.zipbomb.refuse',
        value: round(honest.ms, 0),
        unit: 'ms',
        goal: `< 1000 ms (${kb} KB file → 600 MiB)`,
        pass: honest.ms < 1000,
      },
      {
        name: 'faults.zipbomb.refuse.rss',
        value: honest.rssMb,
        unit: 'MB',
        goal: '≤ 150 MB',
        pass: honest.rssMb <= 150,
      },
      {
        name: 'faults.zipbomb.lying-sizes.refuse',
        value: round(lying.ms, 0),
        unit: 'ms',
        goal: '< 10000 ms (inflated into a counter up to the limit)',
        pass: lying.ms < 10_000,
      },
      {
        name: 'faults.zipbomb.lying-sizes.rss',
        value: lying.rssMb,
        unit: 'MB',
        goal: '≤ 150 MB',
        pass: lying.rssMb <= 150,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
