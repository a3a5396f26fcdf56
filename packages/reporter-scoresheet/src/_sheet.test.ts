import { describe, expect, it } from 'vitest';
import type { UnitScore } from '@duban/core';
import { ScoresheetOptions } from './_options.js';
import { buildSheet, checkLines } from './_sheet.js';
import { syntheticData } from './_synthetic.js';

const options = ScoresheetOptions.parse({});
const input = { plan: { year: 2019, tasks: syntheticData(3, 4).plan.tasks }, asOf: '2019-12-31' };

const score: UnitScore = {
  unit: '市发改委',
  base: 100,
  total: 91.5,
  items: [
    { task: 1, role: 'lead', points: -6, rule: 'overdue-lead', reason: '逾期未完成。' },
    { task: 3, role: 'co', points: -1.5, rule: 'at-risk-co', reason: '进度滞后' },
    { task: null, role: null, points: -1, rule: 'plan-late', reason: '推进方案未按时报送' },
  ],
  lines: [
    { task: null, role: null, item: '推进方案报送', max: 10, score: 9 },
    { task: 1, role: 'lead', item: '抓实重点项目（牵头）', max: 60, score: 54 },
    { task: 3, role: 'co', item: '推进机场建设（配合）', max: 30, score: 28.5 },
  ],
};

describe('buildSheet', () => {
  it('prints the heading the format asks for', () => {
    const v = buildSheet(input, score, options);
    expect(v.attachment).toBe('附件2');
    expect(v.title).toBe('2019年度目标责任考核评分表');
    expect(v.assessedAt).toBe('2019年12月31日');
  });

  it('keeps Σ rows = 合计 = the unit total and every row within its 分值', () => {
    const v = buildSheet(input, score, options);
    const sum = v.rows.reduce((s, r) => s + Number(r.score), 0);
    expect(sum).toBeCloseTo(91.5, 6);
    expect(v.total).toBe('91.5');
    expect(v.totalMax).toBe('100');
    for (const r of v.rows) expect(Number(r.score)).toBeLessThanOrEqual(Number(r.max));
  });

  it('names the task, role and rule in every 扣分原因 on the right row', () => {
    const v = buildSheet(input, score, options);
    expect(v.rows[0]!.reasons).toEqual(['推进方案未按时报送，扣1分（规则：plan-late）']);
    expect(v.rows[1]!.reasons).toEqual(['第1项（牵头）：逾期未完成，扣6分（规则：overdue-lead）']);
    expect(v.rows[2]!.reasons[0]).toContain('第3项（配合）');
    expect(v.rows[2]!.reasons[0]).toContain('扣1.5分');
  });

  it('describes task rows by role, task number, the rule set\'s label and the deadline, and uses the role standard', () => {
    const v = buildSheet(input, score, options);
    const task1 = input.plan.tasks[0]!;
    expect(v.rows[1]!.item).toBe('牵头任务');
    expect(v.rows[1]!.content).toBe(`第1项　抓实重点项目（牵头）（时限：${task1.deadline.phrase}）`);
    expect(v.rows[0]!.item).toBe('推进方案报送');
    expect(v.rows[1]!.standard).toBe(options.standards.lead);
    expect(v.rows[0]!.standard).toBe(options.standards.general);
    expect(v.rows.every((r) => r.self === '')).toBe(true);
  });

  it('refuses lines that exceed 分值 or do not add up to the total', () => {
    const over = { ...score, lines: [{ ...score.lines[0]!, score: 11 }, ...score.lines.slice(1)], total: 93.5 };
    expect(() => buildSheet(input, over, options)).toThrow(expect.objectContaining({ code: 'DUBAN_SCORESHEET_INVARIANT' }));
    expect(checkLines({ unit: 'x', total: 90 }, score.lines)).toEqual(['lines sum to 91.5 but the total is 90']);
  });

  it('falls back to one general line when the rules give no lines', () => {
    const v = buildSheet(input, { ...score, lines: [] }, options);
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]!.score).toBe('91.5');
    expect(v.rows[0]!.max).toBe('100');
    expect(v.rows[0]!.reasons).toHaveLength(3);
  });

  it('holds the invariants for every unit of a synthetic 80-unit plan', () => {
    const data = syntheticData(80);
    for (const s of data.scores) {
      const v = buildSheet({ plan: data.plan, asOf: '2019-12-31' }, s, options);
      const sum = v.rows.reduce((acc, r) => acc + Number(r.score), 0);
      expect(Math.abs(sum - v.totalValue)).toBeLessThan(0.005);
      expect(v.totalValue).toBe(s.total);
      const printed = v.rows.flatMap((r) => r.reasons);
      expect(printed).toHaveLength(s.items.length);
      for (const it of s.items) expect(printed.some((p) => p.includes(`规则：${it.rule}`) && (it.task === null || p.includes(`第${it.task}项`)))).toBe(true);
    }
  });
});
