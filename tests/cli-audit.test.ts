import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditVerification } from '@duban/store';
import { openLedger } from '@duban/store';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const tmp = tempDir('duban-cli-audit-');
const db = join(tmp.dir, 'ledger.db');

/** What a unit's March report looks like once validated. */
const march = (task: number, percent: number) => ({
  task,
  unit: '市发改委',
  date: '2019-03-31',
  percent,
  values: {},
  state: 'in_progress' as const,
  progress: `完成${percent}%`,
  problems: '',
  nextSteps: '',
  evidence: [],
});

beforeAll(async () => {
  const r = await runCli(['--db', db, '--actor', '督查室', 'import', SEED_NOTICE, '--units', SEED_UNITS]);
  if (r.code !== 0) throw new Error(r.stderr);
  const ledger = openLedger(db);
  ledger.appendProgress([march(1, 20), march(6, 35)], { actor: '市发改委', source: 'march.csv', planVersion: 1 });
  ledger.appendProgress([march(6, 40)], { actor: '市发改委', source: 'march-fix.csv', planVersion: 1 });
  ledger.close();
});
afterAll(() => tmp.cleanup());

describe('duban audit', () => {
  it('log lists every write with its actor; verify passes on an untouched ledger', async () => {
    const log = await runCliJson<AuditEntry[]>(['--db', db, 'audit', 'log', '--json']);
    expect(log.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [1, 'plan.import', '督查室'],
      [2, 'progress.append', '市发改委'],
      [3, 'progress.append', '市发改委'],
    ]);
    expect(log[2]!.prevHash).toBe(log[1]!.hash);
    expect(
      (await runCliJson<AuditEntry[]>(['--db', db, 'audit', 'log', '--limit', '1', '--json'])).map((e) => e.seq),
    ).toEqual([3]);
    const human = await runCli(['--db', db, 'audit', 'log']);
    expect(human.stdout).toMatch(/^\s+1\s+\S+\s+督查室\s+plan\.import\s+plan v1/m);
    const ok = await runCli(['--db', db, 'audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3 entries verified');
  });

  it('a progress row edited directly in the SQLite file makes verify fail at the entry that wrote it', async () => {
    const copy = join(tmp.dir, 'tampered.db');
    copyFileSync(db, copy);
    const raw = new Database(copy);
    const changed = raw
      .prepare('UPDATE progress SET body = replace(body, \'"percent":20\', \'"percent":80\') WHERE task = 1')
      .run().changes;
    raw.close();
    expect(changed).toBe(1);
    const r = await runCli(['--db', copy, 'audit', 'verify']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /^DUBAN_AUDIT_MISMATCH: audit entry #2 \(progress\.append\) does not verify: progress row #1 \(task 1, 市发改委, 2019-03-31\)/m,
    );
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
    const json = await runCli(['--db', copy, 'audit', 'verify', '--json']);
    expect(JSON.parse(json.stdout) as AuditVerification).toMatchObject({
      ok: false,
      checked: 1,
      firstBad: { seq: 2, action: 'progress.append' },
    });
  });

  it('an edited plan task row is pinned on the plan import entry', async () => {
    const copy = join(tmp.dir, 'tampered-plan.db');
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.prepare("UPDATE plan_tasks SET task_json = replace(task_json, '市高铁办', '市交通局') WHERE number = 3").run();
    raw.close();
    const r = await runCli(['--db', copy, 'audit', 'verify']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/audit entry #1 \(plan\.import\).*task 3/);
  });
});

/** A separate process appending 50-row batches, one transaction each, printing "ready" after the first. */
function writer(file: string, batches: number, tag: string) {
  const script = `
    import { openLedger } from '@duban/store';
    import { setTimeout as sleep } from 'node:timers/promises';
    const l = openLedger(${JSON.stringify(file)});
    for (let b = 0; b < ${batches}; b++) {
      const reports = Array.from({ length: 50 }, (_, i) => ({ task: i + 1, unit: ${JSON.stringify(tag)} + b, date: '2019-04-30', percent: i,
        values: {}, state: 'in_progress', progress: '', problems: '', nextSteps: '', evidence: [] }));
      l.appendProgress(reports, { actor: ${JSON.stringify(tag)}, source: 'writer', planVersion: 1 });
      if (b === 0) process.stdout.write('ready\\n');
      await sleep(2);
    }
    l.close();
    process.stdout.write('done\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<void>((res) =>
    child.stdout.on('data', (d) => ((out += d), out.includes('ready') && res())),
  );
  const done = new Promise<number>((res) =>
    child.on('close', (code) => (code === 0 ? res(performance.now()) : res(Promise.reject(new Error(err))))),
  );
  return { ready, done };
}

describe('duban backup', () => {
  it('makes a consistent copy while another process writes', async () => {
    const live = join(tmp.dir, 'live.db');
    copyFileSync(db, live);
    const w = writer(live, 300, '写入单位');
    await w.ready;
    const dest = join(tmp.dir, 'backup.db');
    const r = await runCli(['--db', live, 'backup', dest]);
    const backupEnded = performance.now();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backup written: .*backup\.db \(\d+ bytes\)/);
    const writerEnded = await w.done;
    expect(writerEnded).toBeGreaterThan(backupEnded); // the copy really was taken mid-stream

    // Whole transactions only: every batch is 50 rows and one audit entry, so the copy holds k complete batches.
    const copy = openLedger(dest, { readonly: true });
    const rows = copy.listProgress({ includeSuperseded: true }).filter((p) => p.unit.startsWith('写入单位')).length;
    const entries = copy.auditLog({ action: 'progress.append' }).filter((e) => e.actor === '写入单位').length;
    expect(copy.verifyAudit().ok).toBe(true);
    copy.close();
    expect(rows).toBeGreaterThan(0);
    expect(rows % 50).toBe(0);
    expect(entries).toBe(rows / 50);
    expect(rows).toBeLessThan(300 * 50);

    const final = openLedger(live, { readonly: true });
    expect(final.listProgress({ includeSuperseded: true }).filter((p) => p.unit.startsWith('写入单位'))).toHaveLength(
      300 * 50,
    );
    final.close();
    expect((await runCli(['--db', dest, 'audit', 'verify'])).code).toBe(0);
  }, 120_000);

  it('refuses to overwrite an existing file without --force', async () => {
    const dest = join(tmp.dir, 'exists.db');
    expect((await runCli(['--db', db, 'backup', dest])).code).toBe(0);
    const again = await runCli(['--db', db, 'backup', dest]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/^DUBAN_BACKUP_EXISTS/m);
    expect(again.stderr).toContain('--force');
    const forced = await runCli(['--db', db, 'backup', dest, '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(dest)).toBe(true);
  });
});
