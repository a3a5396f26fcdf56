import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeTaskFacts, reportsByTask } from './_facts.js';
import { indexReports } from './_grouped.js';
import { createJudge } from './_judge.js';
import { loadRuleSet } from './_load.js';
import { plan, report, task } from './_plan.test-helper.js';

const lead = (unit: string) => ({ unit, role: 'lead' as const });

describe('indexReports', () => {
  it('groups like reportsByTask: dated on/before asOf, oldest first, ledger order breaking ties, duplicate task numbers sharing', () => {
    const tasks = [
      task(3, '2019-12-31', [lead('甲')]),
      task(1, '2019-12-31', [lead('乙')]),
      task(3, '2019-12-31', [lead('丙')]),
      task(2, '2019-12-31', [lead('丁')]),
    ];
    const reports = [
      report(3, '甲', '2019-05-01', { percent: 1 }),
      report(1, '乙', '2019-04-01'),
      report(3, '甲', '2019-04-01', { percent: 2 }),
      report(3, '丙', '2019-04-01', { percent: 3 }),
      report(9, '戊', '2019-04-01'),
      report(1, '乙', '2019-09-01'),
      report(3, '甲', '2019-03-01'),
    ];
    const byTask = reportsByTask(reports, '2019-06-30');
    const index = indexReports(tasks, reports, '2019-06-30');
    tasks.forEach((t, ti) => {
      const want = byTask.get(t.number) ?? [];
      expect(index.count(ti)).toBe(want.length);
      want.forEach((r, k) => expect(index.at(ti, k)).toBe(r));
    });
    expect(computeTaskFacts(plan(tasks), reports, '2019-06-30', index)).toEqual(
      computeTaskFacts(plan(tasks), reports, '2019-06-30', byTask),
    );
  });
});

describe('evaluate', () => {
  it('shares one frozen explanation between tasks whose used facts agree', async () => {
    const judge = createJudge(loadRuleSet(fileURLToPath(new URL('../defaults', import.meta.url))).value!);
    const p = plan([
      task(1, '2019-12-31', [lead('甲')]),
      task(2, '2019-12-31', [lead('乙')]),
      task(3, '2019-08-31', [lead('丙')]),
    ]);
    const reports = [
      report(1, '甲', '2019-06-01', { percent: 40 }),
      report(2, '乙', '2019-06-01', { percent: 40 }),
      report(3, '丙', '2019-06-01', { percent: 40 }),
    ];
    const [a, b, c] = (await judge.evaluate({ plan: p, progress: reports, asOf: '2019-06-30' })).verdicts;
    expect(a!.conditions).toBe(b!.conditions);
    expect(a!.facts).toBe(b!.facts);
    expect(a!.conditions).not.toBe(c!.conditions);
    expect(Object.isFrozen(a!.facts) && Object.isFrozen(a!.conditions[0])).toBe(true);
    // The same verdict, explanation included, as deciding the task on its own.
    expect(a).toEqual({ task: 1, ...(await judge.decide(computeTaskFacts(p, reports, '2019-06-30').get(1) as never)) });
  });
});
