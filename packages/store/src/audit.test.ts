import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressRowDigest } from './_rows.js';
import { report, sampleDirectory, samplePlan } from './_test-fixtures.js';
import { type Ledger, openLedger } from './index.js';

let dir: string;
let path: string;
let ledger: Ledger;
const meta = { actor: 'clerk', source: 'march.csv', planVersion: 1 };

/** Runs SQL on the file directly, as someone bypassing duban would. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(path);
  raw.prepare(sql).run(...params);
  raw.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
  path = join(dir, 'l.db');
  ledger = openLedger(path);
  ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'office', source: 'notice.txt' }); // seq 1
  ledger.appendProgress([report(1, '2019-03-31', 20), report(2, '2019-03-31', 30)], meta); // seq 2
  ledger.appendProgress([report(1, '2019-03-31', 25)], { ...meta, actor: 'other' }); // seq 3 (supersedes)
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit chain', () => {
  it('records actor, action, target and a linked chain for every write', () => {
    const log = ledger.auditLog();
    expect(log.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [1, 'plan.import', 'office'],
      [2, 'progress.append', 'clerk'],
      [3, 'progress.append', 'other'],
    ]);
    expect(log[0]!.prevHash).toBe('0'.repeat(64));
    expect(log[1]!.prevHash).toBe(log[0]!.hash);
    expect(log[2]!.prevHash).toBe(log[1]!.hash);
    expect(log[1]!.target).toContain('2 added');
    expect(log[2]!.target).toContain('1 superseding');
    expect(ledger.auditLog({ limit: 1 }).map((e) => e.seq)).toEqual([3]);
    expect(ledger.auditLog({ action: 'plan.import' }).map((e) => e.seq)).toEqual([1]);
  });

  it('verifies an untouched ledger', () => {
    expect(ledger.verifyAudit()).toMatchObject({ ok: true, checked: 3 });
  });

  it('names the entry whose progress row was edited outside duban', () => {
    ledger.close();
    tamper('UPDATE progress SET body = replace(body, \'"percent":30\', \'"percent":90\') WHERE task = 2');
    ledger = openLedger(path, { readonly: true });
    const v = ledger.verifyAudit();
    expect(v.ok).toBe(false);
    expect(v.firstBad).toMatchObject({ seq: 2, action: 'progress.append' });
    expect(v.firstBad!.reason).toMatch(/progress row #2 \(task 2/);
    expect(v.checked).toBe(1);
  });

  it('names the plan import whose task row was edited', () => {
    ledger.close();
    tamper("UPDATE plan_tasks SET title = '篡改' WHERE number = 3");
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().firstBad).toMatchObject({
      seq: 1,
      action: 'plan.import',
      reason: expect.stringContaining('task 3'),
    });
  });

  it('detects a row edited together with its digest (payload no longer matches)', () => {
    ledger.close();
    const raw = new Database(path);
    const row = raw.prepare('SELECT * FROM progress WHERE id = 3').get() as Record<string, unknown>;
    raw.close();
    // A forger who recomputes the row digest still cannot fix the audit entry's payload digest.
    const forged = { ...row, unit: '市交通局' } as never;
    tamper('UPDATE progress SET unit = ?, row_digest = ? WHERE id = 3', '市交通局', progressRowDigest(forged));
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().firstBad).toMatchObject({ seq: 3, reason: expect.stringContaining('payload digest') });
  });

  it('detects a deleted row, an edited entry and a deleted entry', () => {
    ledger.close();
    tamper('DELETE FROM progress WHERE id = 2');
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().firstBad?.seq).toBe(2);
    ledger.close();

    tamper("UPDATE audit SET actor = 'someone else' WHERE seq = 1");
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().firstBad).toMatchObject({ seq: 1, reason: expect.stringContaining('hash') });
    ledger.close();

    const raw = new Database(path);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM audit WHERE seq = 1').run();
    raw.close();
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit()).toMatchObject({
      ok: false,
      checked: 0,
      firstBad: { seq: 2, reason: expect.stringContaining('missing') },
    });
  });
});

describe('backup', () => {
  it('writes a consistent copy that opens and verifies, and refuses to overwrite without permission', async () => {
    const dest = join(dir, 'copy.db');
    const result = await ledger.backup(dest);
    expect(result.path).toBe(dest);
    expect(result.bytes).toBeGreaterThan(0);
    const copy = openLedger(dest, { readonly: true });
    expect(copy.verifyAudit()).toMatchObject({ ok: true, checked: 3 });
    expect(copy.listProgress()).toEqual(ledger.listProgress());
    copy.close();

    await expect(ledger.backup(dest)).rejects.toMatchObject({ code: 'DUBAN_BACKUP_EXISTS' });
    ledger.appendProgress([report(3, '2019-04-30', 10)], meta);
    await ledger.backup(dest, { overwrite: true });
    const copy2 = openLedger(dest, { readonly: true });
    expect(copy2.listProgress()).toHaveLength(3);
    copy2.close();
    expect(existsSync(`${dest}.${process.pid}.partial`)).toBe(false);
  });

  it('refuses a missing directory', async () => {
    await expect(ledger.backup(join(dir, 'no', 'such', 'copy.db'))).rejects.toMatchObject({
      code: 'DUBAN_BACKUP_NO_DIR',
    });
  });
});
