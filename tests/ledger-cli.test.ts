// `duban report ledger` end to end: the real built CLI on a real ledger holding the
// seed notice (91 tasks) and the SAMPLE progress. The workbook is read back with
// exceljs and, where LibreOffice is installed, converted to CSV by it; expected
// values come from `duban tasks --json` and `duban evaluate --json`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Status, statusLabels, type Task } from '@duban/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const SAMPLE = join(ROOT, 'seeds/sample-progress');
const AS_OF = '2019-06-30';
const FILLS: Record<Status, string> = {
  completed: 'FFC6EFCE',
  on_track: 'FFE2EFDA',
  at_risk: 'FFFFEB9C',
  overdue: 'FFFFC7CE',
  not_due: 'FFF2F2F2',
};
let tmp: ReturnType<typeof tempDir>;
let db: string;
let file: string;
let tasks: Task[];
let verdicts: {
  task: number;
  status: Status;
  reason: string;
  figure: { percent: number; date: string | null; unitName: string | null };
  elapsed: number;
  noLead: boolean;
  lead: string[];
}[];
// The table starts under the title and the 截至 line: its header is row 3.
const HEAD = 3;
let wb: ExcelJS.Workbook;
const cli = (args: string[]) => runCli(['--db', db, ...args], { timeoutMs: 300_000 });
const soffice = ['soffice', 'libreoffice'].find(
  (bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0,
);

/** RFC 4180 CSV: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

beforeAll(async () => {
  tmp = tempDir('duban-ledger-cli-');
  db = join(tmp.dir, 'ledger.db');
  file = join(tmp.dir, 'out', '台账.xlsx');
  expect((await cli(['import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
  const files = readdirSync(SAMPLE)
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .map((f) => join(SAMPLE, f));
  expect((await cli(['progress', 'import', '--office', ...files])).code).toBe(0);
  tasks = await runCliJson<Task[]>(['--db', db, 'tasks', '--json']);
  verdicts = await runCliJson(['--db', db, 'evaluate', '--as-of', AS_OF, '--json']);
  const r = await cli(['report', 'ledger', '--as-of', AS_OF, '--out', file]);
  expect(r.code, r.stderr).toBe(0);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
}, 300_000);
afterAll(() => tmp?.cleanup());

describe('duban report ledger on the seed', () => {
  it('has 全部, one sheet per section, 指标 and 统计, with one row per task', () => {
    expect(tasks).toHaveLength(91);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('全部');
    expect(names.slice(-2)).toEqual(['指标', '统计']);
    expect(names).toHaveLength(1 + 6 + 2);
    expect(wb.getWorksheet('全部')!.actualRowCount).toBe(91 + HEAD);
    const perSection = names.slice(1, 7).map((n) => wb.getWorksheet(n)!.actualRowCount - HEAD);
    expect(perSection.reduce((a, b) => a + b, 0)).toBe(91);
    for (let s = 1; s <= 6; s++) expect(perSection[s - 1]).toBe(tasks.filter((t) => t.section === s).length);
  });

  it("holds each task's number, text, deadline date, figure and verdict as typed cells, the same as `duban evaluate --json`", () => {
    const ws = wb.getWorksheet('全部')!;
    expect(ws.getCell('A1').value).toBe('2019年《政府工作报告》重点任务落实情况台账');
    expect(String(ws.getCell('A2').value)).toMatch(/^截至2019年6月30日　共91项/u);
    const header = (ws.getRow(HEAD).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const [i, t] of tasks.entries()) {
      const row = ws.getRow(i + HEAD + 1);
      const v = verdicts.find((x) => x.task === t.number)!;
      expect(row.getCell(col('序号')).value).toBe(t.number);
      expect(row.getCell(col('重点任务')).value).toBe(t.text);
      const deadline = row.getCell(col('截止日期')).value;
      expect(deadline).toBeInstanceOf(Date);
      expect((deadline as Date).toISOString().slice(0, 10)).toBe(t.deadline.date);
      const verdict = row.getCell(col('评价'));
      expect(verdict.value).toBe(statusLabels[v.status]);
      expect((verdict.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILLS[v.status]);
      expect(row.getCell(col('评价依据')).value).toBe(v.reason);
      // A task the notice gives no lead has an empty 牵头单位.
      expect(row.getCell(col('牵头单位')).value ?? '').toBe(v.noLead ? '' : v.lead.join('、'));
      const progress = row.getCell(col('完成进度')).value as number | null;
      expect(progress === null ? null : Math.round(progress * 1000) / 10).toBe(
        v.figure.date === null ? null : v.figure.percent,
      );
      expect(row.getCell(col('报送单位')).value ?? '').toBe(v.figure.unitName ?? '');
      expect(Math.round((row.getCell(col('序时进度')).value as number) * 1000) / 10).toBe(v.elapsed);
    }
  });

  it('freezes the header, filters every column, wraps long text and prints landscape with page numbers', () => {
    for (const ws of wb.worksheets.slice(0, 7)) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEAD });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(40);
      expect(ws.getCell(`C${HEAD + 1}`).alignment?.wrapText).toBe(true);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
  });

  it('keeps indicator targets and actuals as numbers', () => {
    const ws = wb.getWorksheet('指标')!;
    const count = tasks.reduce((n, t) => n + t.indicators.length, 0);
    expect(ws.actualRowCount).toBe(count + HEAD);
    const first = tasks.find((t) => t.indicators.length)!;
    expect(ws.getCell(`A${HEAD + 1}`).value).toBe(first.number);
    expect(ws.getCell(`D${HEAD + 1}`).value).toBe(first.indicators[0]!.value);
    let actuals = 0;
    ws.eachRow((row, n) => {
      if (n <= HEAD) return;
      expect(typeof row.getCell(4).value).toBe('number');
      const actual = row.getCell(6).value;
      if (actual !== null) expect(typeof actual).toBe('number'), actuals++;
    });
    expect(actuals).toBeGreaterThan(0);
  });

  it('counts verdicts in 统计 as duban evaluate does', () => {
    const ws = wb.getWorksheet('统计')!;
    const total = ws.getRow(HEAD + 7);
    expect(total.getCell(1).value).toBe('合计');
    const statuses: Status[] = ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'];
    statuses.forEach((s, i) => {
      const cell = total.getCell(3 + i).value as ExcelJS.CellFormulaValue;
      expect(cell.formula).toMatch(/^SUMPRODUCT\(/);
      // exceljs reads a cached <v>0</v> back as no result; LibreOffice's CSV below checks the zeros.
      expect(cell.result ?? 0, s).toBe(verdicts.filter((v) => v.status === s).length);
    });
  });

  it.runIf(soffice !== undefined)(
    'opens in LibreOffice: every sheet converts to CSV with the same rows and counts',
    () => {
      const out = join(tmp.dir, 'csv');
      // Filter token 12 = -1: one CSV per sheet (台账-<sheet>.csv).
      execFileSync(
        soffice!,
        [
          '--headless',
          `-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
          '--outdir',
          out,
          file,
        ],
        { stdio: 'pipe', timeout: 240_000 },
      );
      const all = parseCsv(readFileSync(join(out, '台账-全部.csv'), 'utf8'));
      expect(all).toHaveLength(91 + HEAD);
      const header = all[HEAD - 1]!;
      expect(all.slice(HEAD).map((r) => Number(r[0]))).toEqual(tasks.map((t) => t.number));
      expect(all.slice(HEAD).map((r) => r[header.indexOf('截止日期')])).toEqual(tasks.map((t) => t.deadline.date));
      const stats = parseCsv(readFileSync(join(out, '台账-统计.csv'), 'utf8'));
      const totalRow = stats.find((r) => r[0] === '合计')!;
      expect(Number(totalRow[1])).toBe(91);
      const statuses: Status[] = ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'];
      expect(totalRow.slice(2, 7).map(Number)).toEqual(
        statuses.map((s) => verdicts.filter((v) => v.status === s).length),
      );
    },
    300_000,
  );
});
