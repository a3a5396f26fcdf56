import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixture } from './_fixture.test-data.js';
import { buildWorkbook } from './_workbook.js';

async function roundTrip(): Promise<ExcelJS.Workbook> {
  const buffer = await buildWorkbook(fixture).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}

describe('ledger workbook', () => {
  it('has 全部, one sheet per section, 指标 and 统计', async () => {
    const wb = await roundTrip();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['全部', '一、强化关键支撑', '二、打好三大攻坚战', '指标', '统计']);
    expect(wb.getWorksheet('一、强化关键支撑')!.rowCount).toBe(3);
  });

  it('stores numbers, dates and percentages as typed cells', async () => {
    const ws = (await roundTrip()).getWorksheet('全部')!;
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('H2').value).toBeInstanceOf(Date);
    expect((ws.getCell('H2').value as Date).toISOString().slice(0, 10)).toBe('2019-12-31');
    expect(ws.getCell('H2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('I2').value).toBe(0.45);
    expect(ws.getCell('I2').numFmt).toBe('0%');
    expect(ws.getCell('I4').value).toBeNull();
  });

  it('colours verdicts, freezes the header and filters every column', async () => {
    const ws = (await roundTrip()).getWorksheet('全部')!;
    const fill = (ref: string) => (ws.getCell(ref).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect([ws.getCell('M2').value, fill('M2')]).toEqual(['进度滞后', 'FFFFEB9C']);
    expect([ws.getCell('M3').value, fill('M3')]).toEqual(['已完成', 'FFC6EFCE']);
    expect([ws.getCell('M4').value, fill('M4')]).toEqual(['逾期未完成', 'FFFFC7CE']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(3).width).toBe(56);
    // Long text gets a row tall enough to show it (Excel does not re-fit rows on open).
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(2 * 14);
    expect(ws.getCell('C2').alignment?.wrapText).toBe(true);
  });

  it('counts by verdict in 统计 with formulas whose cached results are right', async () => {
    const ws = (await roundTrip()).getWorksheet('统计')!;
    expect(ws.getRow(1).values).toEqual([undefined, '部分', '任务数', '已完成', '正常推进', '进度滞后', '逾期未完成', '未到期', '完成率']);
    const total = ws.getRow(4);
    expect(total.getCell(1).value).toBe('合计');
    const cell = (c: number) => total.getCell(c).value as ExcelJS.CellFormulaValue;
    expect(cell(2).result).toBe(3);
    expect(cell(3).formula).toContain('COUNTIFS');
    expect([cell(3).result, cell(5).result, cell(6).result]).toEqual([1, 1, 1]);
  });
});
