import { createFixtureContext, fixturePlan } from '@duban/reporter-api/testing';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, columnLetter, TASK_COLUMNS } from './_workbook.js';

async function roundTrip(
  ctx?: Awaited<ReturnType<typeof createFixtureContext>>,
): Promise<{ wb: ExcelJS.Workbook; buffer: ArrayBuffer }> {
  const buffer = (await buildWorkbook(ctx ?? (await createFixtureContext())).xlsx.writeBuffer()) as ArrayBuffer;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  return { wb, buffer };
}

const col = (key: string) =>
  columnLetter(
    TASK_COLUMNS.filter((c) => !c.optional || key === c.key || c.key === 'byUnit').findIndex((c) => c.key === key) + 1,
  );

describe('ledger workbook', () => {
  it('has 全部, one sheet per section, 指标 and 统计, each titled and dated 截至', async () => {
    const { wb } = await roundTrip();
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '全部',
      '一、强化关键支撑，推动经济高质量发展',
      '二、坚持城乡融合，加快基础设施建设',
      '三、增进民生福祉，办好民生实事',
      '指标',
      '统计',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe('2019年《政府工作报告》重点任务落实情况台账');
      expect(String(ws.getCell('A2').value)).toMatch(/^截至2019年6月30日/u);
      expect(String(ws.getCell('A2').value)).toContain('序时进度按自2019年1月1日起');
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:3' });
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
  });

  it('stores numbers, dates and percentages as typed cells, the header on row 3', async () => {
    const ws = (await roundTrip()).wb.getWorksheet('全部')!;
    expect(ws.getCell('A3').value).toBe('序号');
    expect(ws.getCell('A4').value).toBe(1);
    const deadline = ws.getCell(`${col('deadline')}4`);
    expect((deadline.value as Date).toISOString().slice(0, 10)).toBe('2019-12-31');
    expect(deadline.numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(`${col('progress')}4`).value).toBe(0.5);
    expect(ws.getCell(`${col('progress')}8`).value).toBeNull(); // task 5: nobody reported
    expect(ws.getCell(`${col('elapsed')}4`).value).toBe(0.496);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('counts by verdict in 统计 with formulas that compare cells (exact, no wildcards) and right cached results', async () => {
    const ws = (await roundTrip()).wb.getWorksheet('统计')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '部分',
      '任务数',
      '已完成',
      '正常推进',
      '进度滞后',
      '逾期未完成',
      '未到期',
      '完成率',
    ]);
    const total = ws.getRow(7);
    expect(total.getCell(1).value).toBe('合计');
    const cell = (r: ExcelJS.Row, c: number) => r.getCell(c).value as ExcelJS.CellFormulaValue;
    expect(cell(total, 2).result).toBe(6);
    expect([cell(total, 3).result, cell(total, 4).result, cell(total, 5).result, cell(total, 6).result]).toEqual([
      1, 2, 2, 1,
    ]);
    const section = ws.getRow(4);
    expect(cell(section, 2).formula).toBe(`SUMPRODUCT(--('全部'!$B$4:$B$9=$A4))`);
    expect(cell(section, 3).formula).toContain('=C$3');
    expect(cell(section, 3).formula).not.toMatch(/"/u);
  });

  it('keeps section titles and task text that look like formulas or wildcards as text', async () => {
    const base = await createFixtureContext();
    const plan = {
      ...fixturePlan,
      sections: fixturePlan.sections.map((s, i) => (i === 0 ? { ...s, title: '=1+1 "引号" *通配? 部分' } : s)),
      tasks: fixturePlan.tasks.map((t) => (t.number === 2 ? { ...t, text: '=HYPERLINK("http://x","点")' } : t)),
    };
    const ctx = await createFixtureContext({ plan, directory: base.directory });
    const { wb, buffer } = await roundTrip(ctx);
    const ws = wb.getWorksheet('全部')!;
    expect(ws.getCell('C5').value).toBe('=HYPERLINK("http://x","点")');
    expect(ws.getCell('C5').type).toBe(ExcelJS.ValueType.String);
    // No cell of the task sheets is a formula: the XML holds the text as a string, never an <f>.
    const zip = await JSZip.loadAsync(buffer);
    const sheet1 = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet1).not.toContain('<f>');
    const stats = wb.getWorksheet('统计')!;
    expect(stats.getCell('A4').value).toBe('一、=1+1 "引号" *通配? 部分');
    expect((stats.getCell('B4').value as ExcelJS.CellFormulaValue).result).toBe(2);
  });
});
