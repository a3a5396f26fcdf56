import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Role, UnitScore } from '@duban/core';
import { createJudge } from './_judge.js';
import { loadRuleSet } from './_load.js';
import type { RuleSet } from './_schema.js';
import { allocate } from './_scoring.js';
import { plan, report, task } from './_test-plan.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '../../../rules');
const rules = (): RuleSet => loadRuleSet(RULES).value!;

/** A random plan of `n` tasks over 12 units with random progress (deterministic seed). */
function randomCase(n: number, seed: number) {
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const units = Array.from({ length: 12 }, (_, i) => `单位${i + 1}`);
  const roles: Role[] = ['lead', 'co', 'responsible'];
  const tasks = Array.from({ length: n }, (_, i) => {
    const picked = [...new Set([units[rnd(12)]!, units[rnd(12)]!, units[rnd(12)]!])];
    return task(i + 1, `2019-${String(3 + rnd(10)).padStart(2, '0')}-28`, picked.map((unit, j) => ({ unit, role: j === 0 ? roles[rnd(2) * 2]! : 'co' })));
  });
  const progress = tasks.flatMap((t) => t.assignments.filter(() => rnd(3) > 0).map((a) => report(t.number, a.unit, `2019-0${2 + rnd(8)}-${String(1 + rnd(28)).padStart(2, '0')}`, { percent: rnd(101), state: rnd(10) === 0 ? 'done' : 'in_progress' })));
  return { plan: plan(tasks), progress };
}

function checkInvariants(s: UnitScore, rs: RuleSet) {
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
  expect(sum(s.lines.map((l) => l.score))).toBe(s.total);
  for (const l of s.lines) {
    expect(l.score).toBeGreaterThanOrEqual(0);
    expect(l.score).toBeLessThanOrEqual(l.max);
  }
  expect(sum(s.lines.map((l) => l.max))).toBe(rs.scoring.base + rs.scoring.bonus.cap);
  expect(s.total).toBeGreaterThanOrEqual(rs.scoring.range.min);
  expect(s.total).toBeLessThanOrEqual(rs.scoring.range.max);
  expect(sum([s.base, ...s.items.map((i) => i.points)])).toBe(s.total);
}

describe('scoring', () => {
  it('keeps every invariant on random plans: lines sum to the total, none above its max, total in range', async () => {
    const rs = rules();
    const judge = createJudge(rs);
    for (const [n, seed] of [[30, 1], [200, 2], [5, 3]] as const) {
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

  it('deducts more from the lead unit than from a co unit for the same overdue task', async () => {
    const p = plan([task(1, '2019-06-30', [{ unit: '甲', role: 'lead' }, { unit: '乙', role: 'co' }])]);
    const progress = [report(1, '甲', '2019-06-20', { percent: 50 }), report(1, '乙', '2019-06-20', { percent: 50 })]; // recent: no 未报送 deduction
    const ev = await createJudge(rules()).evaluate({ plan: p, progress, asOf: '2019-07-10' });
    const deduction = (u: string) => ev.scores.find((s) => s.unit === u)!.items.filter((i) => i.task === 1).reduce((a, i) => a + i.points, 0);
    expect(deduction('甲')).toBe(-5);
    expect(deduction('乙')).toBe(-2.5);
    const item = ev.scores.find((s) => s.unit === '甲')!.items[0]!;
    expect(item).toEqual({ task: 1, role: 'lead', points: -5, rule: '逾期未完成扣分', reason: '任务已超过时限（2019年6月30日）未完成，扣5分' });
  });

  it('never deducts more than a line is worth, and says so', async () => {
    const rs = rules();
    const harsh: RuleSet = { ...rs, scoring: { ...rs.scoring, taskRules: rs.scoring.taskRules.map((r) => (r.name === '逾期未完成扣分' ? { ...r, event: { ...r.event, params: { ...r.event.params, points: -500 } } } : r)) } };
    const p = plan([task(1, '2019-06-30', [{ unit: '甲', role: 'lead' }]), task(2, '2019-12-31', [{ unit: '甲', role: 'lead' }])]);
    const ev = await createJudge(harsh).evaluate({ plan: p, progress: [report(1, '甲', '2019-03-01'), report(2, '甲', '2019-07-01', { percent: 60 })], asOf: '2019-07-10' });
    const s = ev.scores[0]!;
    expect(s.lines.find((l) => l.task === 1)).toMatchObject({ max: 45, score: 0 });
    expect(s.items[0]!.points).toBe(-45);
    expect(s.items[0]!.reason).toContain('受分值上限限制');
    checkInvariants(s, harsh);
  });

  it('does not score groups kept unexpanded', async () => {
    const p = plan([task(1, '2019-12-31', [{ unit: '甲', role: 'lead' }, { unit: '有关部门', role: 'co', isGroup: true }])]);
    const ev = await createJudge(rules()).evaluate({ plan: p, progress: [], asOf: '2019-06-30' });
    expect(ev.scores.map((s) => s.unit)).toEqual(['甲']);
  });

  it('allocates hundredths exactly by weight', () => {
    expect(allocate(9000, [1, 1, 0.5])).toEqual([3600, 3600, 1800]);
    const parts = allocate(9000, [1, 1, 1, 1, 1, 1, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9000);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(allocate(100, [0, 0])).toEqual([50, 50]);
  });
});
