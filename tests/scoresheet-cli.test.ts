// `duban report scoresheet` end to end: the real built CLI on a real ledger holding
// the seed notice and the SAMPLE progress, real Chromium. Expected totals come from
// `duban scores --json`, which the score sheets must print unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitScore } from '@duban/core';
import { sheetFileName } from '@duban/reporter-scoresheet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { checkGongwen, gongwenAvailable } from './_support/gongwen.js';

const SAMPLE = join(ROOT, 'seeds/sample-progress');
let tmp: ReturnType<typeof tempDir>;
let db: string;
let scores: (UnitScore & { name: string; group: string; rank: number | null; grade: string })[];
let all: CliResult;
const cli = (args: string[], timeoutMs = 300_000) => runCli(['--db', db, ...args], { timeoutMs });
const nameOf = (unit: string) => scores.find((s) => s.unit === unit)!.name;
const sheet = (unit: string) => join(tmp.dir, 'all', `${sheetFileName(nameOf(unit))}.pdf`);
const text = (file: string, mode = '-layout') => execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  tmp = tempDir('duban-scoresheet-cli-');
  db = join(tmp.dir, 'ledger.db');
  const imported = await cli(['import', SEED_NOTICE, '--units', SEED_UNITS]);
  expect(imported.code, imported.stderr).toBe(0);
  const files = readdirSync(SAMPLE)
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .map((f) => join(SAMPLE, f));
  const progress = await cli(['progress', 'import', '--office', ...files]);
  expect(progress.code, progress.stderr).toBe(0);
  scores = await runCliJson<typeof scores>(['--db', db, 'scores', '--as-of', '2019-12-31', '--json']);
  all = await cli(['report', 'scoresheet', '--as-of', '2019-12-31', '--out', join(tmp.dir, 'all') + '/']);
}, 600_000);
afterAll(() => tmp?.cleanup());

describe('duban report scoresheet on the seed', () => {
  it('gives every assessed unit its own sheet, plus the summary ranking', () => {
    expect(all.code, all.stderr).toBe(0);
    expect(scores.length).toBeGreaterThan(30);
    const files = readdirSync(join(tmp.dir, 'all')).sort();
    // One printed name everywhere, file names included: 恒口示范区（试验区）管委会, never <试验区> or ＜试验区＞.
    expect(files).toContain('考核评分表-恒口示范区（试验区）管委会.pdf');
    expect(files).toEqual([...scores.map((s) => `${sheetFileName(s.name)}.pdf`), '考核得分汇总表.pdf'].sort());
  });

  it('names each sheet, its unit and the office in the PDF metadata, with duban as creator', () => {
    for (const s of scores) {
      const info = execFileSync('pdfinfo', [sheet(s.unit)], { encoding: 'utf8' });
      expect(info).toMatch(
        new RegExp(`^Title:\\s+2019年度目标责任考核评分表（${nameOf(s.unit).replace(/[()（）]/gu, '.')}）$`, 'mu'),
      );
      expect(info).toMatch(/^Author:\s+安康市人民政府督查室$/mu);
      expect(info).toMatch(/^Creator:\s+duban$/mu);
    }
  });

  it('prints 合计 equal to the unit total of duban scores --json on every sheet', () => {
    for (const s of scores) {
      const m = /合\s*计\s+([\d.]+)\s+([\d.]+)/.exec(text(sheet(s.unit)));
      expect(m, `合计 row of ${s.unit}`).not.toBeNull();
      expect(Number(m![2]), s.unit).toBe(s.total);
      expect(Number(m![1]), s.unit).toBe(s.base);
    }
  });

  it('prints the unit, the assessment date, the method, every 评分标准 and every deduction with its reason', () => {
    for (const s of scores) {
      // -raw keeps each cell's wrapped lines together (content-stream order).
      const flat = text(sheet(s.unit), '-raw').replace(/\s+/g, '');
      expect(flat).toContain(`被考核单位：${s.name.replace(/\s+/g, '')}`);
      expect(flat).toContain('考核时间：2019年12月31日');
      expect(flat).toContain('计分方法：');
      for (const line of s.lines) {
        expect(flat).toContain(line.standard.replace(/\s+/g, ''));
        for (const row of line.rows) for (const r of row.reasons) expect(flat).toContain(r.replace(/\s+/g, ''));
      }
    }
  });

  it('ranks units within their groups in the summary, in the order duban scores gives', () => {
    const flat = text(join(tmp.dir, 'all', '考核得分汇总表.pdf'), '-raw').replace(/\s+/g, '');
    let at = -1;
    for (const s of scores) {
      const i = flat.indexOf(s.name, at + 1);
      expect(i, s.name).toBeGreaterThan(at);
      at = i;
    }
    for (const g of ['县区政府（管委会）', '市直部门', '中省驻市单位及企业']) expect(flat).toContain(g);
    // Ranks restart in each group and grades follow the totals.
    for (const s of scores)
      if (s.rank !== null) expect(s.grade).toBe(s.total >= 95 ? '优秀' : s.total >= 85 ? '良好' : '一般');
  });

  it.runIf(gongwenAvailable())(
    'passes check-gongwen --kind scoresheet with no FAIL on every PDF',
    () => {
      const failures: string[] = [];
      for (const f of readdirSync(join(tmp.dir, 'all'))) {
        const r = checkGongwen(join(tmp.dir, 'all', f), 'scoresheet')!;
        if (r.failed.length || !r.checks.length)
          failures.push(`${f}: ${r.failed.map((c) => `${c.name} ${c.detail}`).join('; ') || r.output}`);
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );

  it('renders only the unit named by --unit', async () => {
    const unit = scores[Math.floor(scores.length / 2)]!;
    const r = await cli([
      'report',
      'scoresheet',
      '--as-of',
      '2019-12-31',
      '--unit',
      unit.name,
      '--out',
      join(tmp.dir, 'one') + '/',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'one'))).toEqual([`${sheetFileName(unit.name)}.pdf`]);
  });

  it('names an unknown --unit with a stable code and no stack trace, writing nothing', async () => {
    const r = await cli([
      'report',
      'scoresheet',
      '--as-of',
      '2019-12-31',
      '--unit',
      '不存在的单位',
      '--out',
      join(tmp.dir, 'none') + '/',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('DUBAN_SCORESHEET_UNIT');
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(existsSync(join(tmp.dir, 'none')) ? readdirSync(join(tmp.dir, 'none')) : []).toEqual([]);
  });
});
