import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS } from '@duban/core';
import { openLedger } from '@duban/store';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../_support/cli.js';

// The CLI alone turns an error's catalog class into an exit code (apps/cli/src/_exit.ts).
// These run the real CLI on the cases the catalog unified: "the ledger has no plan"
// exits 3 from every command, and an init that would overwrite exits 4.
const tmp = tempDir('duban-exit-');
afterAll(() => tmp.cleanup());

const empty = join(tmp.dir, 'empty.db');
openLedger(empty).close();

describe('exit codes by error class', () => {
  it.each([
    ['progress import', ['progress', 'import', '--office', join(tmp.dir, 'none.csv')], 'DUBAN_PROGRESS_NO_PLAN'],
    ['evaluate', ['evaluate', '--as-of', '2019-06-30'], 'DUBAN_EVALUATE_NO_PLAN'],
    ['tasks', ['tasks'], 'DUBAN_STORE_EMPTY'],
  ])('%s on a ledger without a plan exits 3 (state) with the catalog hint', async (_, args, code) => {
    const r = await runCli(['--db', empty, ...args]);
    expect(r.stderr).toMatch(new RegExp(`^${code}: the ledger holds no plan yet`));
    expect(r.stderr).toContain(`hint: ${ERRORS.LedgerHasNoPlan.hint}`);
    expect(r.code).toBe(3);
  });

  it('exits 3 (state) without a ledger, 2 (input) on a bad date', async () => {
    const missing = await runCli(['--db', join(tmp.dir, 'missing.db'), 'evaluate', '--as-of', '2019-06-30']);
    expect(missing.stderr).toMatch(/^DUBAN_STORE_MISSING: /);
    expect(missing.code).toBe(3);
    const date = await runCli(['--db', empty, 'evaluate', '--as-of', '2019-13-45']);
    expect(date.stderr).toMatch(/^DUBAN_EVALUATE_DATE: /);
    expect(date.code).toBe(2);
  });

  it('exits 4 (conflict) when rules init would write into a folder that has files', async () => {
    const dir = join(tmp.dir, 'rules');
    mkdirSync(dir);
    writeFileSync(join(dir, 'status.json'), '{}');
    const r = await runCli(['rules', 'init', dir], { cwd: tmp.dir });
    expect(r.stderr).toMatch(/^DUBAN_RULES_INIT_EXISTS: /);
    expect(r.code).toBe(4);
  });
});
