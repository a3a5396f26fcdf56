// A 100,000-row CSV imports through the real CLI; two imports racing on one
// ledger both succeed and the counts add up exactly (no loss, no duplicates).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bulkReports, toProgressCsv } from '@duban/intake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';
import { ledgerState, seededLedger, storedPlan } from './_support/progress-files.js';

let env: Awaited<ReturnType<typeof seededLedger>>;
beforeAll(async () => {
  env = await seededLedger();
});
afterAll(() => env?.cleanup());

describe('progress import at scale', () => {
  it('imports a valid 100,000-row CSV in one transaction, and re-importing it adds nothing', async () => {
    const file = join(env.dir, 'big.csv');
    writeFileSync(file, toProgressCsv(bulkReports(storedPlan(env.db).plan, 100_000), { headers: 'en' }));
    const r = await env.duban('progress', 'import', '--office', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 100_000, added: 100_000, superseded: 0, unchanged: 0 });
    console.log(
      `[progress] 100,000-row CSV import through the CLI: ${Math.round(r.ms)} ms (${Math.round(100_000 / (r.ms / 1000))} rows/s incl. process start)`,
    );
    const state = ledgerState(env.db);
    expect(state.progress).toBe(100_000);
    const again = await env.duban('progress', 'import', '--office', file, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, unchanged: 100_000 });
    expect(ledgerState(env.db)).toEqual(state); // nothing written, not even an audit entry
  }, 300_000);

  it('two imports started at once on the same ledger both succeed, and nothing is lost or duplicated', async () => {
    const sample = join(ROOT, 'seeds/sample-progress');
    const csvs = readdirSync(sample)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => join(sample, f));
    const [a, b] = [csvs.slice(0, 5), csvs.slice(5)];
    // A fresh ledger: the 100,000 rows above cover every (task, unit, day) the sample uses.
    const own = await seededLedger();
    const start = ledgerState(own.db);
    const [ra, rb] = await Promise.all([
      own.duban('progress', 'import', '--office', ...a, '--json'),
      own.duban('progress', 'import', '--office', ...b, '--json'),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const ca = JSON.parse(ra.stdout) as { rows: number; added: number };
    const cb = JSON.parse(rb.stdout) as { rows: number; added: number };
    // The rounds are disjoint (task, unit, date) sets, so every row is new.
    expect(ca.added).toBe(ca.rows);
    expect(cb.added).toBe(cb.rows);
    const end = ledgerState(own.db);
    own.cleanup();
    expect(end.progress - start.progress).toBe(ca.rows + cb.rows);
    expect(end.audit - start.audit).toBe(2);
  }, 120_000);
});
