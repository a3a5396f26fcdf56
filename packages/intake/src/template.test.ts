import type { DubanError, ProgressReport } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from './_fill.js';
import { testDirectory, testPlan } from './_fixture.test-helper.js';
import { DEFAULT_LIMITS } from './_limits.js';
import { buildTemplate } from './_template.js';
import { validateProgressRows } from './_validate.js';
import { readWorkbookBytes } from './_xlsx.js';

const read = async (bytes: Uint8Array, file: string) =>
  (await readWorkbookBytes(Buffer.from(bytes), file, DEFAULT_LIMITS)).rows;

const report: ProgressReport = {
  task: 1,
  unit: '市发改委',
  date: '2019-04-30',
  percent: 40,
  values: { '1': 200, '2': 80 },
  state: 'blocked',
  progress: '进展',
  problems: '问题',
  nextSteps: '措施',
  evidence: ['a.pdf', 'b.pdf'],
};

describe('intake workbook round trip', () => {
  it('reads back exactly what was typed into the template', async () => {
    const t = await buildTemplate({ plan: testPlan, planVersion: 3, unit: '市发改委' });
    const filled = await fillTemplate(t, [report]);
    const rows = await read(filled, 'w.xlsx');
    expect(rows).toHaveLength(1); // task 1 only: the unit has no other task, blank tasks are skipped
    expect(rows[0]!.where).toEqual({ file: 'w.xlsx', sheet: '进展填报', row: 4 });
    const checked = validateProgressRows(rows, {
      plan: testPlan,
      directory: testDirectory,
      planVersion: 3,
      today: '2019-12-31',
    });
    expect(checked.errors).toEqual([]);
    expect(checked.value).toEqual([{ ...report, source: 'w.xlsx#进展填报!row 4' }]);
    // The same workbook against another plan version is refused, naming the metadata cell.
    const other = validateProgressRows(rows, {
      plan: testPlan,
      directory: testDirectory,
      planVersion: 4,
      today: '2019-12-31',
    });
    expect(other.errors.map((e) => [e.code, e.where?.column])).toEqual([
      ['DUBAN_PROGRESS_PLAN_VERSION', '_duban!planVersion'],
    ]);
  });

  it('lists only the unit’s tasks, and an unexpanded group gets its own workbook', async () => {
    const group = await buildTemplate({
      plan: testPlan,
      planVersion: 1,
      unit: '市政府有关工作部门',
      previous: [{ ...report, task: 3, unit: '市政府有关工作部门', values: {} }],
    });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(group as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('进展填报')!;
    expect(ws.getCell('B4').value).toBe(3);
    expect(ws.getCell('F4').value).toBe('2019-04-30 40% 受阻'); // 上次填报情况 from the previous report
    expect(ws.getCell('B5').value ?? null).toBeNull();
  });

  it('refuses bytes that are not a workbook', async () => {
    await expect(read(new TextEncoder().encode('task,unit\n'), 'x.xlsx')).rejects.toSatisfy(
      (e: unknown) => (e as DubanError).code === 'DUBAN_PROGRESS_NOT_XLSX',
    );
  });

  it('reads a plain sheet with the CSV columns (an office’s own export) like a CSV', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导出');
    ws.addRow(['任务编号', '填报单位', '填报日期', '完成百分比', '指标实际值']);
    ws.addRow([1, '发改委', new Date(Date.UTC(2019, 4, 31)), 50, '1=250']);
    ws.addRow([]);
    ws.addRow([1, '市财政局', '2019-05-31', { formula: 'D2*1', result: 50 }, '']);
    const rows = await read(Buffer.from(await wb.xlsx.writeBuffer()), 't.xlsx');
    expect(rows.map((r) => r.where.row)).toEqual([2, 4]);
    const checked = validateProgressRows(rows, {
      plan: testPlan,
      directory: testDirectory,
      planVersion: 1,
      today: '2019-12-31',
    });
    expect(checked.errors.map((e) => [e.code, e.where?.row, e.where?.column])).toEqual([
      ['DUBAN_PROGRESS_FORMULA', 4, 'D（完成百分比）'],
    ]);
    const first = validateProgressRows(rows.slice(0, 1), {
      plan: testPlan,
      directory: testDirectory,
      planVersion: 1,
      today: '2019-12-31',
    });
    expect(first.value).toEqual([
      expect.objectContaining({ task: 1, unit: '市发改委', date: '2019-05-31', percent: 50, values: { '1': 250 } }),
    ]);
  });
});
