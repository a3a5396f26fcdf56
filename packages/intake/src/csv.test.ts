import type { DubanError } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { readCsv } from './_csv.js';

const enc = (text: string) => new TextEncoder().encode(text);
/** Reads text as a file would arrive, in small chunks so multi-byte characters and lines straddle them. */
const readCsvText = (text: string, file: string) => readCsv(chunked(enc(text), 7), file);
function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const catchAsync = async (p: Promise<unknown>): Promise<DubanError> => {
  try {
    await p;
  } catch (e) {
    return e as DubanError;
  }
  throw new Error('expected an error');
};

import { toProgressCsv } from './_csvWrite.js';

describe('CSV intake', async () => {
  it('round-trips what the writer writes, with Chinese headers, BOM and quoted commas', async () => {
    const csv = toProgressCsv([
      {
        task: 1,
        unit: '市发改委',
        date: '2019-03-31',
        percent: 30,
        values: { '1': 100 },
        state: 'done',
        progress: '完成,验收',
        problems: '',
        nextSteps: '',
        evidence: ['a'],
      },
    ]);
    const rows = await readCsvText(csv, 'x.csv');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.where).toEqual({ file: 'x.csv', row: 2 });
    expect(rows[0]!.fields.progress).toBe('完成,验收');
    expect(rows[0]!.fields.state).toBe('已完成');
    expect(rows[0]!.columns.values).toBe('指标实际值');
  });
  it('refuses GBK bytes with DUBAN_PROGRESS_ENCODING', async () => {
    const gbk = Uint8Array.from([0xc8, 0xce, 0xce, 0xf1, 0xb1, 0xe0, 0xba, 0xc5]); // 任务编号 in GBK
    expect((await catchAsync(readCsv([gbk], 'g.csv'))).code).toBe('DUBAN_PROGRESS_ENCODING');
  });
  it('names extra and missing columns', async () => {
    const e = await catchAsync(readCsvText('task,unit,备注\n1,市发改委,x\n', 'c.csv'));
    expect(e.code).toBe('DUBAN_PROGRESS_COLUMNS');
    expect(e.problems.map((p) => p.message).join('\n')).toMatch(/unknown column “备注”[\s\S]*missing column date/);
  });
  it('marks a leading = in a data column as a formula but not in narrative text', async () => {
    const rows = await readCsvText('task,unit,date,percent,progress\n1,市发改委,2019-03-31,=SUM(A1),=好\n', 'f.csv');
    expect(rows[0]!.formulas).toEqual(['percent']);
  });
});

describe('CSV without quotes (fast path)', async () => {
  it('reads the same rows as the quoted path, CRLF and blank lines included', async () => {
    const plain = 'task,unit,date,percent\r\n1,市发改委,2019-03-31,20\r\n\r\n2,市机场办,2019-04-30,\r\n';
    const quoted = 'task,unit,date,percent\r\n"1",市发改委,2019-03-31,20\r\n\r\n2,"市机场办",2019-04-30,""\r\n';
    const a = await readCsvText(plain, 'a.csv');
    const b = await readCsvText(quoted, 'a.csv');
    expect(a).toEqual(b);
    expect(a.map((r) => [r.where.row, r.fields.unit, r.fields.percent])).toEqual([
      [2, '市发改委', '20'],
      [4, '市机场办', ''],
    ]);
  });

  it('numbers rows by the line they start on, past blank lines and line breaks inside quotes', async () => {
    const rows = await readCsvText(
      'task,unit,date,progress\n\n1,市发改委,2019-03-31,"第一行\n第二行"\n2,市机场办,2019-04-30,x\n',
      'q.csv',
    );
    expect(rows.map((r) => r.where.row)).toEqual([3, 5]);
    expect(rows[0]!.fields.progress).toBe('第一行\n第二行');
  });
});
