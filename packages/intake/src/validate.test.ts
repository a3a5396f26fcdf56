import { describe, expect, it } from 'vitest';
import { testDirectory, testPlan } from './_fixture.test-helper.js';
import type { ProgressRow } from './_row.js';
import { validateProgressRows } from './_validate.js';

const ctx = { plan: testPlan, directory: testDirectory, planVersion: 1, today: '2019-12-31' };
let n = 1;
const row = (f: Record<string, string | number | undefined>, extra: Partial<ProgressRow> = {}): ProgressRow => ({
  where: { file: 'f.csv', row: ++n },
  fields: { ...f },
  columns: Object.fromEntries(Object.keys(f).map((k) => [k, k])),
  ...extra,
});
const ok = { task: 1, unit: '市发改委', date: '2019-03-31', percent: '30', values: '1=100;2=20' };
const codes = (r: ReturnType<typeof validateProgressRows>) => r.errors.map((e) => e.code);

describe('validateProgressRows', () => {
  it('turns a good row into a report with canonical unit, ISO date and keyed values', () => {
    const r = validateProgressRows(
      [
        row({
          ...ok,
          unit: '安康市发展和改革委员会',
          date: '2019年3月31日',
          state: '推进中',
          evidence: 'a.pdf；b.pdf',
        }),
      ],
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual([
      expect.objectContaining({
        task: 1,
        unit: '市发改委',
        date: '2019-03-31',
        percent: 30,
        values: { '1': 100, '2': 20 },
        state: 'in_progress',
        evidence: ['a.pdf', 'b.pdf'],
      }),
    ]);
  });

  it('accepts an indicator named by its metric text and percent written as 45%', () => {
    const r = validateProgressRows([row({ ...ok, percent: '45%', values: '完成投资=300' })], ctx);
    expect(r.value?.[0]).toMatchObject({ percent: 45, values: { '1': 300 } });
  });

  it('lets members of an expanded group report, and an unexpanded group only under its own name', () => {
    const r = validateProgressRows(
      [
        row({ task: 2, unit: '高新区管委会', date: '2019-03-31', percent: 10 }),
        row({ task: 3, unit: '市政府有关工作部门', date: '2019-03-31', percent: 10 }),
      ],
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.value?.map((x) => x.unit)).toEqual(['安康高新区管委会', '市政府有关工作部门']);
    const bad = validateProgressRows(
      [
        row({ task: 2, unit: '各县区政府', date: '2019-03-31', percent: 10 }),
        row({ task: 3, unit: '市发改委', date: '2019-03-31', percent: 10 }),
      ],
      ctx,
    );
    expect(codes(bad)).toEqual(['DUBAN_PROGRESS_UNIT_NOT_ASSIGNED', 'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED']);
  });

  it('reports every bad row with its own code and location, and returns no value', () => {
    const rows = [
      row({ ...ok, task: 99 }),
      row({ ...ok, unit: '市财政局', values: '', percent: '30' }),
      row({ ...ok, unit: '市教育局' }),
      row({ ...ok, task: 2, unit: '市发改委', values: '' }),
      row({ ...ok, values: '9=1' }),
      row({ ...ok, values: '1=很多' }),
      row({ ...ok, date: '2018-12-31' }),
      row({ ...ok, date: '2019-12-31' }, { where: { file: 'f.csv', row: 50 } }),
      row({ ...ok, percent: '101' }),
      row({ ...ok, state: '差不多' }),
      row({ ...ok, percent: 'abc' }),
    ];
    const r = validateProgressRows(rows, { ...ctx, today: '2019-06-30' });
    expect(r.value).toBeUndefined();
    expect(codes(r)).toEqual([
      'DUBAN_PROGRESS_UNKNOWN_TASK',
      'DUBAN_PROGRESS_UNKNOWN_UNIT',
      'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED',
      'DUBAN_PROGRESS_UNKNOWN_INDICATOR',
      'DUBAN_PROGRESS_NOT_A_NUMBER',
      'DUBAN_PROGRESS_DATE_OUT_OF_RANGE',
      'DUBAN_PROGRESS_DATE_OUT_OF_RANGE',
      'DUBAN_PROGRESS_PERCENT_RANGE',
      'DUBAN_PROGRESS_BAD_STATE',
      'DUBAN_PROGRESS_NOT_A_NUMBER',
    ]);
    expect(r.errors[0]!.where).toEqual({ file: 'f.csv', row: rows[0]!.where.row, column: 'task' });
    expect(r.errors[6]!.message).toMatch(/future/);
  });

  it('rejects formulas, a wrong plan version and two different rows for one (task, unit, date)', () => {
    const f = row(ok);
    f.formulas = ['percent'];
    const v = row({ ...ok, planVersion: 2 });
    const d1 = row({ ...ok, date: '2019-04-30' });
    const d2 = row({ ...ok, date: '2019-04-30', percent: '31' });
    const same = row({ ...ok, date: '2019-04-30' });
    const r = validateProgressRows([f, v, d1, d2, same], ctx);
    expect(codes(r)).toEqual(['DUBAN_PROGRESS_FORMULA', 'DUBAN_PROGRESS_PLAN_VERSION', 'DUBAN_PROGRESS_DUPLICATE_ROW']);
  });

  it('defaults the state from the percent and rejects a row that reports nothing', () => {
    expect(validateProgressRows([row({ ...ok, percent: '100', values: '' })], ctx).value?.[0]?.state).toBe('done');
    expect(codes(validateProgressRows([row({ task: 1, unit: '市发改委', date: '2019-03-31' })], ctx))).toEqual([
      'DUBAN_PROGRESS_EMPTY_REPORT',
    ]);
  });
});
