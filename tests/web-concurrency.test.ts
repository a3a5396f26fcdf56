/**
 * The web server and the CLI write the same ledger at the same time: units
 * submit through `duban serve` while the clerk imports workbooks and adds an
 * account with the CLI. Nothing fails, nothing is lost, the chain verifies.
 */
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './_support/cli.js';
import { Client, type Served, seededLedger, serve } from './_support/web.js';

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let server: Served;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-conc-');
  expect(
    (
      await runCli(['--db', ledger.db, 'users', 'add', 'jtj', '--unit', '市交通局', '--password-stdin'], {
        input: 'jtj-password-22',
      })
    ).code,
  ).toBe(0);
  server = await serve(ledger.db, ['--today', '2019-12-31']);
});
afterAll(async () => {
  await server?.stop();
  ledger?.cleanup();
});

describe('web and CLI writing one ledger', () => {
  it('every web submission and every CLI import lands; row counts match and the audit chain verifies', async () => {
    const c = new Client(server.url);
    expect((await c.login('jtj', 'jtj-password-22')).status).toBe(303);
    const token = await c.token('/unit/tasks/4');
    const submit = (i: number) => {
      const form = new FormData();
      form.set('_csrf', token);
      form.set(
        'date',
        `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`,
      );
      form.set('percent', String(i));
      form.set('progress', `并发提交${i}`);
      return c.postMultipart('/unit/tasks/4/report', form).then((r) => r.status);
    };
    const months = ['02', '03', '04', '05', '06'].map((m) =>
      join(ROOT, `seeds/sample-progress/样例数据-2019-${m}.csv`),
    );
    const [web, ...cli] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, (_, i) => submit(i))),
      ...months.map((f) => runCli(['--db', ledger.db, 'progress', 'import', '--office', f, '--json'])),
      runCli(['--db', ledger.db, 'users', 'add', 'clerk2', '--role', 'staff', '--password-stdin'], {
        input: 'clerk-password-2',
      }),
    ]);
    expect(web.every((s) => s === 303)).toBe(true);
    for (const r of cli) expect(r.code, r.stderr).toBe(0);
    const imported = cli
      .slice(0, months.length)
      .reduce(
        (n, r) =>
          n +
          (JSON.parse(r.stdout) as { added: number; superseded: number }).added +
          (JSON.parse(r.stdout) as { superseded: number }).superseded,
        0,
      );
    const ws = openWorkspace(ledger.db, { readonly: true });
    try {
      const rows = ws.ledger.listProgress({ includeSuperseded: true });
      expect(rows.filter((r) => r.source?.startsWith('网页填报'))).toHaveLength(60);
      expect(rows.filter((r) => !r.source?.startsWith('网页填报'))).toHaveLength(imported);
      expect(ws.account('clerk2')?.role).toBe('staff');
      expect(ws.ledger.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      ws.close();
    }
  });
});
