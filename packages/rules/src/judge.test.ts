import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJudge, NO_RULE } from './_judge.js';
import { loadRuleSet } from './_load.js';
import { plan, report, task } from './_plan.test-helper.js';
import { DEFAULT_TASK_FACTS } from './_ruletest.js';
import type { RuleSet } from './_schema.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '../defaults');
const rules = (): RuleSet => {
  const r = loadRuleSet(RULES);
  expect(r.errors).toEqual([]);
  return r.value!;
};

describe('createJudge', () => {
  it('fills the reason template with the facts and names the deciding rule and its conditions', async () => {
    const v = await createJudge(rules()).decide({
      ...DEFAULT_TASK_FACTS,
      progressRatio: 45,
      elapsedRatio: 58,
      scheduleGap: 13.2,
      daysToDeadline: 20,
    });
    expect(v.status).toBe('at_risk');
    expect(v.rule).toBe('临近时限');
    expect(v.reason).toBe('距完成时限（2019年12月31日）仅剩20天，完成进度45%');
    expect(v.conditions).toEqual([
      { fact: 'daysToDeadline', operator: 'lessThanInclusive', value: 30, factValue: 20, result: true },
      { fact: 'progressRatio', operator: 'lessThan', value: 80, factValue: 45, result: true },
    ]);
    expect(v.facts).toMatchObject({ daysToDeadline: 20, progressRatio: 45, deadlineText: '2019年12月31日' });
  });

  it('decides by priority, not by file order', async () => {
    const rs = rules();
    const reversed: RuleSet = { ...rs, status: { ...rs.status, rules: [...rs.status.rules].reverse() } };
    const facts = { ...DEFAULT_TASK_FACTS, daysOverdue: 3, daysToDeadline: -3, scheduleGap: 40, lastReportAgeDays: 90 };
    for (const r of [rs, reversed]) expect((await createJudge(r).decide(facts)).rule).toBe('逾期未完成');
  });

  it('judges on_track by "(none)" when no rule matches', async () => {
    const rs = rules();
    const noFallback: RuleSet = {
      ...rs,
      status: { ...rs.status, rules: rs.status.rules.filter((r) => r.priority > 1) },
    };
    const v = await createJudge(noFallback).decide(DEFAULT_TASK_FACTS);
    expect(v).toMatchObject({ status: 'on_track', rule: NO_RULE });
  });

  it('gives the same verdicts and traces with and without the outcome memo', async () => {
    const rs = rules();
    const fast = createJudge(rs);
    const slow = createJudge(rs, { memo: false });
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const progressRatio = rnd(101);
      const elapsedRatio = rnd(101);
      const daysToDeadline = rnd(120) - 20;
      const facts = {
        ...DEFAULT_TASK_FACTS,
        progressRatio,
        elapsedRatio,
        scheduleGap: elapsedRatio - progressRatio,
        scheduleLead: progressRatio - elapsedRatio,
        completed: progressRatio === 100,
        daysToDeadline,
        daysOverdue: Math.max(0, -daysToDeadline),
        lastReportAgeDays: rnd(100),
        daysSinceStart: rnd(200),
        reportCount: rnd(3),
      };
      const [a, b] = [await fast.decide(facts), await slow.decide(facts)];
      expect(a).toEqual(b);
      seen.add(a.rule);
    }
    expect(seen.size).toBe(7); // every default rule was exercised
  });

  it('evaluates a plan: verdicts in plan order, counts, and scores per unit', async () => {
    const p = plan([
      task(1, '2019-08-31', [
        { unit: '甲', role: 'lead' },
        { unit: '乙', role: 'co' },
      ]),
      task(2, '2019-12-31', [{ unit: '甲', role: 'lead' }]),
      task(3, '2019-12-31', [{ unit: '乙', role: 'lead' }]),
    ]);
    const progress = [
      report(1, '甲', '2019-08-01', { percent: 60 }),
      report(2, '甲', '2019-09-01', { percent: 45 }),
      report(3, '乙', '2019-03-05', { state: 'done', percent: 100 }),
    ];
    const ev = await createJudge(rules()).evaluate({ plan: p, progress, asOf: '2019-09-12' });
    expect(ev.verdicts.map((v) => [v.task, v.status])).toEqual([
      [1, 'overdue'],
      [2, 'at_risk'],
      [3, 'completed'],
    ]);
    expect(ev.verdicts[0]!.reason).toBe('完成时限为2019年8月31日，截至评价日完成进度60%，未完成');
    expect(ev.counts).toEqual({ completed: 1, on_track: 0, at_risk: 1, overdue: 1, not_due: 0 });
    expect(ev.scores.map((s) => s.unit)).toEqual(['乙', '甲']);
    expect(ev.taskFacts.get(2)!.progressRatio).toBe(45);
    expect(ev.unitFacts.get('甲')!.leadTasks).toBe(2);
  });

  it('judges a task unfinished on its deadline day overdue (the deadline day counts as due)', async () => {
    const p = plan([task(1, '2019-12-31', [{ unit: '甲', role: 'lead' }])]);
    const progress = [report(1, '甲', '2019-12-20', { percent: 95 })];
    const judge = createJudge(rules());
    expect((await judge.evaluate({ plan: p, progress, asOf: '2019-12-30' })).verdicts[0]!.status).toBe('on_track');
    expect((await judge.evaluate({ plan: p, progress, asOf: '2019-12-31' })).verdicts[0]!.status).toBe('overdue');
  });

  it('writes parameters into the rules: a changed tolerance moves the verdict and shows in the trace', async () => {
    const rs = rules();
    const facts = {
      ...DEFAULT_TASK_FACTS,
      progressRatio: 30,
      elapsedRatio: 49.6,
      scheduleGap: 19.6,
      scheduleLead: -19.6,
    };
    expect((await createJudge(rs).decide(facts)).status).toBe('at_risk');
    const loose: RuleSet = {
      ...rs,
      status: { ...rs.status, parameters: { ...rs.status.parameters, tolerance: { value: 20 } } },
    };
    const v = await createJudge(loose).decide(facts);
    expect(v.status).toBe('on_track');
    const trace = await createJudge(loose).trace(facts);
    expect(trace.find((h) => h.rule === '滞后序时进度')!.conditions[0]).toMatchObject({
      fact: 'scheduleGap',
      value: 20,
      factValue: 19.6,
      result: false,
    });
  });

  it('marks a task clearly ahead of schedule with the rule category "ahead"', async () => {
    const v = await createJudge(rules()).decide({
      ...DEFAULT_TASK_FACTS,
      progressRatio: 62,
      elapsedRatio: 49.6,
      scheduleGap: -12.4,
      scheduleLead: 12.4,
    });
    expect(v).toMatchObject({ status: 'on_track', rule: '进度较快', category: 'ahead' });
  });

  it('reads the default rules as committed (a sanity check of the JSON in rules/)', () => {
    const text = JSON.parse(readFileSync(join(RULES, 'status.json'), 'utf8')) as { rules: { priority: number }[] };
    expect(new Set(text.rules.map((r) => r.priority)).size).toBe(text.rules.length);
  });
});
