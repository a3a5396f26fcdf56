// Every bad input of issue 3 against the real CLI: a clear error with a stable
// code, no stack trace, a non-zero exit, and the ledger exactly as before.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_NOTICE, SEED_UNITS } from './_support/cli.js';
import { expectUserError, fillAsClerk, ledgerState, seededLedger, storedPlan } from './_support/progress-files.js';

let env: Awaited<ReturnType<typeof seededLedger>>;
let before: ReturnType<typeof ledgerState>;
let good: string; // a valid CSV line for task 1 by its lead unit
beforeAll(async () => {
  env = await seededLedger();
  // One good import first, so "unchanged" is checked against a ledger that has progress.
  const f = join(env.dir, 'good.csv');
  good = '1,市发改委,2019-03-31,20,推进中,1=40,开局良好,,,';
  writeFileSync(f, `task,unit,date,percent,state,values,progress,problems,nextSteps,evidence\n${good}\n`);
  const r = await env.duban('progress', 'import', '--office', f);
  expect(r.code, r.stderr).toBe(0);
  before = ledgerState(env.db);
  expect(before.progress).toBe(1);
});
afterAll(() => env?.cleanup());

const HEAD = 'task,unit,date,percent,state,values,progress,problems,nextSteps,evidence';
const csv = (name: string, body: string) => {
  const f = join(env.dir, name);
  writeFileSync(f, body);
  return f;
};
async function rejects(files: string[], code: string): Promise<string> {
  const r = await env.duban('progress', 'import', '--office', ...files);
  expectUserError(r, code);
  expect(ledgerState(env.db)).toEqual(before);
  return r.stderr;
}

describe('duban progress import rejects bad files and changes nothing', () => {
  it('a text file named .xlsx', async () => {
    await rejects([csv('fake.xlsx', `${HEAD}\n${good}\n`)], 'DUBAN_PROGRESS_NOT_XLSX');
  });

  it('a CSV saved in GBK, and says to save it as UTF-8', async () => {
    const f = join(env.dir, 'gbk.csv');
    writeFileSync(f, iconv.encode(`任务编号,填报单位,填报日期,完成百分比\n2,市机场办,2019-03-31,10\n`, 'gbk'));
    expect(await rejects([f], 'DUBAN_PROGRESS_ENCODING')).toMatch(/UTF-8/);
  });

  it('a CSV with an extra and a missing column, naming both', async () => {
    const err = await rejects([csv('cols.csv', 'task,unit,percent,备注\n1,市发改委,20,x\n')], 'DUBAN_PROGRESS_COLUMNS');
    expect(err).toContain('unknown column “备注”');
    expect(err).toContain('missing column date (填报日期)');
  });

  it('a workbook whose columns were changed, naming them', async () => {
    const f = join(env.dir, 'cols.xlsx');
    expect((await env.duban('progress', 'template', '--unit', '市发改委', '--out', f)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.getWorksheet('进展填报')!;
    ws.getRow(3).getCell(16).value = '备注'; // 存在问题 renamed
    ws.getRow(3).getCell(21).value = '联系人'; // an added column
    await wb.xlsx.writeFile(f);
    const err = await rejects([f], 'DUBAN_PROGRESS_COLUMNS');
    expect(err).toContain('unexpected column “备注”');
    expect(err).toContain('unexpected column “联系人”');
    expect(err).toContain('missing column “存在问题”');
  });

  it('a formula typed into an input cell', async () => {
    const f = join(env.dir, 'formula.xlsx');
    expect((await env.duban('progress', 'template', '--unit', '市发改委', '--out', f)).code).toBe(0);
    await fillAsClerk(f, [{ task: 1, cells: { 完成百分比: { formula: 'B4*10' }, 填报日期: '2019-04-30' } }]);
    const err = await rejects([f], 'DUBAN_PROGRESS_FORMULA');
    expect(err).toMatch(/进展填报!row 4 column M（完成百分比）/);
  });

  const kinds: [string, string, string][] = [
    ['unknown task', '999,市发改委,2019-03-31,20,,,,,,', 'DUBAN_PROGRESS_UNKNOWN_TASK'],
    ['unit not assigned to the task', '1,市机场办,2019-03-31,20,,,,,,', 'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED'],
    ['indicator not on the task', '1,市发改委,2019-03-31,20,,9=5,,,,', 'DUBAN_PROGRESS_UNKNOWN_INDICATOR'],
    ['non-numeric value', '1,市发改委,2019-03-31,20,,1=很多,,,,', 'DUBAN_PROGRESS_NOT_A_NUMBER'],
    ['date outside the plan year', '1,市发改委,2018-12-31,20,,,,,,', 'DUBAN_PROGRESS_DATE_OUT_OF_RANGE'],
    ['percent above 100', '1,市发改委,2019-03-31,120,,,,,,', 'DUBAN_PROGRESS_PERCENT_RANGE'],
    ['unknown state', '1,市发改委,2019-03-31,20,差不多,,,,,', 'DUBAN_PROGRESS_BAD_STATE'],
    ['formula in a CSV cell', '1,市发改委,2019-03-31,=10+10,,,,,,', 'DUBAN_PROGRESS_FORMULA'],
  ];
  it.each(kinds)('a row with %s', async (_kind, line, code) => {
    const err = await rejects([csv('kind.csv', `${HEAD}\n${good.replace('03-31', '04-30')}\n${line}\n`)], code);
    expect(err).toContain(`kind.csv:row 3 column`);
    expect(err).toContain('nothing was imported');
  });

  it('a file with many bad rows lists every one, and a good file beside it is not imported either', async () => {
    const bad = csv('many.csv', `${HEAD}\n${kinds.map((k) => k[1]).join('\n')}\n`);
    const fine = csv('fine.csv', `${HEAD}\n${good.replace('03-31', '05-31')}\n`);
    const err = await rejects([fine, bad], 'DUBAN_PROGRESS_INVALID_ROWS');
    kinds.forEach(([, , code], i) => expect(err).toMatch(new RegExp(`many\\.csv:row ${i + 2} column .*\\[${code}\\]`)));
    expect(err).toContain(`${kinds.length} bad row(s)`);
  });

  it('a workbook made for another plan version', async () => {
    const f = join(env.dir, 'v1.xlsx');
    expect((await env.duban('progress', 'template', '--unit', '市发改委', '--out', f)).code).toBe(0);
    await fillAsClerk(f, [{ task: 1, cells: { 完成百分比: 25, 填报日期: '2019-04-30' } }]);
    // A corrected notice makes plan version 2; the version-1 workbook no longer fits.
    const corrected = join(env.dir, 'corrected.txt');
    writeFileSync(corrected, readFileSync(SEED_NOTICE, 'utf8').replace('完成年度投资490亿元', '完成年度投资500亿元'));
    const imp = await env.duban('import', corrected, '--units', SEED_UNITS);
    expect(imp.code, imp.stderr).toBe(0);
    expect(storedPlan(env.db).version).toBe(2);
    before = ledgerState(env.db);
    const err = await rejects([f], 'DUBAN_PROGRESS_PLAN_VERSION');
    expect(err).toContain('plan version 1');
  });
});
