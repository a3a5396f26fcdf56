import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDirectory, samplePlan } from './_test-fixtures.js';
import { type Ledger, openLedger } from './index.js';

let dir: string;
let ledger: Ledger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
  ledger = openLedger(join(dir, 'l.db'));
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('plan versions', () => {
  it('stores the first import as version 1 with one audit entry', () => {
    expect(ledger.currentPlan()).toBeNull();
    expect(ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'clerk', source: 'notice.txt' })).toEqual({
      version: 1,
      created: true,
    });
    const stored = ledger.currentPlan()!;
    expect(stored.version).toBe(1);
    expect(stored.plan).toEqual(samplePlan());
    expect(stored.directory).toEqual(sampleDirectory);
    expect(stored.actor).toBe('clerk');
    const log = ledger.auditLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ seq: 1, actor: 'clerk', action: 'plan.import' });
    expect(log[0]!.target).toContain('plan v1');
  });

  it('re-importing an identical plan (even from another file name) changes nothing', () => {
    ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 'notice.txt' });
    const again = { ...samplePlan(), sourceName: 'copy-of-notice.txt' };
    expect(ledger.importPlan(again, sampleDirectory, { actor: 'b', source: 'copy.txt' })).toEqual({
      version: 1,
      created: false,
    });
    expect(ledger.planVersions()).toHaveLength(1);
    expect(ledger.auditLog()).toHaveLength(1);
  });

  it('a corrected notice becomes version 2 and version 1 stays readable', () => {
    ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 'v1.txt' });
    const corrected = samplePlan();
    corrected.tasks[1]!.indicators[0]!.value = 25;
    expect(ledger.importPlan(corrected, sampleDirectory, { actor: 'a', source: 'v2.txt' })).toEqual({
      version: 2,
      created: true,
    });
    expect(ledger.currentPlan()!.plan.tasks[1]!.indicators[0]!.value).toBe(25);
    expect(ledger.planVersion(1)!.plan.tasks[1]!.indicators[0]!.value).toBe(20);
    expect(ledger.planVersion(3)).toBeNull();
    const versions = ledger.planVersions();
    expect(versions.map((v) => [v.version, v.current, v.tasks])).toEqual([
      [1, false, 3],
      [2, true, 3],
    ]);
    expect(versions[0]!.digest).not.toBe(versions[1]!.digest);
  });

  it('a changed unit directory alone also makes a new version', () => {
    ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 's' });
    const dir2 = {
      ...sampleDirectory,
      units: [...sampleDirectory.units, { name: '市财政局', aliases: [], kind: 'city_department' as const }],
    };
    expect(ledger.importPlan(samplePlan(), dir2, { actor: 'a', source: 's' })).toEqual({ version: 2, created: true });
  });

  it('rejects a plan with duplicate task numbers and writes nothing', () => {
    const plan = samplePlan();
    plan.tasks[2]!.number = 1;
    expect(() => ledger.importPlan(plan, sampleDirectory, { actor: 'a', source: 's' })).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_DUPLICATE_TASK' }),
    );
    expect(ledger.currentPlan()).toBeNull();
    expect(ledger.auditLog()).toEqual([]);
  });
});

describe('plan validation', () => {
  it('refuses a plan that does not match the schema, naming the JSON path', () => {
    const plan = samplePlan() as unknown as { tasks: { deadline: { date: string } }[] };
    plan.tasks[1]!.deadline.date = '31/12/2019';
    expect(() => ledger.importPlan(plan as never, sampleDirectory, { actor: 'a', source: 's' })).toThrow(
      expect.objectContaining({
        code: 'DUBAN_STORE_BAD_PLAN',
        problems: [expect.objectContaining({ where: { path: '$.tasks[1].deadline.date' } })],
      }),
    );
    expect(ledger.planVersions()).toEqual([]);
  });
});
