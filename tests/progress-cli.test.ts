// End to end: the real CLI on a real ledger. Template → a clerk fills it → import
// → history; idempotent re-import; a changed row supersedes; `progress add`.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressReport } from '@duban/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUserError, fillAsClerk, ledgerState, seededLedger, storedPlan } from './_support/progress-files.js';

let env: Awaited<ReturnType<typeof seededLedger>>;
beforeAll(async () => {
  env = await seededLedger();
});
afterAll(() => env?.cleanup());

type Entry = ProgressReport & { supersededBy?: number };
const history = async (...filter: string[]) => {
  const r = await env.duban('progress', '--history', '--json', ...filter);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Entry[];
};

describe('duban progress (intake workbook round trip)', () => {
  it('writes a template listing exactly the unit’s tasks, with role, targets, protection and validation', async () => {
    const file = join(env.dir, 'fgw.xlsx');
    const r = await env.duban('progress', 'template', '--unit', '安康市发展和改革委员会', '--out', file);
    expect(r.code, r.stderr).toBe(0);
    const plan = storedPlan(env.db).plan;
    const expected = plan.tasks.filter((t) => t.assignments.some((a) => a.unit === '市发改委')).map((t) => t.number);
    expect(expected.length).toBeGreaterThan(5);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['进展填报', 'visible'],
      ['填报说明', 'visible'],
      ['_duban', 'veryHidden'],
    ]);
    const ws = wb.getWorksheet('进展填报')!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    for (const h of [
      '序号',
      '任务编号',
      '重点任务',
      '本单位角色',
      '指标',
      '目标值',
      '上次填报值',
      '本期实际值',
      '完成百分比',
      '状态',
      '进展情况',
      '存在问题',
      '下一步措施',
      '填报日期',
    ])
      expect(headers).toContain(h);
    const col = (h: string) => headers.indexOf(h) + 1;
    const listed = new Set<number>();
    for (let r = 4; r <= ws.rowCount; r++) listed.add(Number(ws.getRow(r).getCell(col('任务编号')).value));
    expect([...listed].sort((a, b) => a - b)).toEqual(expected);
    // Task 1 is led by 市发改委 and has two indicators, so two rows with their targets.
    const task1 = [4, 5].map((r) => ws.getRow(r));
    expect(task1[0]!.getCell(col('本单位角色')).value).toBe('牵头');
    expect(task1.map((row) => String(row.getCell(col('目标值')).value))).toEqual(
      plan.tasks[0]!.indicators.map((i) => `≥${i.value}`),
    );
    // Protected sheet: context cells locked, input cells unlocked and validated.
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(task1[0]!.getCell(col('重点任务')).protection?.locked).not.toBe(false);
    const state = task1[0]!.getCell(col('状态'));
    expect(state.protection?.locked).toBe(false);
    expect(state.dataValidation).toMatchObject({ type: 'list', formulae: ['"推进中,已完成,受阻"'] });
    expect(task1[0]!.getCell(col('完成百分比')).dataValidation).toMatchObject({ type: 'decimal', operator: 'between' });
    expect(task1[0]!.getCell(col('填报日期')).dataValidation).toMatchObject({ type: 'date' });
    expect(task1[0]!.getCell(col('本期实际值')).dataValidation).toMatchObject({ type: 'decimal' });
    const meta = wb.getWorksheet('_duban')!;
    expect(meta.getCell('B2').value).toBe(1);
    expect(meta.getCell('B3').value).toBe('市发改委');
  });

  it('imports what a clerk typed, shows it, and a second import of the same file adds nothing', async () => {
    const file = join(env.dir, 'fgw.xlsx');
    await fillAsClerk(file, [
      {
        task: 1,
        values: { '1': 60, '2': 150 },
        cells: {
          完成百分比: 30,
          状态: '推进中',
          进展情况: '已开工市级重点项目60个',
          存在问题: '资金到位慢',
          下一步措施: '加快拨付',
          填报日期: new Date(Date.UTC(2019, 3, 30)),
        },
      },
      { task: 11, cells: { 完成百分比: 100, 状态: '已完成', 进展情况: '已完成', 填报日期: '2019-04-30' } },
    ]);
    const r = await env.duban('progress', 'import', '--from', '市发改委', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 added, 0 superseded/);
    const h = await history('--unit', '市发改委');
    expect(h.map((e) => [e.task, e.unit, e.date, e.percent, e.state])).toEqual([
      [1, '市发改委', '2019-04-30', 30, 'in_progress'],
      [11, '市发改委', '2019-04-30', 100, 'done'],
    ]);
    expect(h[0]!.values).toEqual({ '1': 60, '2': 150 });
    expect(h[0]!.problems).toBe('资金到位慢');

    const again = await env.duban('progress', 'import', '--from', '市发改委', file, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, superseded: 0, unchanged: 2 });
  });

  it('a changed row supersedes the earlier entry; history keeps both, the latest view shows the new one', async () => {
    const file = join(env.dir, 'fgw.xlsx');
    const changed = join(env.dir, 'fgw-corrected.xlsx');
    copyFileSync(file, changed);
    await fillAsClerk(changed, [{ task: 1, values: { '2': 160 }, cells: { 完成百分比: 32 } }]);
    const r = await env.duban('progress', 'import', '--from', '市发改委', changed, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 0, superseded: 1, unchanged: 1 });
    const h = (await history('--task', '1')).filter((e) => e.unit === '市发改委');
    expect(h).toHaveLength(2);
    expect(h[0]!.supersededBy).toBe(h[1]!.id);
    expect(h[1]).toMatchObject({ supersedes: h[0]!.id, percent: 32, values: { '1': 60, '2': 160 } });
    const latest = await env.duban('progress', '--task', '1', '--json');
    expect((JSON.parse(latest.stdout) as Entry[]).map((e) => e.percent)).toEqual([32]);
    const table = await env.duban('progress', '--task', '1');
    expect(table.stdout).toMatch(/市发改委\s+牵头\s+2019-04-30\s+32\s+推进中/);
  });

  it('progress add records one report with the same validation, by indicator key or metric text', async () => {
    const plan = storedPlan(env.db).plan;
    const ind = plan.tasks[0]!.indicators[1]!;
    const ok = await env.duban(
      'progress',
      'add',
      '1',
      '--unit',
      '发改委',
      '--date',
      '2019-05-31',
      '--percent',
      '45',
      '--value',
      '1=90',
      `${ind.metric}=230`,
      '--state',
      '推进中',
      '--note',
      '稳步推进',
      '--problems',
      '无',
      '--next',
      '继续',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const h = await history('--task', '1', '--unit', '市发改委');
    expect(h.at(-1)).toMatchObject({
      date: '2019-05-31',
      percent: 45,
      values: { '1': 90, [ind.key]: 230 },
      progress: '稳步推进',
      nextSteps: '继续',
      source: expect.stringContaining('command line'),
    });
    const before = ledgerState(env.db);
    const other = plan.units.find((u) => !plan.tasks[0]!.assignments.some((a) => a.unit === u))!;
    const bad = await env.duban('progress', 'add', '1', '--unit', other, '--date', '2019-05-31', '--percent', '45');
    expectUserError(bad, 'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED');
    expect(ledgerState(env.db)).toEqual(before);
  });

  it('template --all writes one workbook per reporting unit, named by unit', async () => {
    const out = join(env.dir, 'all');
    const r = await env.duban('progress', 'template', '--all', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const plan = storedPlan(env.db).plan;
    const units = new Set(plan.tasks.flatMap((t) => t.assignments.map((a) => a.unit)));
    expect(r.stdout).toContain(`wrote ${units.size} workbook(s)`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '恒口示范区（试验区）管委会.xlsx'));
    expect(wb.getWorksheet('_duban')!.getCell('B3').value).toBe('恒口示范区<试验区>管委会');
    // Last reported values come from the ledger: 市发改委 reported indicator 1 = 90 on task 1.
    const fgw = new ExcelJS.Workbook();
    await fgw.xlsx.readFile(join(out, '市发改委.xlsx'));
    expect(fgw.getWorksheet('进展填报')!.getRow(4).getCell(11).value).toBe(90);
  });

  it('refuses a template for a unit with no tasks, and any command on a missing ledger', async () => {
    expectUserError(
      await env.duban('progress', 'template', '--unit', '不存在的单位', '--out', join(env.dir, 'x.xlsx')),
      'DUBAN_PROGRESS_UNKNOWN_UNIT',
    );
    expectUserError(
      await env.duban('progress', 'template', '--out', join(env.dir, 'x.xlsx')),
      'DUBAN_PROGRESS_TEMPLATE_ARGS',
    );
    const missing = await env.duban('--db', join(env.dir, 'nope.db'), 'progress');
    expectUserError(missing, 'DUBAN_STORE_MISSING');
  });
});
