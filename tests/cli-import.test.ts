import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Plan, Task } from '@duban/core';
import { openLedger } from '@duban/store';
import Database from 'better-sqlite3';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const BAD = join(ROOT, 'tests/fixtures/bad-input');
const tmp = tempDir('duban-cli-import-');
const db = join(tmp.dir, 'ledger.db');
const withDb = (...args: string[]) => ['--db', db, ...args];
const sha = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent';
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s{4}at /m);

beforeAll(async () => {
  const r = await runCli(withDb('import', SEED_NOTICE, '--units', SEED_UNITS, '--actor', '督查室'));
  if (r.code !== 0) throw new Error(`seed import failed:\n${r.stderr}`);
});
afterAll(() => tmp.cleanup());

describe('duban import: the seed notice', () => {
  it('stored plan v1 with the seed figures (6 sections, 91 tasks) and no stack noise', async () => {
    const log = await runCliJson<{ action: string; actor: string; target: string }[]>(withDb('audit', 'log', '--json'));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'plan.import', actor: '督查室' });
    // Re-running prints the same figures; the summary is what a clerk reads.
    const again = await runCli(withDb('import', SEED_NOTICE, '--units', SEED_UNITS));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^\s+sections\s+6$/m);
    expect(again.stdout).toMatch(/^\s+tasks\s+91$/m);
    expect(again.stdout).toMatch(/^\s+units\s+\d+$/m);
    expect(again.stdout).toMatch(/^\s+groups\s+\d+$/m);
    expect(again.stdout).toMatch(/^\s+indicators\s+\d+/m);
    expect(again.stdout).toMatch(/^\s+deadlines\s+\d+/m);
  });

  it('re-importing the identical notice reports "unchanged" and leaves the ledger byte-for-byte as it was', async () => {
    const before = sha(db);
    const r = await runCli(withDb('import', SEED_NOTICE, '--units', SEED_UNITS));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plan v1 unchanged/);
    expect(sha(db)).toBe(before);
    expect(await runCliJson<unknown[]>(withDb('audit', 'log', '--json'))).toHaveLength(1);
  });

  it('--dry-run --json prints the Plan with 91 tasks and creates no ledger', async () => {
    const dry = join(tmp.dir, 'dry');
    mkdirSync(dry);
    const r = await runCli(['import', SEED_NOTICE, '--units', SEED_UNITS, '--dry-run', '--json'], { cwd: dry });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.tasks).toHaveLength(91);
    expect(plan.sections).toHaveLength(6);
    expect(plan.docNumber).toBe('安政发〔2019〕6号');
    expect(existsSync(join(dry, 'duban.db'))).toBe(false);
  });

  it('a corrected notice becomes plan v2; v1 stays readable', async () => {
    const corrected = join(tmp.dir, 'corrected.txt');
    const text = readFileSync(SEED_NOTICE, 'utf8');
    expect(text).toContain('5662公里');
    writeFileSync(corrected, text.replace('5662公里', '5700公里'));
    const v2db = join(tmp.dir, 'v2.db');
    copyFileSync(db, v2db);
    const r = await runCli(['--db', v2db, 'import', corrected, '--units', SEED_UNITS, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 2, created: true });
    const task4 = await runCliJson<Task>(['--db', v2db, 'task', '4', '--json']);
    expect(task4.indicators.map((i) => i.value)).toContain(5700);
    // Through the CLI: `plans` lists both, `--plan 1` reads the old text.
    const versions = await runCliJson<{ version: number; current: boolean; tasks: number }[]>([
      '--db',
      v2db,
      'plans',
      '--json',
    ]);
    expect(versions.map((v) => [v.version, v.current, v.tasks])).toEqual([
      [1, false, 91],
      [2, true, 91],
    ]);
    const oldTask4 = await runCliJson<Task>(['--db', v2db, 'task', '4', '--plan', '1', '--json']);
    expect(oldTask4.indicators.map((i) => i.value)).toContain(5662);
    const none = await runCli(['--db', v2db, 'tasks', '--plan', '3']);
    expect(none.stderr).toMatch(/^DUBAN_PLAN_UNKNOWN/m);
    const ledger = openLedger(v2db, { readonly: true });
    try {
      expect(ledger.planVersions().map((v) => [v.version, v.current])).toEqual([
        [1, false],
        [2, true],
      ]);
      const old = ledger.planVersion(1)!.plan.tasks.find((t) => t.number === 4)!;
      expect(old.indicators.map((i) => i.value)).toContain(5662);
      expect(old.indicators.map((i) => i.value)).not.toContain(5700);
    } finally {
      ledger.close();
    }
  });
});

describe('duban tasks / task / units', () => {
  it("tasks --json returns the Plan's 91 Task objects; --section filters by section", async () => {
    const all = await runCliJson<Task[]>(withDb('tasks', '--json'));
    expect(all).toHaveLength(91);
    expect(all.map((t) => t.number)).toEqual(Array.from({ length: 91 }, (_, i) => i + 1));
    const s2 = await runCliJson<Task[]>(withDb('tasks', '--section', '2', '--json'));
    expect(s2.length).toBeGreaterThan(0);
    expect(s2.every((t) => t.section === 2)).toBe(true);
    expect(s2.length).toBe(all.filter((t) => t.section === 2).length);
  });

  it('--unit accepts the canonical name, an alias and the full name alike', async () => {
    const byName = await runCliJson<Task[]>(withDb('tasks', '--unit', '市发改委', '--json'));
    expect(byName.length).toBeGreaterThan(5);
    expect(byName.every((t) => t.assignments.some((a) => a.unit === '市发改委'))).toBe(true);
    expect(await runCliJson<Task[]>(withDb('tasks', '--unit', '安康市发展和改革委员会', '--json'))).toEqual(byName);
    const unknown = await runCli(withDb('tasks', '--unit', '市不存在局'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('DUBAN_UNIT_UNKNOWN');
  });

  it('the human table aligns CJK columns and shows task 3 with its lead unit', async () => {
    const r = await runCli(withDb('tasks', '--section', '1'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\s+3\s+1\s+开工建设西康高铁\s+市高铁办\s+2019-12-31$/));
    // Every data row's date column starts at the same display column.
    const rows = lines.filter((l) => /\d{4}-\d{2}-\d{2}$/.test(l));
    const starts = new Set(rows.map((l) => stringWidth(l.slice(0, l.lastIndexOf('20')))));
    expect(rows.length).toBeGreaterThan(5);
    expect(starts.size).toBe(1);
  });

  it('task N --json is the Task; an unknown task names the valid range', async () => {
    const t11 = await runCliJson<Task>(withDb('task', '11', '--json'));
    expect(t11.number).toBe(11);
    expect(t11.assignments).toContainEqual(
      expect.objectContaining({ unit: '市发改委', role: 'lead', alias: '市飞地办' }),
    );
    const human = await runCli(withDb('task', '11'));
    // Printed as every document prints it: the alias in full-width brackets, never the importer's <>.
    expect(human.stdout).toContain('市发改委（市飞地办）');
    expect(human.stdout).not.toContain('<');
    const r = await runCli(withDb('task', '999'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^DUBAN_TASK_UNKNOWN: task 999/m);
    expect(r.stderr).toContain('1–91');
    noStack(r.stderr);
  });

  it('units --json lists units and groups with kind and roles per task', async () => {
    const units = await runCliJson<
      { name: string; kind: string; fullName?: string; isGroup: boolean; tasks: { task: number; role: string }[] }[]
    >(withDb('units', '--json'));
    const fgw = units.find((u) => u.name === '市发改委')!;
    expect(fgw).toMatchObject({ kind: 'city_department', isGroup: false, fullName: '安康市发展和改革委员会' });
    expect(fgw.tasks).toContainEqual({ task: 1, role: 'lead' });
    const kept = units.find((u) => u.name === '市政府有关工作部门')!;
    expect(kept.isGroup).toBe(true);
    expect(kept.tasks).toContainEqual({ task: 6, role: 'co' });
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
  });
});

describe('duban import: bad input (issue 2)', () => {
  const big = join(tmp.dir, 'huge.txt');
  const dirInput = join(tmp.dir, 'a-directory');
  const unknownBinary = join(tmp.dir, 'unknown.bin');
  beforeAll(() => {
    mkdirSync(dirInput);
    writeFileSync(unknownBinary, Buffer.from([0x00, 0x13, 0x37, 0x00, 0xfe, 0x01, 0x00, 0x00, 0x42, 0x00]));
    // Sparse: 50 MB on paper, nothing written; the size check must refuse it before reading.
    closeSync(openSync(big, 'w'));
    truncateSync(big, 50 * 1024 * 1024);
  });

  const cases: { name: string; file: () => string; code: string; extra?: RegExp }[] = [
    { name: 'empty file', file: () => join(BAD, 'empty.txt'), code: 'DUBAN_IMPORT_EMPTY' },
    { name: 'whitespace-only file', file: () => join(BAD, 'whitespace.txt'), code: 'DUBAN_IMPORT_EMPTY' },
    // binary.bin starts with the PNG signature: it is recognised as an image, with what to do about it.
    { name: 'binary file (a PNG)', file: () => join(BAD, 'binary.bin'), code: 'DUBAN_IMPORT_IMAGE', extra: /OCR/ },
    { name: 'binary file (no known kind)', file: () => unknownBinary, code: 'DUBAN_IMPORT_BINARY' },
    { name: 'text with no tasks', file: () => join(BAD, 'no-tasks.txt'), code: 'DUBAN_IMPORT_NO_TASKS' },
    { name: 'missing file', file: () => join(tmp.dir, 'no-such-notice.txt'), code: 'DUBAN_IMPORT_MISSING' },
    { name: 'directory', file: () => dirInput, code: 'DUBAN_IMPORT_IS_DIRECTORY' },
    { name: '50 MB file', file: () => big, code: 'DUBAN_IMPORT_TOO_LARGE', extra: /50\.0 MiB.*16\.0 MiB|--max-bytes/s },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.code}, non-zero exit, no stack, ledger unchanged`, async () => {
      const before = sha(db);
      const r = await runCli(withDb('import', c.file(), '--units', SEED_UNITS));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^${c.code}: `, 'm'));
      noStack(r.stderr);
      expect(r.stdout).toBe('');
      expect(sha(db)).toBe(before);
      if (c.extra) expect(r.stderr).toMatch(c.extra);

      // Into a directory with no ledger: still none afterwards.
      const fresh = join(tmp.dir, `fresh-${c.code}.db`);
      const r2 = await runCli(['--db', fresh, 'import', c.file(), '--units', SEED_UNITS]);
      expect(r2.code).not.toBe(0);
      expect(sha(fresh)).toBe('absent');
    });
  }

  it('the 50 MB message names the size, the limit and the flag; --max-bytes lifts the limit', async () => {
    const r = await runCli(withDb('import', big));
    expect(r.stderr).toContain('50.0 MiB');
    expect(r.stderr).toContain('16.0 MiB');
    expect(r.stderr).toContain('--max-bytes');
    const bad = await runCli(withDb('import', SEED_NOTICE, '--max-bytes', 'lots'));
    expect(bad.stderr).toMatch(/^DUBAN_IMPORT_BAD_OPTION/m);
    const tight = await runCli(withDb('import', SEED_NOTICE, '--max-bytes', '1000'));
    expect(tight.stderr).toMatch(/^DUBAN_IMPORT_TOO_LARGE/m);
    // Past the raised limit the file is read, and its NUL bytes make it a binary file.
    const lifted = await runCli(withDb('import', big, '--max-bytes', String(60 * 1024 * 1024)));
    expect(lifted.stderr).toMatch(/^DUBAN_IMPORT_BINARY/m);
  });

  it('an invalid unit directory is refused with JSON paths, before anything is written', async () => {
    const before = sha(db);
    const r = await runCli(withDb('import', SEED_NOTICE, '--units', join(BAD, 'units-invalid.json')));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^DUBAN_UNITS_INVALID/m);
    expect(r.stderr).toContain('$.units[1].kind');
    expect(r.stderr).toContain('$.units[2].name');
    const broken = await runCli(withDb('import', SEED_NOTICE, '--units', join(BAD, 'units-broken.json')));
    expect(broken.stderr).toMatch(/^DUBAN_UNITS_JSON/m);
    noStack(r.stderr + broken.stderr);
    expect(sha(db)).toBe(before);
  });

  it('a --db that is not a ledger is refused and left untouched; read commands on a missing ledger say to import first', async () => {
    const notLedger = join(BAD, 'no-tasks.txt');
    const before = sha(notLedger);
    const r = await runCli(['--db', notLedger, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    expect(r.stderr).toMatch(/^DUBAN_STORE_NOT_LEDGER/m);
    expect(sha(notLedger)).toBe(before);
    const missing = join(tmp.dir, 'missing.db');
    for (const args of [
      ['tasks'],
      ['task', '1'],
      ['units'],
      ['audit', 'verify'],
      ['audit', 'log'],
      ['backup', join(tmp.dir, 'b.db')],
    ]) {
      const m = await runCli(['--db', missing, ...args]);
      expect(m.code).not.toBe(0);
      expect(m.stderr).toMatch(/^DUBAN_STORE_MISSING/m);
      expect(m.stderr).toContain('duban import');
      noStack(m.stderr);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('HTML tags and script in the notice are kept as text, never interpreted', async () => {
    const hdb = join(tmp.dir, 'html.db');
    const r = await runCli(['--db', hdb, 'import', join(BAD, 'html-script.txt'), '--units', SEED_UNITS]);
    expect(r.code).toBe(0);
    const tasks = await runCliJson<Task[]>(['--db', hdb, 'tasks', '--json']);
    expect(tasks.find((t) => t.number === 1)!.text).toContain('<b>市级</b>重点项目<script>alert("x")</script>');
    expect(tasks.find((t) => t.number === 2)!.text).toContain('{{title}}与</html>');
    expect(tasks.find((t) => t.number === 3)!.text).toContain('&nbsp;<img src=x onerror=alert(1)>');
    const human = await runCli(['--db', hdb, 'task', '1']);
    expect(human.stdout).toContain('<script>alert("x")</script>');
    // The stored JSON holds the same characters (no entity-escaping on the way in).
    const raw = new Database(hdb, { readonly: true });
    const json = (raw.prepare('SELECT task_json FROM plan_tasks WHERE number = 1').get() as { task_json: string })
      .task_json;
    raw.close();
    expect(json).toContain('<script>');
  });
});
