// End to end: `duban db copy` moves a ledger SQLite → PostgreSQL → SQLite with the real
// CLI, a real ledger file and the throwaway PostgreSQL cluster of tests/_support/pg-global.ts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { bulkReports, toProgressCsv } from '@duban/intake';
import { afterAll, describe, expect, it } from 'vitest';
// biome-ignore lint/style/noRestrictedImports: a fresh PostgreSQL database per test comes from the store's engine test helper, shared with its own suite
import { freshPgDatabase } from '../packages/store/src/_engines.test-helper.js';
import { runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const tmp = tempDir('duban-db-copy-');
afterAll(() => tmp.cleanup());

const ok = async (args: string[]) => {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

describe('duban db copy', () => {
  it('SQLite → PostgreSQL → SQLite keeps every record, the audit head and what duban prints', async () => {
    const sqlite = join(tmp.dir, 'office.db');
    await ok(['--db', sqlite, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    const directory = UnitDirectory.parse(JSON.parse(readFileSync(SEED_UNITS, 'utf8')));
    const plan = importNotice(readFileSync(SEED_NOTICE), { directory }).value!;
    const csv = join(tmp.dir, 'p.csv');
    writeFileSync(csv, toProgressCsv(bulkReports(plan, 2_000)));
    await ok(['--db', sqlite, 'progress', 'import', '--office', csv]);
    const head = (await ok(['--db', sqlite, 'audit', 'head'])).stdout.trim();

    const pg = freshPgDatabase();
    const copied = await ok(['db', 'copy', sqlite, pg]);
    expect(copied.stdout).toMatch(/progress 2000/);
    expect(copied.stdout).toContain(`verified: row counts equal, audit head #2:`);
    expect((await ok(['--db', pg, 'audit', 'head'])).stdout.trim()).toBe(head);
    expect((await ok(['--db', pg, 'audit', 'verify'])).stdout).toMatch(/intact|ok|verified/i);
    // What a command prints from the ledger is the same on both engines.
    const progressOf = async (db: string) => (await ok(['--db', db, 'progress', '--history', '--json'])).stdout;
    expect(await progressOf(pg)).toBe(await progressOf(sqlite));

    const back = join(tmp.dir, 'back.db');
    await ok(['db', 'copy', pg, back]);
    expect(statSync(back).size).toBeGreaterThan(0);
    expect((await ok(['--db', back, 'audit', 'head'])).stdout.trim()).toBe(head);
    expect(await progressOf(back)).toBe(await progressOf(sqlite));
  }, 180_000);

  it('refuses a target that already holds a ledger, changing nothing, unless --replace', async () => {
    const a = join(tmp.dir, 'a.db');
    await ok(['--db', a, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    const pg = freshPgDatabase();
    await ok(['db', 'copy', a, pg]);
    await ok([
      '--db',
      pg,
      '--actor',
      'someone',
      'progress',
      'add',
      '1',
      '--unit',
      '市发改委',
      '--date',
      '2019-03-31',
      '--percent',
      '10',
    ]);
    const before = (await ok(['--db', pg, 'audit', 'head'])).stdout;

    const refused = await runCli(['db', 'copy', a, pg]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^DUBAN_DB_COPY_TARGET_NOT_EMPTY: /m);
    expect(refused.stderr).toContain('--replace');
    expect(refused.stderr).not.toMatch(/\.js:\d+/); // no stack trace
    expect((await ok(['--db', pg, 'audit', 'head'])).stdout).toBe(before);

    await ok(['db', 'copy', a, pg, '--replace']);
    expect((await ok(['--db', pg, 'audit', 'head'])).stdout).toBe((await ok(['--db', a, 'audit', 'head'])).stdout);
  }, 120_000);

  it('DUBAN_DB or config "db" select a PostgreSQL ledger; --db still wins', async () => {
    const file = join(tmp.dir, 'env.db');
    await ok(['--db', file, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    const pg = freshPgDatabase();
    await ok(['db', 'copy', file, pg]);
    await ok(['--db', pg, 'progress', 'add', '2', '--unit', '市发改委', '--date', '2019-04-30', '--percent', '20']);
    const viaEnv = await runCli(['audit', 'head'], { env: { DUBAN_DB: pg }, cwd: tmp.dir });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(viaEnv.stdout).toMatch(/^#?2:/m);
    writeFileSync(join(tmp.dir, 'duban.config.json'), JSON.stringify({ db: pg }));
    const viaConfig = await runCli(['audit', 'head'], { cwd: tmp.dir });
    expect(viaConfig.stdout).toBe(viaEnv.stdout);
    const override = await runCli(['--db', file, 'audit', 'head'], { env: { DUBAN_DB: pg }, cwd: tmp.dir });
    expect(override.stdout).toMatch(/^#?1:/m);
  });

  it('names a missing source with a code and a hint, and never prints a password', async () => {
    const r = await runCli(['db', 'copy', join(tmp.dir, 'none.db'), 'postgres://duban:s3cret@127.0.0.1:1/x']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^DUBAN_STORE_MISSING: /m);
    const unreachable = await runCli(['db', 'copy', join(tmp.dir, 'a.db'), 'postgres://duban:s3cret@127.0.0.1:1/x']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(
      /^DUBAN_STORE_OPEN: cannot connect to postgres:\/\/duban:\*\*\*@127\.0\.0\.1:1\/x/m,
    );
    expect(unreachable.stderr).not.toContain('s3cret');
    const same = await runCli(['db', 'copy', join(tmp.dir, 'a.db'), join(tmp.dir, '.', 'a.db')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^DUBAN_DB_COPY_SAME: /m);
  });
});
