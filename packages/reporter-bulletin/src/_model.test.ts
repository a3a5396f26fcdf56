import { describe, expect, it } from 'vitest';
import { createFixtureContext } from '@duban/reporter-api/testing';
import { buildBulletinModel, countVerdicts, printable, printableUnit } from './_model.js';

describe('countVerdicts', () => {
  it('counts per status and shares that sum to 100.0', () => {
    const counts = countVerdicts([{ status: 'completed' }, { status: 'on_track' }, { status: 'on_track' }, { status: 'overdue' }]);
    expect(counts.map((c) => [c.status, c.count, c.share])).toEqual([
      ['completed', 1, '25.0'], ['on_track', 2, '50.0'], ['at_risk', 0, '0.0'], ['overdue', 1, '25.0'],
    ]);
  });
  it('lists not_due only when some task is not due', () => {
    expect(countVerdicts([{ status: 'not_due' }]).map((c) => c.status)).toContain('not_due');
    expect(countVerdicts([{ status: 'completed' }]).map((c) => c.status)).not.toContain('not_due');
  });
});

describe('printable', () => {
  it('turns half-width punctuation from web pages into full width, keeping numbers', () => {
    expect(printable('强化关键支撑,夯实基础(试行)')).toBe('强化关键支撑，夯实基础（试行）');
    expect(printableUnit('恒口示范区<试验区>管委会')).toBe('恒口示范区（试验区）管委会');
    expect(printable('<script>')).toBe('<script>');
    expect(printable('1,000亿元 12:00')).toBe('1,000亿元 12:00');
  });
});

describe('buildBulletinModel', () => {
  const ctx = createFixtureContext();
  const model = buildBulletinModel(ctx, { attachment: true });

  it('counts every verdict of the context', () => {
    expect(model.total).toBe(ctx.verdicts.length);
    const byStatus = Object.fromEntries(model.overall.map((c) => [c.status, c.count]));
    for (const v of ctx.verdicts) expect(byStatus[v.status]).toBeGreaterThan(0);
    expect(model.overall.reduce((n, c) => n + c.count, 0)).toBe(ctx.verdicts.length);
  });

  it('lists overdue and at-risk tasks with their lead unit and reason', () => {
    const overdue = ctx.verdicts.filter((v) => v.status === 'overdue');
    expect(model.overdue.map((t) => t.number)).toEqual(overdue.map((v) => v.task));
    for (const line of [...model.overdue, ...model.atRisk]) {
      expect(line.lead).not.toBe('');
      expect(line.reason.length).toBeGreaterThan(0);
    }
  });

  it('derives the title from the as-of date and has one table row per task', () => {
    expect(model.title).toBe(`关于${ctx.plan.year}年《政府工作报告》重点任务（上半年）落实情况的通报`);
    expect(model.attachment?.rows).toHaveLength(ctx.plan.tasks.length);
    expect(model.requirements[0]).toMatch(/^一是/);
  });

  it('takes wording from the issue metadata', () => {
    const custom = createFixtureContext({ issue: { wording: { requirements: ['一是甲。', '二是乙。'], title: '关于某事的通报' } } });
    const m = buildBulletinModel(custom, { attachment: false });
    expect(m.requirements).toEqual(['一是甲。', '二是乙。']);
    expect(m.title).toBe('关于某事的通报');
    expect(m.attachment).toBeNull();
  });
});
