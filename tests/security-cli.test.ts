// The careless administrator (issue 13): output files that must not be replaced,
// ledgers that must not be created in someone else's file, locks, crashes (kill -9)
// and the ordinary mistakes that used to print stack traces. Real CLI, real files.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '@duban/store';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliResult, ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { expectUserError } from './_support/progress-files.js';

const tmp = tempDir('duban-sec-cli-');
afterAll(() => tmp.cleanup());
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const db = join(tmp.dir, 'duban.db');
const duban = (...a: string[]): Promise<CliResult> => runCli(['--db', db, ...a], { cwd: tmp.dir });

beforeAll(async () => {
  writeFileSync(join(tmp.dir, 'duban.config.json'), JSON.stringify({ rules: join(ROOT, 'packages/rules/defaults') }));
  const r = await duban('import', SEED_NOTICE, '--units', SEED_UNITS);
  expect(r.code, r.stderr).toBe(0);
});

describe('output files are replaced only when they are earlier documents', () => {
  it('progress template --out refuses a symlink and a non-workbook, leaves both untouched, and replaces with --force', async () => {
    const victim = join(tmp.dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = join(tmp.dir, 'link.xlsx');
    symlinkSync(victim, link);
    expectUserError(await duban('progress', 'template', '--unit', '市发改委', '--out', link), 'DUBAN_OUTPUT_EXISTS');
    const notes = join(tmp.dir, 'notes.xlsx');
    writeFileSync(notes, 'not a workbook');
    expectUserError(await duban('progress', 'template', '--unit', '市发改委', '--out', notes), 'DUBAN_OUTPUT_EXISTS');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readlinkSync(link)).toBe(victim);
    expect(readFileSync(notes, 'utf8')).toBe('not a workbook');

    const forced = await duban('progress', 'template', '--unit', '市发改委', '--out', link, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(false); // the link was replaced, not followed
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    // An earlier workbook is replaced without --force (atomically: no temp file is left).
    expect((await duban('progress', 'template', '--unit', '市发改委', '--out', link)).code).toBe(0);
    expect(readFileSync(link).subarray(0, 2).toString()).toBe('PK');
  });

  it('report --out never replaces the ledger (not even with --force), a script, or a symlink', async () => {
    const before = sha(db);
    const r = await duban('report', 'ledger', '--as-of', '2019-06-30', '--out', db, '--force');
    expectUserError(r, 'DUBAN_OUTPUT_EXISTS');
    expect(r.stderr).toContain('it is the ledger itself');
    expect(sha(db)).toBe(before);
    const script = join(tmp.dir, 'run.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    expectUserError(await duban('report', 'ledger', '--as-of', '2019-06-30', '--out', script), 'DUBAN_OUTPUT_EXISTS');
    expect(readFileSync(script, 'utf8')).toContain('echo hi');
    const target = join(tmp.dir, 'elsewhere.xlsx');
    writeFileSync(target, 'x');
    const link = join(tmp.dir, 'ledger-link.xlsx');
    symlinkSync(target, link);
    expectUserError(await duban('report', 'ledger', '--as-of', '2019-06-30', '--out', link), 'DUBAN_OUTPUT_EXISTS');
    expect(readFileSync(target, 'utf8')).toBe('x');
    expect(sha(db)).toBe(before);
  });
});

describe('--db', () => {
  it('never turns an existing empty file or /dev/null into a ledger', async () => {
    const empty = join(tmp.dir, 'empty.db');
    writeFileSync(empty, '');
    expectUserError(
      await runCli(['--db', empty, 'import', SEED_NOTICE, '--units', SEED_UNITS]),
      'DUBAN_STORE_NOT_LEDGER',
    );
    expect(readFileSync(empty).length).toBe(0);
    const r = await runCli(['--db', '/dev/null', 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    expectUserError(r, 'DUBAN_STORE_NOT_LEDGER');
    expect(r.stderr).toContain('device, FIFO or socket');
  });

  it('a read command runs while another process holds the write lock; a pending migration waits, then says DUBAN_STORE_BUSY', async () => {
    const file = join(tmp.dir, 'locked.db');
    expect((await runCli(['--db', file, 'import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
    const holder = new Database(file);
    try {
      holder.exec('BEGIN IMMEDIATE');
      const read = await runCli(['--db', file, 'audit', 'verify']);
      expect(read.code, read.stderr).toBe(0);
      const add = await runCli(
        ['--db', file, 'progress', 'add', '1', '--unit', '市发改委', '--date', '2019-03-31', '--percent', '5'],
        { timeoutMs: 60_000 },
      );
      expectUserError(add, 'DUBAN_STORE_BUSY');
      // Schema one version behind: opening for a write must migrate, under the lock.
      holder.exec('ROLLBACK');
      // (the newest migration, 3, undone: the web workspace's tables and index)
      holder.exec(`DELETE FROM schema_migrations WHERE version = 3; DROP TABLE account_events; DROP TABLE web_sessions; DROP TABLE evidence;
        DROP TABLE filings; DROP TABLE documents; DROP INDEX progress_task_unit_id;`);
      holder.exec('BEGIN IMMEDIATE');
      const migrate = await runCli(
        ['--db', file, 'progress', 'add', '1', '--unit', '市发改委', '--date', '2019-03-31', '--percent', '5'],
        { timeoutMs: 60_000 },
      );
      expectUserError(migrate, 'DUBAN_STORE_BUSY');
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  }, 90_000);

  it('an import killed with SIGKILL leaves the ledger old or new, and verifying', async () => {
    const file = join(tmp.dir, 'crash.db');
    expect((await runCli(['--db', file, 'import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
    const { bulkReports, toProgressCsv } = await import('@duban/intake');
    const plan = openLedger(file, { readonly: true });
    const stored = plan.currentPlan()!;
    plan.close();
    const csv = join(tmp.dir, 'crash.csv');
    writeFileSync(csv, toProgressCsv(bulkReports(stored.plan, 50_000)));
    for (const after of [300, 900, 1800]) {
      const child = spawn(process.execPath, [CLI, '--db', file, 'progress', 'import', '--office', csv], {
        stdio: 'ignore',
      });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, after));
      child.kill('SIGKILL');
      await closed;
      const l = openLedger(file, { readonly: true });
      try {
        expect(l.verifyAudit().ok).toBe(true);
        expect([0, 50_000]).toContain(l.listProgress({ includeSuperseded: true }).length);
      } finally {
        l.close();
      }
    }
  }, 120_000);

  it('a backup killed mid-copy leaves a .partial that the next backup to that file removes', async () => {
    const dest = join(tmp.dir, 'b.db');
    const stale = `${dest}.999999.partial`; // no process 999999: as after kill -9
    writeFileSync(stale, 'half a copy');
    const r = await duban('backup', dest);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });
});

describe('ordinary mistakes: a coded error, never a stack trace', () => {
  it('--config a directory or a FIFO; a units file that is a system file is not quoted', async () => {
    expectUserError(await duban('--config', tmp.dir, 'tasks'), 'DUBAN_CONFIG_READ');
    const r = await runCli(['--db', join(tmp.dir, 'u.db'), 'import', SEED_NOTICE, '--units', '/etc/passwd']);
    expectUserError(r, 'DUBAN_UNITS_JSON');
    expect(r.stderr).not.toContain('root:');
  });

  it('report constructor / __proto__ are unknown reporters, not Object.prototype members', async () => {
    for (const name of ['constructor', '__proto__', 'toString'])
      expectUserError(await duban('report', name), 'DUBAN_REPORTER_NOT_FOUND');
  });

  it('an output directory under a file is DUBAN_OUTPUT_DIR before any reporter runs', async () => {
    const r = await duban('report', 'ledger', '--as-of', '2019-06-30', '--out', join(SEED_NOTICE, 'x.xlsx'));
    expectUserError(r, 'DUBAN_OUTPUT_DIR');
    expect(r.stderr).not.toContain('plug-in');
  });

  it('the reporter init starter neutralises spreadsheet formulas in its CSV', async () => {
    const { scaffoldFiles } = await import('../apps/cli/src/_scaffold.js');
    const index = scaffoldFiles('demo')['src/index.js']!;
    const body = /const cell = \(\/\*\* @type \{unknown\} \*\/ v\) => \{([\s\S]*?)\n\};/.exec(index)![1]!;
    const cell = new Function('v', body) as (v: unknown) => string;
    expect(cell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(cell('+1')).toBe('"\'+1"');
    expect(cell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(cell('市发改委')).toBe('"市发改委"');
    mkdirSync(join(tmp.dir, 'scaffold'), { recursive: true });
  });
});
