/**
 * The web adapter's two ways of judging agree: tasks judged one by one (a
 * unit's pages) equal the whole-plan evaluation (the board), task by task, on
 * the seed with its sample progress, at several dates.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '@duban/store';
import { Judging } from '@duban/web';
import { ROOT, runCli } from './_support/cli.js';
import { seededLedger } from './_support/web.js';

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let ws: Workspace;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-judged-');
  const dir = join(ROOT, 'seeds/sample-progress');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f));
  const r = await runCli(['--db', ledger.db, 'progress', 'import', ...files]);
  expect(r.code, r.stderr).toBe(0);
  ws = openWorkspace(ledger.db, { readonly: true });
});
afterAll(() => {
  ws?.close();
  ledger?.cleanup();
});

describe('Judging', () => {
  it.each(['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31'])('tasks one by one equal the whole-plan view as of %s', async (asOf) => {
    const judging = new Judging(join(ROOT, 'rules'));
    const view = (await judging.view(ws, asOf))!;
    const one = (await judging.tasks(ws, asOf, view.tasks.map((t) => t.number)))!;
    expect(one).toEqual(view.tasks);
    // Not a vacuous comparison: the dates give different mixes of verdicts.
    expect(new Set(view.tasks.map((t) => t.status)).size).toBeGreaterThanOrEqual(2);
  });
});
