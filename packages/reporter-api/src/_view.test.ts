import { describe, expect, it } from 'vitest';
import { fixtureDirectory, fixturePlan, fixtureProgress, fixtureVerdicts } from './testing/_fixture-data.js';
import { buildTaskProgress, buildUnits, countStatuses, reportingUnit } from './_view.js';

describe('view builders', () => {
  it('keeps the latest non-superseded report per unit, the lead\'s as latest', () => {
    const progress = buildTaskProgress(fixturePlan, fixtureProgress);
    expect(progress.map((p) => p.task)).toEqual([1, 2, 3, 4, 5, 6]);
    const t1 = progress[0]!;
    expect(t1.reports.map((r) => r.unit).sort()).toEqual(['市发改委', '市财政局']);
    expect(t1.latest?.unit).toBe('市发改委');
    // Entry 7 supersedes entry 6: only the correction is visible.
    expect(progress[5]!.reports.map((r) => r.id)).toEqual([7]);
    expect(progress[4]!.latest).toBeNull();
  });
  it('picks the convener when there is no lead', () => {
    expect(reportingUnit(fixturePlan.tasks[3]!)).toBe('市住建局');
  });
  it('lists units with kind, group flag and tasks', () => {
    const units = buildUnits(fixturePlan, fixtureDirectory);
    const group = units.find((u) => u.name === '各县区政府');
    expect(group).toMatchObject({ isGroup: true, kind: 'group' });
    expect(group?.tasks).toEqual([{ task: 3, role: 'co' }, { task: 6, role: 'co' }]);
    expect(units.find((u) => u.name === '市发改委')).toMatchObject({ fullName: '示例市发展和改革委员会', kind: 'city_department' });
  });
  it('counts every status', () => {
    expect(countStatuses(fixtureVerdicts)).toEqual({ completed: 1, on_track: 2, at_risk: 1, overdue: 1, not_due: 1 });
  });
});
