// Bounded inputs and who may report (issue 13), against the real CLI on a real
// ledger: zip bombs, huge and odd files, over-long cells, non-finite numbers, a
// workbook re-labelled as another unit, CSV naming units without the office's
// word. Every refusal: a coded error, no stack trace, the ledger byte-identical.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from '@duban/store';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { expectUserError, fillAsClerk } from './_support/progress-files.js';
import { filler, workbookEntries, writeZip } from './_support/zip.js';

const tmp = tempDir('duban-sec-intake-');
afterAll(() => tmp.cleanup());
const HEAD = 'task,unit,date,percent,state,values,progress,problems,nextSteps,evidence';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Env {
  dir: string;
  db: string;
  duban: (...a: string[]) => Promise<CliResult>;
  /** Runs an import that must be refused with `code`, and checks the ledger did not change by a byte. */
  refused: (code: string, ...a: string[]) => Promise<string>;
  file: (name: string, text: string) => string;
}

async function setup(name: string, config: object = {}): Promise<Env> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'duban.config.json'),
    JSON.stringify({ rules: join(ROOT, 'packages/rules/defaults'), ...config }),
  );
  const db = join(dir, 'duban.db');
  const duban = (...a: string[]) => runCli(['--db', db, ...a], { cwd: dir, timeoutMs: 60_000 });
  const r = await duban('import', SEED_NOTICE, '--units', SEED_UNITS);
  expect(r.code, r.stderr).toBe(0);
  const file = (n: string, text: string) => {
    writeFileSync(join(dir, n), text);
    return join(dir, n);
  };
  const refused = async (code: string, ...a: string[]) => {
    const before = sha(db);
    const res = await duban(...a);
    expectUserError(res, code);
    expect(sha(db)).toBe(before);
    return res.stderr;
  };
  return { dir, db, duban, refused, file };
}

describe('bounded inputs', () => {
  let env: Env;
  beforeAll(async () => {
    // Low limits keep the bombs small; the defaults are exercised by bench/faults.bench.ts.
    env = await setup('limits', {
      limits: { maxUncompressedBytes: 32 * 1024 * 1024, maxRows: 1000, maxFileBytes: 8 * 1024 * 1024 },
    });
  });

  it('a zip bomb is refused from its directory, before anything is inflated', async () => {
    const bomb = join(env.dir, 'bomb.xlsx');
    await writeZip(
      bomb,
      workbookEntries(() => filler(64 * 1024 * 1024)),
    );
    expect(readFileSync(bomb).length).toBeLessThan(200_000);
    const err = await env.refused('DUBAN_PROGRESS_ZIP_', 'progress', 'import', '--office', bomb);
    expect(err).toMatch(/DUBAN_PROGRESS_ZIP_(RATIO|TOO_LARGE).*(zip bomb)/);
    expect(err).toContain('maxCompressionRatio');
  });

  it('a zip bomb whose directory lies about its size stops at the limit while it is read', async () => {
    const liar = join(env.dir, 'liar.xlsx');
    await writeZip(
      liar,
      workbookEntries(() => filler(64 * 1024 * 1024), 1000),
    );
    const err = await env.refused('DUBAN_PROGRESS_ZIP_TOO_LARGE', 'progress', 'import', '--office', liar);
    expect(err).toContain('inflates past 33554432 bytes');
  });

  it('an archive of too many entries is refused', async () => {
    const many = join(env.dir, 'many.xlsx');
    await writeZip(
      many,
      Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}.xml`, content: () => [Buffer.from('<a/>')] })),
    );
    await env.refused('DUBAN_PROGRESS_ZIP_ENTRIES', 'progress', 'import', '--office', many);
  });

  it('a workbook or CSV past the row limit is refused; so is a file past the size limit', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('进展');
    ws.addRow(['task', 'unit', 'date', 'percent']);
    for (let i = 0; i < 1001; i++) ws.addRow([1, '市发改委', '2019-03-31', 10]);
    const xlsx = join(env.dir, 'rows.xlsx');
    await wb.xlsx.writeFile(xlsx);
    await env.refused('DUBAN_PROGRESS_TOO_MANY_ROWS', 'progress', 'import', '--office', xlsx);
    const csv = env.file('rows.csv', HEAD + '\n' + '1,市发改委,2019-03-31,10,推进中,,,,,\n'.repeat(1001));
    await env.refused('DUBAN_PROGRESS_TOO_MANY_ROWS', 'progress', 'import', '--office', csv);
    const big = env.file('big.csv', HEAD + '\n' + 'x'.repeat(9 * 1024 * 1024));
    const err = await env.refused('DUBAN_PROGRESS_FILE_TOO_LARGE', 'progress', 'import', '--office', big);
    expect(err).toContain('"maxFileBytes"');
  });

  it('a cell longer than 32,767 characters is refused, naming the cell', async () => {
    const csv = env.file('long.csv', `${HEAD}\n1,市发改委,2019-03-31,10,推进中,,${'很'.repeat(40_000)},,,\n`);
    const err = await env.refused('DUBAN_PROGRESS_CELL_TOO_LONG', 'progress', 'import', '--office', csv);
    expect(err).toMatch(/long\.csv:row 2 column 7/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('进展').addRows([
      ['task', 'unit', 'date', 'progress'],
      [1, '市发改委', '2019-03-31', '长'.repeat(33_000)],
    ]);
    const xlsx = join(env.dir, 'long.xlsx');
    await wb.xlsx.writeFile(xlsx);
    await env.refused('DUBAN_PROGRESS_CELL_TOO_LONG', 'progress', 'import', '--office', xlsx);
  });

  it('/dev/zero, a FIFO and a directory are refused at once, never read', async () => {
    const fifo = join(env.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    for (const f of ['/dev/zero', fifo]) {
      const stderr = await env.refused('DUBAN_PROGRESS_NOT_A_FILE', 'progress', 'import', '--office', f);
      expect(stderr).toContain('not a regular file');
    }
    await env.refused('DUBAN_PROGRESS_NOT_A_FILE', 'progress', 'import', '--office', env.dir);
  });

  it('1e309 is not accepted as an indicator value (it would be stored as null)', async () => {
    const csv = env.file('inf.csv', `${HEAD}\n1,市发改委,2019-03-31,10,推进中,1=1e309,,,,\n`);
    const err = await env.refused('DUBAN_PROGRESS_NOT_A_NUMBER', 'progress', 'import', '--office', csv);
    expect(err).toContain('1e309');
  });
});

describe('a large valid UTF-8 CSV', () => {
  it("past V8's 512 MB string limit is read, not reported as GBK", async () => {
    const env = await setup('huge', { limits: { maxFileBytes: 1024 * 1024 * 1024 } });
    // One report, then 540 MiB of blank lines (skipped as blank), then one more report.
    const f = join(env.dir, 'huge.csv');
    const fd = openSync(f, 'w');
    writeSync(fd, `${HEAD}\n1,市发改委,2019-03-31,10,推进中,,开局,,,\n`);
    const blank = Buffer.alloc(8 << 20, '\n');
    for (let i = 0; i < 540 / 8; i++) writeSync(fd, blank);
    writeSync(fd, '1,市发改委,2019-04-30,20,推进中,,继续,,,\n');
    closeSync(fd);
    const r = await env.duban('progress', 'import', '--office', f, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, added: 2 });
  }, 180_000);
});

describe('who reports', () => {
  let env: Env;
  let key: string;
  beforeAll(async () => {
    const keys = tempDir('duban-sec-key-');
    key = join(keys.dir, 'office.key');
    expect((await runCli(['audit', 'keygen', key])).code).toBe(0);
    env = await setup('binding', { auditKey: key });
  });

  it("a CSV naming units is refused without the office's word; --from checks every row; --office is recorded", async () => {
    const csv = env.file(
      'mixed.csv',
      `${HEAD}\n1,市发改委,2019-03-31,10,推进中,,,,,\n4,市交通局,2019-03-31,15,推进中,,,,,\n`,
    );
    const unbound = await env.refused('DUBAN_PROGRESS_UNBOUND', 'progress', 'import', csv);
    expect(unbound).toContain('市交通局、市发改委');
    const notSender = await env.refused('DUBAN_PROGRESS_NOT_SENDER', 'progress', 'import', '--from', '发改委', csv);
    expect(notSender).toMatch(/mixed\.csv:row 3 .*names 市交通局, but the file was sent by 市发改委/);
    const ok = await env.duban('progress', 'import', '--office', csv);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('mixed.csv: 市交通局、市发改委 — --office');
    const last = (JSON.parse((await env.duban('audit', 'log', '--limit', '1', '--json')).stdout) as AuditEntry[])[0]!;
    expect(last.target).toContain('units: mixed.csv=市交通局,市发改委 (--office)');
  });

  it('a bound workbook needs no flag; the same workbook re-labelled as another unit is refused', async () => {
    const t = join(env.dir, 'fgw.xlsx');
    const made = await env.duban('progress', 'template', '--unit', '市发改委', '--out', t);
    expect(made.stdout).toContain('bound by the office key');
    await fillAsClerk(t, [{ task: 1, cells: { 完成百分比: 30, 状态: '推进中', 填报日期: '2019-04-30' } }]);
    // The clerk of 市发改委 unhides _duban and files as 市财政局 — the attack of issue 13.
    const forged = join(env.dir, 'forged.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t);
    const meta = wb.getWorksheet('_duban')!;
    meta.eachRow((row) => {
      if (row.getCell(1).value === 'unit') row.getCell(2).value = '市财政局';
    });
    await wb.xlsx.writeFile(forged);
    const err = await env.refused('DUBAN_PROGRESS_BINDING', 'progress', 'import', forged);
    expect(err).toContain('市财政局');

    const ok = await env.duban('progress', 'import', t);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('fgw.xlsx: 市发改委 — bound workbook');
    const last = (JSON.parse((await env.duban('audit', 'log', '--limit', '1', '--json')).stdout) as AuditEntry[])[0]!;
    expect(last.target).toContain('fgw.xlsx=市发改委 (bound workbook)');
  });

  it('without the office key a workbook is unbound: --from names the sender', async () => {
    const plain = await setup('nokey');
    const t = join(plain.dir, 'fgw.xlsx');
    expect((await plain.duban('progress', 'template', '--unit', '市发改委', '--out', t)).code).toBe(0);
    await fillAsClerk(t, [{ task: 1, cells: { 完成百分比: 30, 状态: '推进中', 填报日期: '2019-04-30' } }]);
    await plain.refused('DUBAN_PROGRESS_UNBOUND', 'progress', 'import', t);
    await plain.refused('DUBAN_PROGRESS_NOT_SENDER', 'progress', 'import', '--from', '市财政局', t);
    const ok = await plain.duban('progress', 'import', '--from', '市发改委', t);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('— --from 市发改委');
  });
});
