import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import cuiban, { buildCuibanModel, CuibanOptions, cuibanFileName } from './index.js';

const options = CuibanOptions.parse({
  unit: '市发改委',
  from: '2019-06-01',
  to: '2019-06-30',
  periodLabel: '2019年6月',
  tasks: [1, 2],
  number: 3,
});

describe('the 催办 reporter', () => {
  it('passes the reporter conformance kit', async () => {
    const r = await checkReporter(cuiban, { options });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('addresses the unit by its full name and lists exactly the given tasks as the judged view has them', async () => {
    const ctx = await createFixtureContext<CuibanOptions>({ options, asOf: '2019-06-30' });
    const model = buildCuibanModel(ctx, options);
    expect(model.recipients).toBe('示例市发展和改革委员会：');
    expect(model.title).toBe('关于催报2019年6月重点任务进展情况的通知');
    expect(model.rows.map((r) => r[1]!.lines[0])).toEqual([
      '第1项 完成固定资产投资增长10%以上',
      '第2项 上半年完成营商环境评估',
    ]);
    expect(model.rows.map((r) => r[2]!.lines[0])).toEqual(['牵头', '牵头']);
    // Deadline, the unit's own last report and the verdict come from the judged view, as the bulletin prints them.
    expect(model.rows.map((r) => r[3]!.lines[0])).toEqual(['年底前', '上半年']);
    expect(model.rows.map((r) => r[4]!.lines[0])).toEqual(['2019年5月31日', '2019年6月20日']);
    expect(model.rows.map((r) => r[5]!.lines[0])).toEqual(
      [1, 2].map((n) => ctx.tasks.find((t) => t.task === n)!.verdict.label),
    );
    expect(model.rows[1]![5]!.lines[0]).toBe('已完成');
    expect(model.opening).toContain('以下2项重点任务未报送2019年6月进展情况');
    expect(model.numberText).toBe('（催办〔2019〕3号）');
  });

  it('says 从未报送 for a task the unit never reported on', async () => {
    const o = CuibanOptions.parse({ ...options, unit: '市教育局', tasks: [5] });
    const model = buildCuibanModel(await createFixtureContext<CuibanOptions>({ options: o }), o);
    expect(model.rows.map((r) => r[4]!.lines[0])).toEqual(['从未报送']);
  });

  it('renders through the PDF renderer with its own template and names the file after unit and month', async () => {
    const ctx = await createFixtureContext<CuibanOptions>({ options });
    const out = (await cuiban(options).render!(ctx)) ?? [];
    expect(ctx.pdfDouble!.calls().map((c) => c.template)).toEqual(['cuiban/cuiban.hbs']);
    expect(out[0]!.path.endsWith(cuibanFileName(options))).toBe(true);
    expect(cuibanFileName(options)).toBe('催办通知-3号-市发改委-2019-06.pdf');
  });

  it('refuses a unit the plan does not know (DUBAN_CUIBAN_UNIT)', async () => {
    const bad = CuibanOptions.parse({ ...options, unit: '无此单位' });
    const ctx = await createFixtureContext<CuibanOptions>({ options: bad });
    expect(() => buildCuibanModel(ctx, bad)).toThrow(expect.objectContaining({ code: 'DUBAN_CUIBAN_UNIT' }));
  });
});
