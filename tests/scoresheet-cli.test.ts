// `duban report scoresheet` end to end: the real built CLI on a real ledger holding
// the seed notice and the SAMPLE progress, real Chromium. Expected totals come from
// `duban scores --json`, which the score sheets must print unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitScore } from '@duban/core';
import { safeFileName } from '@duban/reporter-scoresheet';
import { ROOT, SEED_NOTICE, SEED_UNITS, runCli, runCliJson, tempDir, type CliResult } from './_support/cli.js';
import { checkGongwen, gongwenAvailable } from './_support/gongwen.js';

const SAMPLE = join(ROOT, 'seeds/sample-progress');
let tmp: ReturnType<typeof tempDir>;
let db: string;
let scores: UnitScore[];
let all: CliResult;
const cli = (args: string[], timeoutMs = 300_000) => runCli(['--db', db, ...args], { timeoutMs });
const sheet = (unit: string) => join(tmp.dir, 'all', `考核评分表-${safeFileName(unit)}.pdf`);
const text = (file: string, mode = '-layout') => execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  tmp = tempDir('duban-scoresheet-cli-');
  db = join(tmp.dir, 'ledger.db');
  const imported = await cli(['import', SEED_NOTICE, '--units', SEED_UNITS]);
  expect(imported.code, imported.stderr).toBe(0);
  const files = readdirSync(SAMPLE).filter((f) => /\.(csv|xlsx)$/.test(f)).map((f) => join(SAMPLE, f));
  const progress = await cli(['progress', 'import', ...files]);
  expect(progress.code, progress.stderr).toBe(0);
  scores = await runCliJson<UnitScore[]>(['--db', db, 'scores', '--as-of', '2019-12-31', '--json']);
  all = await cli(['report', 'scoresheet', '--as-of', '2019-12-31', '--out', join(tmp.dir, 'all') + '/']);
}, 600_000);
afterAll(() => tmp?.cleanup());

describe('duban report scoresheet on the seed', () => {
  it('gives every assessed unit its own sheet, plus the summary ranking', () => {
    expect(all.code, all.stderr).toBe(0);
    expect(scores.length).toBeGreaterThan(30);
    const files = readdirSync(join(tmp.dir, 'all')).sort();
    expect(files).toEqual([...scores.map((s) => `考核评分表-${safeFileName(s.unit)}.pdf`), '考核得分汇总表.pdf'].sort());
  });

  it('prints 合计 equal to the unit total of duban scores --json on every sheet', () => {
    for (const s of scores) {
      const m = /合\s*计\s+([\d.]+)\s+([\d.]+)/.exec(text(sheet(s.unit)));
      expect(m, `合计 row of ${s.unit}`).not.toBeNull();
      expect(Number(m![2]), s.unit).toBe(s.total);
      expect(Number(m![1]), s.unit).toBe(Math.round(s.lines.reduce((a, l) => a + l.max, 0) * 100) / 100);
    }
  });

  it('prints the unit, the assessment date and every deduction with its rule', () => {
    for (const s of scores) {
      // -raw keeps each cell's wrapped lines together (content-stream order).
      const flat = text(sheet(s.unit), '-raw').replace(/\s+/g, '');
      expect(flat).toContain(`被考核单位：${s.unit.replace(/\s+/g, '')}`);
      expect(flat).toContain('考核时间：2019年12月31日');
      for (const item of s.items) expect(flat).toContain(`规则：${item.rule.replace(/\s+/g, '')}`);
    }
  });

  it('lists every unit in the summary, best total first', () => {
    const flat = text(join(tmp.dir, 'all', '考核得分汇总表.pdf')).replace(/[ \t]+/g, ' ');
    const best = [...scores].sort((a, b) => b.total - a.total)[0]!;
    const worst = [...scores].sort((a, b) => a.total - b.total)[0]!;
    // A long unit name wraps inside its cell: read the 被考核单位 column alone (x 100–200 pt) so its lines stay together.
    const column = execFileSync('pdftotext', ['-layout', '-x', '100', '-y', '0', '-W', '100', '-H', '842', join(tmp.dir, 'all', '考核得分汇总表.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of scores) expect(column).toContain(s.unit.replace(/\s+/g, ''));
    expect(flat.indexOf(best.unit)).toBeLessThan(flat.lastIndexOf(worst.unit));
  });

  it.runIf(gongwenAvailable())('passes check-gongwen --kind scoresheet with no FAIL on every PDF', () => {
    const failures: string[] = [];
    for (const f of readdirSync(join(tmp.dir, 'all'))) {
      const r = checkGongwen(join(tmp.dir, 'all', f), 'scoresheet')!;
      if (r.failed.length || !r.checks.length) failures.push(`${f}: ${r.failed.map((c) => `${c.name} ${c.detail}`).join('; ') || r.output}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('renders only the unit named by --unit', async () => {
    const unit = scores[Math.floor(scores.length / 2)]!;
    const r = await cli(['report', 'scoresheet', '--as-of', '2019-12-31', '--unit', unit.unit, '--out', join(tmp.dir, 'one') + '/']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'one'))).toEqual([`考核评分表-${safeFileName(unit.unit)}.pdf`]);
  });

  it('names an unknown --unit with a stable code and no stack trace, writing nothing', async () => {
    const r = await cli(['report', 'scoresheet', '--as-of', '2019-12-31', '--unit', '不存在的单位', '--out', join(tmp.dir, 'none') + '/']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('DUBAN_SCORESHEET_UNIT');
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(existsSync(join(tmp.dir, 'none')) ? readdirSync(join(tmp.dir, 'none')) : []).toEqual([]);
  });
});
