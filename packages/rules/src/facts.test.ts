import { describe, expect, it } from 'vitest';
import { computeTaskFacts, indicatorRatio } from './_facts.js';
import { plan, report, task } from './_plan.test-helper.js';
import { computeUnitFacts } from './_unit-facts.js';

const lead = (unit: string) => ({ unit, role: 'lead' as const });

describe('computeTaskFacts', () => {
  // 2019-02-28 → 2019-08-31 is 185 days counting both; 2019-05-31 is day 93: 50.3%.
  const p = plan([task(1, '2019-08-31', [lead('甲')])]);

  it('counts 序时进度 from 1 January by default: 30 June of a year-end task is 时间过半 (181/365)', () => {
    const year = plan([task(1, '2019-12-31', [lead('甲')])]);
    const f = computeTaskFacts(year, [], '2019-06-30').get(1)!;
    expect(f.scheduleStart).toBe('2019-01-01');
    expect(f.elapsedRatio).toBe(49.6);
    expect(computeTaskFacts(year, [], '2019-01-01').get(1)!.elapsedRatio).toBe(0.3);
    expect(computeTaskFacts(year, [], '2019-12-31').get(1)!.elapsedRatio).toBe(100);
  });

  it('counts 序时进度 from the notice date on the notice basis', () => {
    const f = computeTaskFacts(p, [], '2019-05-31', undefined, { scheduleBasis: 'notice' }).get(1)!;
    expect(f.start).toBe('2019-02-28');
    expect(f.scheduleStart).toBe('2019-02-28');
    expect(f.elapsedRatio).toBe(50.3);
    expect(f.daysSinceStart).toBe(92);
    expect(f.daysToDeadline).toBe(92);
    expect(f.daysOverdue).toBe(0);
  });

  it('starts on 1 January when the plan has no date, and caps 序时进度 at 100 once past the deadline', () => {
    const f = computeTaskFacts({ ...p, date: null }, [], '2019-09-12').get(1)!;
    expect(f.start).toBe('2019-01-01');
    expect(f.elapsedRatio).toBe(100);
    expect(f.daysOverdue).toBe(12);
    expect(f.daysToDeadline).toBe(-12);
    expect(f.deadlineText).toBe('2019年8月31日');
  });

  it('takes progress from the latest report with a percent, ignoring later narrative-only and future reports', () => {
    const reports = [
      report(1, '甲', '2019-04-01', { percent: 30 }),
      report(1, '甲', '2019-05-01', { percent: 45 }),
      report(1, '甲', '2019-05-20'),
      report(1, '甲', '2019-07-01', { percent: 90 }),
    ];
    const f = computeTaskFacts(p, reports, '2019-05-31', undefined, { scheduleBasis: 'notice' }).get(1)!;
    expect(f.progressRatio).toBe(45);
    expect(f.progressDate).toBe('2019-05-01');
    expect(f.progressUnit).toBe('甲');
    expect(f.scheduleGap).toBe(5.3);
    expect(f.scheduleLead).toBe(-5.3);
    expect(f.reportCount).toBe(3);
    expect(f.lastReportDate).toBe('2019-05-20');
    expect(f.lastReportAgeDays).toBe(11);
    expect(f.state).toBe('in_progress');
    expect(f.completed).toBe(false);
  });

  it('falls back to indicator actual/target, honouring ≥ and ≤', () => {
    const t = task(1, '2019-12-31', [lead('甲')], {
      indicators: [
        { key: '1', text: '公路200公里', metric: '公路', value: 200, unit: '公里', comparator: 'ge' },
        { key: '2', text: '事故10起以下', metric: '事故', value: 10, unit: '起', comparator: 'le' },
      ],
    });
    const at = (values: Record<string, number>) =>
      computeTaskFacts(plan([t]), [report(1, '甲', '2019-05-01', { values })], '2019-05-31').get(1)!.progressRatio;
    expect(at({ '1': 50 })).toBe(25);
    expect(at({ '1': 50, '2': 8 })).toBe(62.5); // (25 + 100) / 2
    expect(at({ '2': 20 })).toBe(50);
    expect(indicatorRatio({ value: 100, comparator: 'ge' }, 150)).toBe(100);
  });

  it('marks done or 100% as completed, and never-reported tasks as silent since the start', () => {
    const done = computeTaskFacts(p, [report(1, '甲', '2019-04-01', { state: 'done', percent: 90 })], '2019-05-31').get(
      1,
    )!;
    expect(done.completed).toBe(true);
    const full = computeTaskFacts(p, [report(1, '甲', '2019-04-01', { percent: 100 })], '2019-05-31').get(1)!;
    expect(full.completed).toBe(true);
    const almost = computeTaskFacts(p, [report(1, '甲', '2019-04-01', { percent: 99.9 })], '2019-05-31').get(1)!;
    expect(almost.completed).toBe(false);
    const none = computeTaskFacts(p, [], '2019-05-31').get(1)!;
    expect(none.state).toBe('none');
    expect(none.progressRatio).toBe(0);
    expect(none.lastReportAgeDays).toBe(92);
  });
});

describe('the figure of a task shared by several units', () => {
  const shared = task(1, '2019-12-31', [
    { unit: '甲', role: 'responsible', convener: true },
    { unit: '乙', role: 'responsible' },
    { unit: '丙', role: 'responsible' },
  ]);
  const led = task(2, '2019-12-31', [lead('甲'), { unit: '乙', role: 'co' }]);
  const reports = [
    report(1, '甲', '2019-05-05', { percent: 13 }),
    report(1, '乙', '2019-06-30', { percent: 23 }),
    report(1, '丙', '2019-06-20', { percent: 60 }),
    report(2, '乙', '2019-06-28', { percent: 70 }),
  ];
  const facts = (basis: 'reporting-unit' | 'latest' | 'minimum') =>
    computeTaskFacts(plan([shared, led]), reports, '2019-06-30', undefined, { progressBasis: basis });

  it("is the reporting unit's latest report by default, with its unit and date", () => {
    const f = facts('reporting-unit').get(1)!;
    expect([f.progressRatio, f.progressUnit, f.progressDate, f.progressSource]).toEqual([
      13,
      '甲',
      '2019-05-05',
      'reporting',
    ]);
  });

  it("falls back to another unit's report, marked as such, when the reporting unit has not reported", () => {
    const f = facts('reporting-unit').get(2)!;
    expect([f.progressRatio, f.progressUnit, f.progressSource]).toEqual([70, '乙', 'other']);
  });

  it('is the newest report of any unit on the latest basis, and the lowest accountable one on the minimum basis', () => {
    expect([facts('latest').get(1)!.progressRatio, facts('latest').get(1)!.progressUnit]).toEqual([23, '乙']);
    const m = facts('minimum').get(1)!;
    expect([m.progressRatio, m.progressUnit, m.progressSource]).toEqual([13, '甲', 'minimum']);
  });

  it('is complete on the minimum basis only when every accountable unit reported it complete', () => {
    const done = (unit: string, date: string) => report(1, unit, date, { state: 'done', percent: 100 });
    const two = computeTaskFacts(
      plan([shared]),
      [done('甲', '2019-04-01'), done('乙', '2019-05-01')],
      '2019-06-30',
      undefined,
      { progressBasis: 'minimum' },
    ).get(1)!;
    expect(two.completed).toBe(false);
    const all = computeTaskFacts(
      plan([shared]),
      [done('甲', '2019-04-01'), done('乙', '2019-05-01'), done('丙', '2019-03-01')],
      '2019-06-30',
      undefined,
      { progressBasis: 'minimum' },
    ).get(1)!;
    expect(all.completed).toBe(true);
  });

  it('dates a completion from the first report of the unbroken run of complete reports', () => {
    const r = [
      report(1, '甲', '2019-03-01', { percent: 100 }),
      report(1, '甲', '2019-04-01', { percent: 80 }),
      report(1, '甲', '2019-05-10', { state: 'done' }),
      report(1, '甲', '2019-06-30', { percent: 100 }),
    ];
    const f = computeTaskFacts(plan([shared]), r, '2019-06-30').get(1)!;
    expect([f.completed, f.completedOn, f.daysEarly]).toEqual([true, '2019-05-10', 235]);
  });
});

describe('computeUnitFacts', () => {
  const p = plan([
    task(1, '2019-12-31', [lead('甲'), { unit: '乙', role: 'co' }, { unit: '有关部门', role: 'co', isGroup: true }]),
    task(2, '2019-12-31', [
      { unit: '乙', role: 'responsible', convener: true },
      { unit: '丙', role: 'responsible' },
    ]),
  ]);
  const verdicts = new Map([
    [1, 'overdue' as const],
    [2, 'on_track' as const],
  ]);

  it('counts tasks by role and verdict, and skips groups nobody defines', () => {
    const u = computeUnitFacts(p, [], '2019-06-30', verdicts);
    expect([...u.keys()].sort()).toEqual(['丙', '乙', '甲']);
    expect(u.get('乙')).toMatchObject({
      taskCount: 2,
      coTasks: 1,
      responsibleTasks: 1,
      overdueTasks: 1,
      onTrackTasks: 1,
    });
  });

  it('counts missing reports only where the unit must report (lead, convener)', () => {
    const u = computeUnitFacts(p, [report(1, '甲', '2019-03-01')], '2019-06-30', verdicts);
    expect(u.get('甲')!.missingReports).toBe(0);
    expect(u.get('乙')!.missingReports).toBe(1); // convener of task 2; co on task 1 owes nothing
    expect(u.get('丙')!.missingReports).toBe(0);
  });

  it('is late for the 推进方案 milestone without a report dated on/before it', () => {
    const reports = [report(1, '甲', '2019-03-08'), report(2, '乙', '2019-03-09')];
    const u = computeUnitFacts(p, reports, '2019-06-30', verdicts);
    expect(u.get('甲')!.lateReports).toBe(0);
    expect(u.get('乙')!.lateReports).toBe(1);
    expect(u.get('乙')!.lateMilestones).toEqual(['推进方案']);
    // Before the milestone is due nobody is late.
    expect(computeUnitFacts(p, [], '2019-03-08', verdicts).get('丙')!.lateReports).toBe(0);
  });

  it('with filings, judges the milestone from the 推进方案 filed, not from progress reports', () => {
    const key = p.milestones[0]!.key;
    const reports = [report(1, '甲', '2019-03-01'), report(2, '乙', '2019-03-01')];
    const filings = [
      { unit: '甲', milestone: key, date: '2019-03-08' }, // on the deadline day: on time
      { unit: '乙', milestone: key, date: '2019-03-20' }, // after it: late, although 乙 reported progress in time
      { unit: '丙', milestone: key, date: '2019-07-01' }, // after as-of: not yet filed
    ];
    const u = computeUnitFacts(p, reports, '2019-06-30', verdicts, undefined, undefined, filings);
    expect(u.get('甲')!.lateMilestones).toEqual([]);
    expect(u.get('乙')!.lateMilestones).toEqual(['推进方案']);
    expect(u.get('丙')!.lateMilestones).toEqual(['推进方案']);
    // An empty filing list means nobody filed: progress reports no longer count.
    expect(computeUnitFacts(p, reports, '2019-06-30', verdicts, undefined, undefined, []).get('甲')!.lateReports).toBe(
      1,
    );
  });
});
