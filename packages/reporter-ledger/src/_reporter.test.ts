import { checkReporter, createFixtureContext, fixturePlan } from '@duban/reporter-api/testing';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import ledger, { LedgerOptions } from './index.js';

describe('the ledger reporter', () => {
  it('passes the reporter conformance kit', async () => {
    const r = await checkReporter(ledger);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('writes 台账.xlsx under the output directory with a row per task', async () => {
    const options = LedgerOptions.parse({});
    const ctx = await createFixtureContext<LedgerOptions>({ options });
    const [out] = (await ledger(options).render!(ctx)) ?? [];
    expect(out!.path).toBe(`${ctx.output.dir}/台账.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out!.path);
    expect(wb.getWorksheet('全部')!.actualRowCount).toBe(fixturePlan.tasks.length + 3);
  });

  it('rejects a file name that is not .xlsx', () => {
    expect(LedgerOptions.safeParse({ fileName: '台账.csv' }).success).toBe(false);
    expect(LedgerOptions.parse({ sections: 'false' }).sections).toBe(false);
  });
});
