import { describe, expect, it } from 'vitest';
import { buildSummary } from './_summary.js';
import { syntheticData } from './_synthetic.js';

const opts = { summaryAttachment: 1, summaryTitle: '{year}年度目标责任考核得分汇总表' };

describe('buildSummary', () => {
  it('ranks by total with shared ranks for ties', () => {
    const v = buildSummary({
      plan: { year: 2019 }, asOf: '2019-12-31', verdicts: [],
      units: [],
      scores: [
        { unit: '乙', base: 100, total: 95, items: [], lines: [] },
        { unit: '甲', base: 100, total: 98, items: [], lines: [] },
        { unit: '丙', base: 100, total: 95, items: [], lines: [] },
        { unit: '丁', base: 100, total: 90, items: [], lines: [] },
      ],
    }, opts);
    expect(v.rows.map((r) => [r.rank, r.total])).toEqual([[1, '98'], [2, '95'], [2, '95'], [4, '90']]);
    expect(v.title).toBe('2019年度目标责任考核得分汇总表');
  });

  it('counts tasks by role and by verdict, and sums deductions', () => {
    const data = syntheticData(12);
    const v = buildSummary({ ...data, asOf: '2019-12-31' }, opts);
    expect(v.rows).toHaveLength(12);
    for (const row of v.rows) {
      const unit = data.units.find((u) => u.name === row.unit)!;
      expect(row.lead + row.co + row.responsible).toBe(unit.tasks.length);
      const status = new Map(data.verdicts.map((x) => [x.task, x.status]));
      expect(row.overdue).toBe(new Set(unit.tasks.filter((t) => status.get(t.task) === 'overdue').map((t) => t.task)).size);
      const score = data.scores.find((s) => s.unit === row.unit)!;
      expect(Number(row.deducted)).toBeCloseTo(-score.items.reduce((s, i) => s + Math.min(0, i.points), 0), 6);
    }
    expect(v.totals.lead).toBe(data.plan.tasks.length);
  });
});
