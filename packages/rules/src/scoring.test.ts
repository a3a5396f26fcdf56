import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role, UnitScore } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { createJudge } from './_judge.js';
import { loadRuleSet } from './_load.js';
import { plan, report, task } from './_plan.test-helper.js';
import type { RuleSet } from './_schema.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '../defaults');
const rules = (): RuleSet => loadRuleSet(RULES).value!;

/** A random plan of `n` tasks over 12 units with random progress (deterministic seed). */
function randomCase(n: number, seed: number) {
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const units = Array.from({ length: 12 }, (_, i) => `单位${i + 1}`);
  const roles: Role[] = ['lead', 'co', 'responsible'];
  const tasks = Array.from({ length: n }, (_, i) => {
    const picked = [...new Set([units[rnd(12)]!, units[rnd(12)]!, units[rnd(12)]!])];
    return task(
      i + 1,
      `2019-${String(3 + rnd(10)).padStart(2, '0')}-28`,
      picked.map((unit, j) => ({ unit, role: j === 0 ? roles[rnd(2) * 2]! : 'co' })),
    );
  });
  const progress = tasks.flatMap((t) =>
    t.assignments
      .filter(() => rnd(3) > 0)
      .map((a) =>
        report(t.number, a.unit, `2019-0${2 + rnd(8)}-${String(1 + rnd(28)).padStart(2, '0')}`, {
          percent: rnd(101),
          state: rnd(10) === 0 ? 'done' : 'in_progress',
        }),
      ),
  );
  return { plan: plan(tasks), progress };
}

function checkInvariants(s: UnitScore, rs: RuleSet) {
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
  expect(sum(s.lines.map((l) => l.score))).toBe(s.total);
  for (const l of s.lines) {
    expect(l.score).toBeGreaterThanOrEqual(0);
    expect(l.score).toBeLessThanOrEqual(l.max);
  }
  expect(sum(s.lines.filter((l) => !l.bonus).map((l) => l.max))).toBe(rs.scoring.base);
  // Every amount deducted or added appears in the 评分标准 of the line it was taken from.
  for (const it of s.items.filter((i) => i.rule !== '(range)')) {
    const line = s.lines.find((l) => l.key === it.category)!;
    const full = Math.abs(
      (
        rs.scoring.taskRules.concat(rs.scoring.unitRules).find((r) => r.name === it.rule)!.event.params as {
          points: number;
        }
      ).points,
    );
    expect(line.standard).toContain(`${full}分`);
  }
  expect(s.total).toBeGreaterThanOrEqual(rs.scoring.range.min);
  expect(s.total).toBeLessThanOrEqual(rs.scoring.range.max);
  expect(sum([s.base, ...s.items.map((i) => i.points)])).toBe(s.total);
}

describe('scoring', () => {
  it('keeps every invariant on random plans: lines sum to the total, none above its max, total in range', async () => {
    const rs = rules();
    const judge = createJudge(rs);
    for (const [n, seed] of [
      [30, 1],
      [200, 2],
      [5, 3],
    ] as const) {
      for (const asOf of ['2019-03-31', '2019-09-30', '2019-12-31']) {
        const ev = await judge.evaluate({ ...randomCase(n, seed), asOf });
        expect(ev.scores.length).toBeGreaterThan(0);
        for (const s of ev.scores) checkInvariants(s, rs);
      }
    }
  });

  it('keeps the invariants when the range is tighter than base + bonus', async () => {
    const rs = rules();
    const tight: RuleSet = { ...rs, scoring: { ...rs.scoring, range: { min: 60, max: 95 } } };
    const ev = await createJudge(tight).evaluate({ ...randomCase(60, 9), asOf: '2019-12-31' });
    for (const s of ev.scores) checkInvariants(s, tight);
    expect(ev.scores.some((s) => s.total === 60 || s.total === 95)).toBe(true);
  });

  it('deducts more from the lead unit than from a co unit for the same overdue task, each on its own line', async () => {
    const p = plan([
      task(1, '2019-06-30', [
        { unit: '甲', role: 'lead' },
        { unit: '乙', role: 'co' },
      ]),
    ]);
    const progress = [report(1, '甲', '2019-06-20', { percent: 50 }), report(1, '乙', '2019-06-20', { percent: 50 })]; // recent: no 未报送 deduction
    const ev = await createJudge(rules()).evaluate({ plan: p, progress, asOf: '2019-07-10' });
    const deduction = (u: string) =>
      ev.scores
        .find((s) => s.unit === u)!
        .items.filter((i) => i.task === 1)
        .reduce((a, i) => a + i.points, 0);
    expect(deduction('甲')).toBe(-5);
    expect(deduction('乙')).toBe(-2);
    const item = ev.scores.find((s) => s.unit === '甲')!.items[0]!;
    expect(item).toEqual({
      task: 1,
      role: 'lead',
      points: -5,
      rule: '牵头任务逾期未完成',
      reason: '完成时限为2019年6月30日，未完成（完成进度50%）',
      category: 'lead',
    });
    expect(ev.scores.find((s) => s.unit === '乙')!.items[0]).toMatchObject({ category: 'co', points: -2 });
    const standards = ev.scores.find((s) => s.unit === '甲')!.lines.map((l) => [l.item, l.max, l.standard]);
    expect(standards[0]).toEqual(['牵头任务', 60, '逾期未完成的，每项扣5分；进度滞后的，每项扣2分；扣完为止。']);
  });

  it('never charges a completed task for not reporting, and charges a silent task once', async () => {
    const p = plan([
      task(1, '2019-12-31', [{ unit: '甲', role: 'lead' }]),
      task(2, '2019-12-31', [{ unit: '甲', role: 'lead' }]),
    ]);
    // Task 1 reported done in March and nothing since; task 2 never reported.
    const ev = await createJudge(rules()).evaluate({
      plan: p,
      progress: [report(1, '甲', '2019-03-05', { state: 'done', percent: 100 })],
      asOf: '2019-12-31',
    });
    const items = ev.scores[0]!.items;
    expect(items.filter((i) => i.task === 1 && i.points < 0)).toEqual([]);
    const onTwo = items.filter((i) => i.task === 2).map((i) => i.rule);
    // Unfinished at its deadline: overdue; never reported: once, on the reporting line.
    expect(onTwo).toEqual(['牵头任务逾期未完成', '从未报送进展']);
  });

  it('gives no full marks to a task unfinished at the year-end assessment', async () => {
    const p = plan([task(1, '2019-12-31', [{ unit: '甲', role: 'lead' }])]);
    const ev = await createJudge(rules()).evaluate({
      plan: p,
      progress: [report(1, '甲', '2019-12-31', { percent: 99 })],
      asOf: '2019-12-31',
    });
    expect(ev.scores[0]!.lines.find((l) => l.key === 'lead')!.score).toBeLessThan(60);
  });

  it('never deducts more than a line is worth, and says so', async () => {
    const rs = rules();
    const harsh: RuleSet = {
      ...rs,
      scoring: {
        ...rs.scoring,
        taskRules: rs.scoring.taskRules.map((r) =>
          r.name === '牵头任务逾期未完成'
            ? { ...r, event: { ...r.event, params: { ...r.event.params, points: -50 } } }
            : r,
        ),
      },
    };
    const p = plan([
      task(1, '2019-06-30', [{ unit: '甲', role: 'lead' }]),
      task(2, '2019-06-30', [{ unit: '甲', role: 'lead' }]),
    ]);
    const ev = await createJudge(harsh).evaluate({
      plan: p,
      progress: [report(1, '甲', '2019-06-01', { percent: 10 }), report(2, '甲', '2019-06-01', { percent: 60 })],
      asOf: '2019-07-10',
    });
    const s = ev.scores[0]!;
    expect(s.lines.find((l) => l.key === 'lead')).toMatchObject({ max: 60, score: 0 });
    expect(s.items.filter((i) => i.category === 'lead').map((i) => i.points)).toEqual([-50, -10]);
    expect(s.items[1]!.reason).toContain('受该项分值限制');
    checkInvariants(s, harsh);
  });

  it('does not score groups kept unexpanded', async () => {
    const p = plan([
      task(1, '2019-12-31', [
        { unit: '甲', role: 'lead' },
        { unit: '有关部门', role: 'co', isGroup: true },
      ]),
    ]);
    const ev = await createJudge(rules()).evaluate({ plan: p, progress: [], asOf: '2019-06-30' });
    expect(ev.scores.map((s) => s.unit)).toEqual(['甲']);
  });
});
