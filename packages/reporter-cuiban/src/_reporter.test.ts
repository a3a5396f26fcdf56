import { describe, expect, it } from 'vitest';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import cuiban, { buildCuibanModel, CuibanOptions, cuibanFileName } from './index.js';

const options = CuibanOptions.parse({ unit: '市发改委', from: '2019-06-01', to: '2019-06-30', periodLabel: '2019年6月', tasks: [1, 2], number: 3 });

describe('the 催办 reporter', () => {
  it('passes the reporter conformance kit', async () => {
    const r = await checkReporter(cuiban, { options });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('addresses the unit by its full name and lists exactly the given tasks with their verdicts', () => {
    const ctx = createFixtureContext<CuibanOptions>({ options });
    const model = buildCuibanModel(ctx, options);
    expect(model.recipients).toBe('示例市发展和改革委员会：');
    expect(model.title).toBe('关于催报2019年6月重点任务进展情况的通知');
    expect(model.rows.map((r) => r[1]!.lines[0])).toEqual(['第1项 完成固定资产投资增长10%以上', '第2项 上半年完成营商环境评估']);
    expect(model.rows.map((r) => r[2]!.lines[0])).toEqual(['牵头', '牵头']);
    expect(model.opening).toContain('以下2项重点任务未报送2019年6月进展情况');
    expect(model.numberText).toBe('（催办〔2019〕3号）');
  });

  it('renders through the PDF renderer with its own template and names the file after unit and month', async () => {
    const ctx = createFixtureContext<CuibanOptions>({ options });
    const out = (await cuiban(options).render!(ctx)) ?? [];
    expect(ctx.pdfDouble!.calls().map((c) => c.template)).toEqual(['cuiban/cuiban.hbs']);
    expect(out[0]!.path.endsWith(cuibanFileName(options))).toBe(true);
    expect(cuibanFileName(options)).toBe('催办通知-3号-市发改委-2019-06.pdf');
  });

  it('refuses a unit the plan does not know (DUBAN_CUIBAN_UNIT)', () => {
    const bad = CuibanOptions.parse({ ...options, unit: '无此单位' });
    expect(() => buildCuibanModel(createFixtureContext<CuibanOptions>({ options: bad }), bad)).toThrow(expect.objectContaining({ code: 'DUBAN_CUIBAN_UNIT' }));
  });
});
