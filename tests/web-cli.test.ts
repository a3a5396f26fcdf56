/** `duban users` and `duban serve` on bad input: a stable code, a hint, a non-zero exit, nothing written. */
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './_support/cli.js';
import { type Served, seededLedger, serve } from './_support/web.js';

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let server: Served;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-cli-');
  server = await serve(ledger.db);
});
afterAll(async () => {
  await server?.stop();
  ledger?.cleanup();
});

const accounts = () => {
  const ws = openWorkspace(ledger.db, { readonly: true });
  try {
    return ws.accounts().map((a) => a.username);
  } finally {
    ws.close();
  }
};

describe('duban users / serve errors', () => {
  it.each([
    [['users', 'add', 'x1', '--unit', '不存在的局'], 'DUBAN_ACCOUNT_UNIT_UNKNOWN', 2, ''],
    [['users', 'add', 'x2', '--role', 'chief'], 'DUBAN_USERS_ROLE', 2, ''],
    [['users', 'add', 'a b', '--role', 'staff'], 'DUBAN_ACCOUNT_NAME', 2, ''],
    [['users', 'add', 'x3', '--role', 'staff', '--password-stdin'], 'DUBAN_ACCOUNT_PASSWORD', 2, 'short\n'],
    [['users', 'add', 'boss', '--role', 'staff'], 'DUBAN_ACCOUNT_EXISTS', 4, ''],
    [['users', 'reset', 'nobody'], 'DUBAN_ACCOUNT_UNKNOWN', 3, ''],
    [['users', 'disable', 'nobody'], 'DUBAN_ACCOUNT_UNKNOWN', 3, ''],
  ])('%j → %s', async (args, code, exit, input) => {
    const before = accounts();
    const r = await runCli(['--db', ledger.db, ...args], { input });
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(new RegExp(`^${code}: `));
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(accounts()).toEqual(before);
  });

  it('a unit account needs an existing ledger; the first admin may create it', async () => {
    const fresh = join(ledger.dir, 'fresh.db');
    const r = await runCli(['--db', fresh, 'users', 'add', 'jtj', '--unit', '市交通局']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^DUBAN_STORE_MISSING: /);
    const admin = await runCli(['--db', fresh, 'users', 'add', 'root', '--role', 'admin', '--json']);
    expect(admin.code, admin.stderr).toBe(0);
    expect(JSON.parse(admin.stdout)).toMatchObject({
      username: 'root',
      role: 'admin',
      unit: null,
      password: expect.stringMatching(/^\w{12}$/),
    });
  });

  it('serve on a port already taken fails with DUBAN_SERVE_LISTEN; bad options are refused', async () => {
    const port = new URL(server.url).port;
    const taken = await runCli(['--db', ledger.db, 'serve', '--port', port]);
    expect(taken.code).toBe(3);
    expect(taken.stderr).toMatch(/^DUBAN_SERVE_LISTEN: cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
    const bad = await runCli(['--db', ledger.db, 'serve', '--port', 'http']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^DUBAN_SERVE_OPTION: /);
    const date = await runCli(['--db', ledger.db, 'serve', '--today', '2019-13-01']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/^DUBAN_REPORT_DATE: --today 2019-13-01 is not a date/);
  });
});
