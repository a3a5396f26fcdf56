/**
 * Several servers, one database: two real `duban serve` processes on one
 * PostgreSQL ledger, driven at once. Units submit through both, the office
 * uploads a month's workbook through one and reads the judged board (evaluate)
 * through the other while `duban evaluate` runs too. No row is lost or doubled
 * and `duban audit verify` finds the chain intact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// biome-ignore lint/style/noRestrictedImports: a fresh PostgreSQL database per test comes from the store's engine test helper, shared with its own suite
import { freshPgDatabase } from '../packages/store/src/_engines.test-helper.js';
import { ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { ADMIN, Client, type Served, serve } from './_support/web.js';

const tmp = tempDir('duban-serve-pg-');
let db: string;
let a: Served;
let b: Served;

beforeAll(async () => {
  process.env.DUBAN_FILES = join(tmp.dir, 'files'); // evidence files of a PostgreSQL ledger (inherited by both servers)
  db = freshPgDatabase();
  for (const [args, input] of [
    [['import', SEED_NOTICE, '--units', SEED_UNITS], undefined],
    [['users', 'add', ADMIN.username, '--role', 'admin', '--password-stdin'], `${ADMIN.password}\n`],
    [['users', 'add', 'jtj', '--unit', '市交通局', '--password-stdin'], 'jtj-password-22'],
  ] as const) {
    const r = await runCli(['--db', db, ...args], input ? { input } : {});
    expect(r.code, r.stderr).toBe(0);
  }
  [a, b] = await Promise.all([serve(db, ['--today', '2019-12-31']), serve(db, ['--today', '2019-12-31'])]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  delete process.env.DUBAN_FILES;
  tmp.cleanup();
});

async function upload(c: Client, file: string): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await c.token('/office/uploads'));
  form.append('workbooks', new Blob([readFileSync(file)]), 'march.csv');
  return c.postMultipart('/office/uploads/workbooks', form);
}

describe('two duban servers on one PostgreSQL ledger', () => {
  it('units submit through both, an import through one, evaluation through the other: nothing lost or doubled, the chain intact', async () => {
    const unitA = new Client(a.url);
    const unitB = new Client(b.url);
    const officeA = new Client(a.url);
    const officeB = new Client(b.url);
    for (const [c, user, pass] of [
      [unitA, 'jtj', 'jtj-password-22'],
      [unitB, 'jtj', 'jtj-password-22'],
      [officeA, ADMIN.username, ADMIN.password],
      [officeB, ADMIN.username, ADMIN.password],
    ] as const) {
      expect((await c.login(user, pass)).status).toBe(303);
    }
    const submit = async (c: Client, i: number) => {
      const form = new FormData();
      form.set('_csrf', await c.token('/unit/tasks/4'));
      // Server A reports on odd days, B on even days: 80 distinct (task, unit, date) keys.
      form.set(
        'date',
        `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12) * 2 + (c === unitB ? 1 : 0)).padStart(2, '0')}`,
      );
      form.set('percent', String(i));
      form.set('progress', `两台服务器并发提交${i}`);
      return (await c.postMultipart('/unit/tasks/4/report', form)).status;
    };
    const csv = join(ROOT, 'seeds/sample-progress/样例数据-2019-03.csv');
    const csvRows = readFileSync(csv, 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l)).length;
    const [viaA, viaB, imported, boards, cli] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, i) => submit(unitA, i))),
      Promise.all(Array.from({ length: 40 }, (_, i) => submit(unitB, i))),
      upload(officeA, csv).then((r) => r.status),
      Promise.all(Array.from({ length: 5 }, () => officeB.page('/office').then((p) => p.status))),
      runCli(['--db', db, 'evaluate', '--as-of', '2019-12-31', '--json']),
    ]);
    expect(viaA.every((s) => s === 303)).toBe(true);
    expect(viaB.every((s) => s === 303)).toBe(true);
    expect(imported).toBe(303);
    expect(boards.every((s) => s === 200)).toBe(true);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).length).toBeGreaterThan(50);

    const ws = openWorkspace(db, { readonly: true });
    try {
      const rows = ws.ledger.listProgress({ includeSuperseded: true });
      expect(rows.filter((r) => r.source?.startsWith('网页填报'))).toHaveLength(80);
      expect(rows.filter((r) => !r.source?.startsWith('网页填报'))).toHaveLength(csvRows);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(Math.max(...rows.map((r) => r.id!))).toBe(rows.length); // no gap: ids are taken under the write lock
      const appends = ws.ledger.auditLog({ action: 'progress.append' });
      expect(appends).toHaveLength(81);
      const seqs = ws.ledger.auditLog().map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    } finally {
      ws.close();
    }
    const verify = await runCli(['--db', db, 'audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
  }, 180_000);
});
