// The rules commands end to end: the real built CLI on a real SQLite ledger holding
// the hand-made plan in tests/fixtures/rules/ledger (expected verdicts worked out in
// its README from rules/status.json).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, ProgressReport, UnitDirectory, UnitScore } from '@duban/core';
import { openLedger } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, tempDir } from './_support/cli.js';

const FIX = join(ROOT, 'tests/fixtures/rules/ledger');
const read = <T>(f: string) => JSON.parse(readFileSync(join(FIX, f), 'utf8')) as T;
let tmp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  tmp = tempDir('duban-rules-');
  db = join(tmp.dir, 'ledger.db');
  const ledger = openLedger(db);
  try {
    const { version } = ledger.importPlan(read<Plan>('plan.json'), read<UnitDirectory>('units.json'), {
      actor: 'test',
      source: 'fixture',
    });
    ledger.appendProgress(read<ProgressReport[]>('progress.json'), {
      actor: 'test',
      source: 'fixture',
      planVersion: version,
    });
  } finally {
    ledger.close();
  }
});
afterAll(() => tmp.cleanup());

const AS_OF = '2019-09-30';

describe('duban evaluate', () => {
  it('judges every task as worked out by hand, with printable reasons (JSON)', async () => {
    const out = await runCliJson<
      { task: number; status: string; rule: string; reason: string; facts: Record<string, unknown> }[]
    >(['--db', db, 'evaluate', '--as-of', AS_OF, '--json']);
    expect(out.map((v) => [v.task, v.status, v.rule])).toEqual([
      [1, 'overdue', '逾期未完成'],
      [2, 'at_risk', '滞后序时进度'],
      [3, 'completed', '已完成'],
      [4, 'on_track', '正常推进'],
      [5, 'at_risk', '临近时限'],
      [6, 'at_risk', '长期未报送'],
    ]);
    expect(out[0]!.reason).toBe('完成时限为2019年6月30日，截至评价日完成进度60%，未完成');
    expect(out[1]!.reason).toBe('进度45%，低于序时进度74.8%，滞后29.8个百分点');
    expect(out[4]!.reason).toBe('距完成时限（2019年10月25日）仅剩25天，完成进度79%');
    expect(out[5]!.reason).toBe('已107天未报送进展情况');
    expect(out[1]!.facts).toMatchObject({ elapsedRatio: 74.8, progressRatio: 45, scheduleGap: 29.8, reportCount: 2 });
    // The figure every document quotes, with its source; task 6 is 分工负责: no lead, its responsible units as listed.
    expect(out[1]!).toMatchObject({
      figure: {
        percent: 45,
        unit: '市交通局',
        date: '2019-08-31',
        source: 'reporting',
        text: '完成45%（市交通局8月31日报）',
      },
    });
    expect(out[5]!).toMatchObject({
      noLead: true,
      lead: [],
      responsible: ['市交通局', '市财政局'],
      co: ['市政府有关工作部门'],
    });
  });

  it('prints a table with Chinese statuses and the counts', async () => {
    const r = await runCli(['--db', db, 'evaluate', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /完成A项目建设\s+市发改委\s+2019-06-30\s+逾期未完成\s+完成60%（市发改委5月31日报）\s+完成时限为/,
    );
    expect(r.stdout).toMatch(/推进交通投融资改革\s+市交通局、市财政局（分工负责）/);
    expect(r.stdout).toContain('推进交通投融资改革');
    expect(r.stdout).toContain('已完成 1，正常推进 1，进度滞后 3，逾期未完成 1（共 6 项）');
  });

  it('refuses a bad date and a broken rule set with coded errors', async () => {
    const bad = await runCli(['--db', db, 'evaluate', '--as-of', '2019-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DUBAN_EVALUATE_DATE');
    const broken = await runCli([
      '--db',
      db,
      'evaluate',
      '--as-of',
      AS_OF,
      '--rules',
      'tests/fixtures/rules/unknown-fact',
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('DUBAN_RULES_INVALID');
    expect(broken.stderr).toMatch(
      /status\.json:\d+ \$\.rules\[2\]\.conditions\.all\[0\]\.fact: unknown fact "scheduleGapp"/,
    );
    expect(broken.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });
});

describe('duban scores', () => {
  it('scores units (not groups), lead deductions above co, lines summing to the total', async () => {
    const out = await runCliJson<UnitScore[]>(['--db', db, 'scores', '--as-of', AS_OF, '--json']);
    expect(out.map((s) => s.unit).sort()).toEqual(['市交通局', '市发改委', '市教育局', '市财政局']);
    const by = new Map(out.map((s) => [s.unit, s]));
    const onTask = (u: string, t: number, rule?: string) =>
      by
        .get(u)!
        .items.filter((i) => i.task === t && (!rule || i.rule === rule))
        .reduce((a, i) => a + i.points, 0);
    expect(onTask('市发改委', 1, '牵头任务逾期未完成')).toBe(-5); // lead, overdue
    expect(onTask('市财政局', 1, '配合任务逾期未完成')).toBe(-2); // co, overdue
    // The lead also owes reports and last reported on 05-31, 122 days before: −1 more, on the reporting line; the co unit owes none.
    expect(onTask('市发改委', 1)).toBe(-6);
    expect(onTask('市财政局', 1)).toBe(-2);
    // Task 6 is at risk for not reporting: charged once, to its convener, on the reporting line — never again as 进度滞后.
    expect(onTask('市交通局', 6)).toBe(-1);
    expect(onTask('市财政局', 6)).toBe(0);
    expect(Object.fromEntries(out.map((s) => [s.unit, s.total]))).toEqual({
      市发改委: 94,
      市财政局: 98,
      市交通局: 97,
      市教育局: 97,
    });
    // 市教育局's first report (04-10) came after the 推进方案 milestone (03-08).
    expect(by.get('市教育局')!.items).toContainEqual(
      expect.objectContaining({ task: null, rule: '推进方案逾期', points: -2, category: 'reporting' }),
    );
    for (const s of out) {
      const sum = Math.round(s.lines.reduce((a, l) => a + l.score, 0) * 100) / 100;
      expect(sum).toBe(s.total);
      for (const l of s.lines) expect(l.score).toBeLessThanOrEqual(l.max);
      expect(s.total).toBeGreaterThanOrEqual(0);
      expect(s.total).toBeLessThanOrEqual(105);
    }
  });
});

describe('duban rules', () => {
  it('check accepts the default rules and rejects a broken set with file:line paths', async () => {
    const ok = await runCli(['rules', 'check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('OK — 7 status rules, 8 scoring rules');
    const bad = await runCli(['rules', 'check', 'tests/fixtures/rules/many-errors']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has 3 errors');
    expect(bad.stderr).toMatch(
      /many-errors\/status\.json:\d+ \$\.rules\[3\]\.conditions\.all\[0\]\.operator: unknown operator "atMost"/,
    );
    expect(bad.stderr).toMatch(/\[DUBAN_RULES_EVENT_STATUS\]/);
  });

  it('test runs every case in rules/tests and prints N passed, 0 failed', async () => {
    const total = readdirSync(join(ROOT, 'packages/rules/defaults/tests'))
      .filter((f) => f.endsWith('.json'))
      .reduce(
        (n, f) =>
          n +
          (JSON.parse(readFileSync(join(ROOT, 'packages/rules/defaults/tests', f), 'utf8')) as { cases: unknown[] })
            .cases.length,
        0,
      );
    expect(total).toBeGreaterThan(40);
    const r = await runCli(['rules', 'test']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`${total} passed, 0 failed`);
  });

  it('explain shows every rule in priority order, each condition with its fact value, and the decision', async () => {
    const r = await runCli(['--db', db, 'rules', 'explain', '2', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const order = [...r.stdout.matchAll(/^\s+\[(\d+)\] (\S+)/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(order).toEqual([
      [100, '已完成'],
      [90, '逾期未完成'],
      [80, '滞后序时进度'],
      [70, '临近时限'],
      [60, '长期未报送'],
      [20, '进度较快'],
      [1, '正常推进'],
    ]);
    expect(r.stdout).toMatch(/\[80\] 滞后序时进度 → 进度滞后: matched {2}◀ decides/);
    // The tolerance parameter shows as the number it was: the trace says which threshold applied.
    expect(r.stdout).toMatch(/✓ scheduleGap greaterThan 15 {3}\(scheduleGap = 29\.8\)/);
    expect(r.stdout).toMatch(/✗ daysToDeadline lessThanInclusive 0 {3}\(daysToDeadline = 92\)/);
    expect(r.stdout).toContain(
      'decision: 进度滞后 (at_risk) by rule "滞后序时进度" — 进度45%，低于序时进度74.8%，滞后29.8个百分点',
    );
    const missing = await runCli(['--db', db, 'rules', 'explain', '99', '--as-of', AS_OF]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DUBAN_RULES_NO_TASK');
  });

  it('walkthrough: a copied rule set with one threshold changed changes verdicts and scores, no code touched', async () => {
    const copy = join(tmp.dir, 'my-rules');
    cpSync(join(ROOT, 'packages/rules/defaults'), copy, { recursive: true });
    const file = join(copy, 'status.json');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace('"tolerance": { "value": 15,', '"tolerance": { "value": 30,');
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);

    // The copied tests pin the old threshold: the case just above 15 now fails.
    const t = await runCli(['rules', 'test', copy]);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/^\d+ passed, 1 failed$/m);
    expect(t.stdout).toContain(
      '滞后序时进度：滞后15.1个百分点判滞后: expected at_risk (滞后序时进度), got on_track (正常推进)',
    );

    // Task 2 is 29.8 points behind: at risk under 15, on track under 30. Its lead 市交通局 gets its 2 points back.
    const d = await runCliJson<{
      tasks: { task: number; from: string; to: string }[];
      units: { unit: string; from: number; to: number; delta: number }[];
    }>(['--db', db, 'rules', 'diff', copy, '--as-of', AS_OF, '--json']);
    expect(d.tasks).toEqual([
      expect.objectContaining({
        task: 2,
        from: 'at_risk',
        to: 'on_track',
        fromRule: '滞后序时进度',
        toRule: '正常推进',
      }),
    ]);
    expect(d.units).toEqual([{ unit: '市交通局', from: 97, to: 99, delta: 2 }]);
    const text2 = await runCli(['--db', db, 'rules', 'diff', copy, '--as-of', AS_OF]);
    expect(text2.stdout).toContain('2. 新改建农村公路100公里: 进度滞后 → 正常推进');
    expect(text2.stdout).toContain('市交通局: 97 → 99 (+2)');

    const after = await runCliJson<{ task: number; status: string }[]>([
      '--db',
      db,
      'evaluate',
      '--as-of',
      AS_OF,
      '--rules',
      copy,
      '--json',
    ]);
    expect(after.find((v) => v.task === 2)!.status).toBe('on_track');
  });
});
