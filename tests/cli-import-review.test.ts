// duban import on real files: --review, the corrections file, other file types and the errors for files it cannot read.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_UNITS, tempDir } from './_support/cli.js';
import { asDocx, asPdf } from './_support/notice-files.js';

const tmp = tempDir('duban-cli-import-review-');
const db = join(tmp.dir, 'ledger.db');
const notice = join(tmp.dir, 'xianan.txt');
const sha = (f: string) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'absent');
const noStack = (s: string) => expect(s).not.toMatch(/^\s{4}at /m);

beforeAll(() => copyFileSync(join(ROOT, 'tests/fixtures/notices/corpus/04-xianan-2023.txt'), notice));
afterAll(() => tmp.cleanup());

describe('duban import --review', () => {
  it('lists every task with units, roles, leaders, deadline and marks unknown units with their source line', async () => {
    const r = await runCli(['--db', db, 'import', notice, '--units', SEED_UNITS, '--review']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^12\. 启动南外环高速公路/m);
    expect(r.stdout).toMatch(/^ {4}牵头 {2}区交通运输局 \?$/m);
    expect(r.stdout).toMatch(/^ {4}领导 {2}洪声耀（责任领导）$/m);
    expect(r.stdout).toMatch(
      /^ {2}\? unit "区交通运输局" is not in the unit directory \[DUBAN_IMPORT_UNKNOWN_UNIT\]\n {6}line 33: 12\.启动南外环/m,
    );
    expect(r.stdout).toMatch(/12 task\(s\) marked \? need a look/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('the corrections file beside the notice', () => {
  const corrections = join(tmp.dir, 'xianan.corrections.yaml');

  it('is applied, counted in the summary, recorded in the plan and named in the audit entry', async () => {
    writeFileSync(
      corrections,
      [
        '# 督查室 2023-02-01',
        '12:',
        '  was: 启动南外环高速公路',
        '  lead: [区交通运输局]',
        '  co: [区发改局]',
        '  deadline: 2023-10-31',
        '9:',
        '  indicators: [{ metric: 粮食产量, value: 23.5, unit: 万吨 }]',
        '',
      ].join('\n'),
    );
    const r = await runCli(['--db', db, 'import', notice, '--units', SEED_UNITS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\s+corrections\s+2 applied from .*xianan\.corrections\.yaml$/m);
    const plan = (await runCliJson<{ plan: Plan }>([
      '--db',
      db,
      'import',
      notice,
      '--units',
      SEED_UNITS,
      '--dry-run',
      '--json',
    ])) as unknown as Plan;
    const t12 = plan.tasks.find((t) => t.number === 12)!;
    expect(t12.assignments.map((a) => `${a.unit}:${a.role}`)).toEqual(['区交通运输局:lead', '区发改局:co']);
    expect(t12.deadline).toEqual({ phrase: '2023-10-31', date: '2023-10-31' });
    expect(t12.corrected).toBe(true);
    expect(plan.tasks.find((t) => t.number === 9)!.indicators.map((i) => i.value)).toEqual([23.5]);
    expect(plan.corrections).toEqual([
      { task: 12, fields: ['units', 'deadline'], line: 2 },
      { task: 9, fields: ['indicators'], line: 7 },
    ]);
    const log = await runCliJson<{ action: string; target: string }[]>(['--db', db, 'audit', 'log', '--json']);
    expect(log.at(-1)!.target).toMatch(/xianan\.corrections\.yaml \(2 corrections\)/);
  });

  it('warns when an entry no longer matches the notice, and does not apply it', async () => {
    writeFileSync(corrections, '12:\n  was: 加快建设\n  lead: [区发改局]\n40:\n  title: 不存在\n');
    const r = await runCli(['--db', db, 'import', notice, '--units', SEED_UNITS, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /xianan\.corrections\.yaml:1: correction for task 12 was written for a task starting "加快建设".*not applied \[DUBAN_IMPORT_CORRECTION_UNMATCHED\]/,
    );
    expect(r.stdout).toMatch(
      /xianan\.corrections\.yaml:4: correction for task 40 matches no task .*\[DUBAN_IMPORT_CORRECTION_UNMATCHED\]/,
    );
  });

  it('a bad entry is refused with file:line and the ledger is unchanged', async () => {
    writeFileSync(corrections, '12:\n  lead: 区发改局\n  dedline: 6月底前\n');
    const before = sha(db);
    const r = await runCli(['--db', db, 'import', notice, '--units', SEED_UNITS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_CORRECTIONS: /m);
    expect(r.stderr).toMatch(/xianan\.corrections\.yaml:2 \$\.12\.lead: .*\[DUBAN_CORRECTIONS\]/);
    expect(r.stderr).toMatch(/xianan\.corrections\.yaml:3 \$\.12\.dedline: .*dedline.*\[DUBAN_CORRECTIONS\]/);
    noStack(r.stderr);
    expect(sha(db)).toBe(before);
  });
});

describe('other file types', () => {
  it('imports a .docx with a real table and a Chromium-printed .pdf', async () => {
    const docx = join(tmp.dir, 'lishan.docx');
    const pdf = join(tmp.dir, 'lishan.pdf');
    writeFileSync(docx, await asDocx());
    writeFileSync(pdf, await asPdf());
    for (const f of [docx, pdf]) {
      const plan = await runCliJson<Plan>(['import', f, '--dry-run', '--json', '--units', SEED_UNITS]);
      expect(
        plan.tasks.map((t) => t.number),
        f,
      ).toEqual([1, 2, 3, 4, 5, 6]);
      expect(plan.tasks[2]!.assignments[0], f).toMatchObject({ unit: '区发改局', role: 'lead' });
    }
  }, 120_000);

  const cases: Array<[string, Buffer, string, RegExp]> = [
    [
      'old.doc',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      'DUBAN_IMPORT_DOC',
      /save it as \.docx/,
    ],
    [
      'notice.wps',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      'DUBAN_IMPORT_DOC',
      /WPS document/,
    ],
    ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'DUBAN_IMPORT_IMAGE', /OCR/],
    [
      'scan.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      'DUBAN_IMPORT_IMAGE',
      /OCR/,
    ],
    [
      'table.xlsx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml....')]),
      'DUBAN_IMPORT_UNSUPPORTED',
      /Excel workbook/,
    ],
    ['broken.pdf', Buffer.from('%PDF-1.7\nthis is not a pdf\n'), 'DUBAN_IMPORT_BAD_PDF', /damaged/],
  ];
  for (const [name, bytes, code, says] of cases) {
    it(`${name} → ${code} with a hint, no stack, no ledger`, async () => {
      const f = join(tmp.dir, name);
      writeFileSync(f, bytes);
      const fresh = join(tmp.dir, `${name}.db`);
      const r = await runCli(['--db', fresh, 'import', f, '--units', SEED_UNITS]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${code}: `, 'm'));
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toMatch(/hint: /);
      noStack(r.stderr);
      expect(existsSync(fresh)).toBe(false);
    });
  }

  it('a PDF without a text layer (a scan) → DUBAN_IMPORT_SCANNED_PDF', async () => {
    // Chromium prints a page that holds only a drawn box: a PDF with pages and no text.
    const f = join(tmp.dir, 'scan.pdf');
    writeFileSync(
      f,
      await asPdf(
        '<!DOCTYPE html><html><body><div style="width:300px;height:300px;background:#000"></div></body></html>',
      ),
    );
    const r = await runCli(['import', f, '--units', SEED_UNITS, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_IMPORT_SCANNED_PDF: the PDF has 1 page\(s\) but no text layer/m);
    expect(r.stderr).toMatch(/hint: .*OCR/);
  }, 60_000);

  it('a notice without a year asks for --year, and --year is used', async () => {
    const f = join(tmp.dir, 'noyear.txt');
    writeFileSync(f, '1.甲项工作。（市发改委负责）\n');
    const r = await runCli(['import', f, '--units', SEED_UNITS, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_IMPORT_NO_YEAR: /m);
    expect(r.stderr).toMatch(/hint: give the plan year with --year YYYY/);
    const ok = await runCliJson<Plan>(['import', f, '--units', SEED_UNITS, '--dry-run', '--json', '--year', '2024']);
    expect(ok.year).toBe(2024);
  });
});
