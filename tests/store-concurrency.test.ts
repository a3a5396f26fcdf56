import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openLedger } from '@duban/store';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const tmp = tempDir('duban-store-conc-');
afterAll(() => tmp.cleanup());

/** Runs one writer process: `batches` transactions of 100 rows for its own unit. */
function writer(file: string, unit: string, batches: number): Promise<void> {
  const script = `
    import { openLedger } from '@duban/store';
    const l = openLedger(${JSON.stringify(file)});
    for (let b = 0; b < ${batches}; b++) {
      const reports = Array.from({ length: 100 }, (_, i) => ({ task: (i % 91) + 1, unit: ${JSON.stringify(unit)}, date: '2019-' + String(1 + (b % 12)).padStart(2, '0') + '-' + String(1 + Math.floor(i / 91) + Math.floor(b / 12)).padStart(2, '0'),
        percent: (i + b) % 100, values: {}, state: 'in_progress', progress: '', problems: '', nextSteps: '', evidence: [] }));
      l.appendProgress(reports, { actor: ${JSON.stringify(unit)}, source: 'w', planVersion: 1 });
    }
    l.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${unit} exited ${code}: ${err}`))));
  });
}

describe('two processes writing one ledger', () => {
  it('both succeed (one waits on the lock); nothing is lost or duplicated and the chain verifies', async () => {
    const db = join(tmp.dir, 'ledger.db');
    const r = await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    expect(r.code).toBe(0);
    await Promise.all([writer(db, '市发改委', 60), writer(db, '市交通局', 60)]);
    const ledger = openLedger(db, { readonly: true });
    try {
      const rows = ledger.listProgress({ includeSuperseded: true });
      expect(rows.filter((p) => p.unit === '市发改委')).toHaveLength(6000);
      expect(rows.filter((p) => p.unit === '市交通局')).toHaveLength(6000);
      expect(new Set(rows.map((p) => p.id)).size).toBe(12_000);
      expect(ledger.auditLog({ action: 'progress.append' })).toHaveLength(120);
      expect(ledger.verifyAudit()).toMatchObject({ ok: true, checked: 121 });
    } finally {
      ledger.close();
    }
  }, 120_000);
});
