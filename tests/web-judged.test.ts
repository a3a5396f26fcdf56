/**
 * The web adapter reads the judged view the documents print, never a copy of it:
 * tasks judged one by one (a unit's pages) equal the whole-plan view (the board),
 * task by task, at several dates; the board's figure text, units and verdicts are
 * the ones `duban evaluate --json` (the documents' view) gives; and once the office
 * stores 推进方案 filings, the web and `duban scores` judge the milestone from them alike.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '@duban/rules';
import { openWorkspace, type Workspace } from '@duban/store';
import { Judging } from '@duban/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './_support/cli.js';
import { seededLedger } from './_support/web.js';

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let ws: Workspace;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-judged-');
  const dir = join(ROOT, 'seeds/sample-progress');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
  const r = await runCli(['--db', ledger.db, 'progress', 'import', '--office', ...files]);
  expect(r.code, r.stderr).toBe(0);
  ws = openWorkspace(ledger.db);
});
afterAll(() => {
  ws?.close();
  ledger?.cleanup();
});

describe('Judging', () => {
  it.each(['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31'])(
    'tasks one by one equal the whole-plan view as of %s',
    async (asOf) => {
      const judging = new Judging(DEFAULT_RULES_DIR);
      const view = (await judging.view(ws, asOf))!;
      const one = (await judging.tasks(
        ws,
        asOf,
        view.tasks.map((t) => t.task),
      ))!;
      expect(one).toEqual(view.tasks);
      // Not a vacuous comparison: the dates give different mixes of verdicts.
      expect(new Set(view.tasks.map((t) => t.verdict.status)).size).toBeGreaterThanOrEqual(2);
    },
  );

  it('shows what the documents print: the figure text, lead / co / responsible units and verdict of `duban evaluate --json`', async () => {
    const asOf = '2019-06-30';
    const view = (await new Judging(DEFAULT_RULES_DIR).view(ws, asOf))!;
    const r = await runCli(['--db', ledger.db, 'evaluate', '--as-of', asOf, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as {
      task: number;
      figure: { text: string };
      label: string;
      reason: string;
      lead: string[];
      co: string[];
      responsible: string[];
      noLead: boolean;
    }[];
    const pick = (
      t: {
        figure: { text: string };
        lead: readonly string[];
        co: readonly string[];
        responsible: readonly string[];
        noLead: boolean;
      },
      label: string,
      reason: string,
    ) => ({
      figure: t.figure.text,
      label,
      reason,
      lead: [...t.lead],
      co: [...t.co],
      responsible: [...t.responsible],
      noLead: t.noLead,
    });
    expect(view.tasks.map((t) => pick(t, t.verdict.label, t.verdict.reason))).toEqual(
      cli.map((t) => pick(t, t.label, t.reason)),
    );
    // The seed has tasks with no lead (分工负责): they list no 牵头单位 anywhere.
    const noLead = view.tasks.filter((t) => t.noLead);
    expect(noLead.length).toBeGreaterThan(0);
    expect(noLead.every((t) => t.lead.length === 0 && t.responsible.length > 0)).toBe(true);
  });

  it('judges 推进方案 milestones from the filings once the office has any, as `duban scores` does', async () => {
    const asOf = '2019-06-30';
    const scores = async () => {
      const r = await runCli(['--db', ledger.db, 'scores', '--as-of', asOf, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { unit: string; total: number }[]).map((s) => [s.unit, s.total]);
    };
    const judging = new Judging(DEFAULT_RULES_DIR);
    const web = async () => (await judging.view(ws, asOf))!.scores.map((s) => [s.unit, s.total]);
    const before = await scores();
    expect(await web()).toEqual(before);
    // One unit files its 推进方案 on time in the web: from now on only filings meet the milestone.
    const stored = ws.currentPlan()!;
    const milestone = stored.plan.milestones[0]!;
    ws.addFiling(
      {
        unit: '市交通局',
        milestone: milestone.key,
        date: milestone.deadline.date,
        title: '推进方案',
        summary: '',
        evidence: [],
      },
      { actor: 'test', planVersion: stored.version },
    );
    const after = await scores();
    expect(after).not.toEqual(before);
    expect(await web()).toEqual(after);
  });
});
