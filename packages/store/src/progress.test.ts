import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { report, sampleDirectory, samplePlan } from './_test-fixtures.js';
import { type Ledger, openLedger } from './index.js';

let dir: string;
let ledger: Ledger;
const meta = { actor: 'clerk', source: 'march.csv', planVersion: 1 };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
  ledger = openLedger(join(dir, 'l.db'));
  ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 's' });
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('appendProgress / listProgress', () => {
  it('adds reports and reads them back oldest first with ids and defaults', () => {
    expect(
      ledger.appendProgress([report(2, '2019-04-30', 40), report(1, '2019-03-31', 20, { values: { '1': 3 } })], meta),
    ).toEqual({ added: 2, superseded: 0, unchanged: 0 });
    const list = ledger.listProgress();
    expect(list.map((r) => [r.task, r.date, r.percent])).toEqual([
      [1, '2019-03-31', 20],
      [2, '2019-04-30', 40],
    ]);
    expect(list[0]).toMatchObject({ unit: '市发改委', values: { '1': 3 }, state: 'in_progress', source: 'march.csv' });
    expect(list[0]!.id).toBeTypeOf('number');
    expect(list[0]!.supersedes).toBeUndefined();
  });

  it('is idempotent by content: the same reports again add nothing and write no audit entry', () => {
    const batch = [report(1, '2019-03-31', 20), report(2, '2019-03-31', 30)];
    ledger.appendProgress(batch, meta);
    const entries = ledger.auditLog().length;
    // Key order of values and a different source file do not make a report "different".
    const again = [report(1, '2019-03-31', 20, { source: 'renamed.csv' }), report(2, '2019-03-31', 30)];
    expect(ledger.appendProgress(again, { ...meta, source: 'renamed.csv' })).toEqual({
      added: 0,
      superseded: 0,
      unchanged: 2,
    });
    expect(ledger.listProgress({ includeSuperseded: true })).toHaveLength(2);
    expect(ledger.auditLog()).toHaveLength(entries);
  });

  it('a changed report for the same (task, unit, date) supersedes the earlier one, which stays readable', () => {
    ledger.appendProgress([report(1, '2019-03-31', 20), report(2, '2019-03-31', 30)], meta);
    const first = ledger.listProgress({ task: 1 })[0]!;
    expect(ledger.appendProgress([report(1, '2019-03-31', 25), report(2, '2019-03-31', 30)], meta)).toEqual({
      added: 0,
      superseded: 1,
      unchanged: 1,
    });
    const current = ledger.listProgress({ task: 1 });
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ percent: 25, supersedes: first.id });
    const all = ledger.listProgress({ task: 1, includeSuperseded: true });
    expect(all.map((r) => r.percent)).toEqual([20, 25]);
  });

  it('within one call a later report for the same key supersedes the earlier one', () => {
    expect(ledger.appendProgress([report(1, '2019-03-31', 20), report(1, '2019-03-31', 22)], meta)).toEqual({
      added: 1,
      superseded: 1,
      unchanged: 0,
    });
    expect(ledger.listProgress().map((r) => r.percent)).toEqual([22]);
  });

  it('filters by task, unit and asOf', () => {
    ledger.appendProgress(
      [report(1, '2019-03-31', 20), report(1, '2019-06-30', 50), report(2, '2019-06-30', 40, { unit: '市交通局' })],
      meta,
    );
    expect(ledger.listProgress({ task: 1 }).map((r) => r.date)).toEqual(['2019-03-31', '2019-06-30']);
    expect(ledger.listProgress({ unit: '市交通局' }).map((r) => r.task)).toEqual([2]);
    expect(ledger.listProgress({ asOf: '2019-06-29' }).map((r) => r.percent)).toEqual([20]);
    expect(ledger.listProgress({ asOf: '2019-06-30' })).toHaveLength(3);
  });

  it('refuses an unknown plan version and malformed keys, writing nothing', () => {
    expect(() => ledger.appendProgress([report(1, '2019-03-31', 20)], { ...meta, planVersion: 7 })).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_PLAN_VERSION' }),
    );
    expect(() => ledger.appendProgress([report(1, '2019-3-31', 20)], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_BAD_REPORT' }),
    );
    expect(ledger.listProgress({ includeSuperseded: true })).toEqual([]);
    expect(ledger.auditLog()).toHaveLength(1);
  });

  // Throughput is measured by bench/progress.bench.ts, not asserted here (no timed tests).
  it('stores one large append of 50,000 rows in a single audited write', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) =>
      report(
        (i % 3) + 1,
        `2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        i % 100,
        { unit: `单位${i}` },
      ),
    );
    expect(ledger.appendProgress(rows, meta)).toEqual({ added: 50_000, superseded: 0, unchanged: 0 });
    expect(ledger.listProgress()).toHaveLength(50_000);
    expect(ledger.verifyAudit()).toMatchObject({ ok: true, checked: 2 });
  });
});
