// One truth per task: for every task and as-of date, the figure and the verdict
// quoted by the bulletin (body and attachment), the ledger workbook, the score
// sheets and `duban evaluate --json` are the same — on the seed through the real
// CLI and Chromium, and on generated plans (multi-unit tasks whose units report
// different figures on different dates, late and missing reports, tasks completed
// and then silent) through the same document builders the reporters print from.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Assignment, Plan, ProgressReport, Task, UnitDirectory } from '@duban/core';
import { createFixtureContext } from '@duban/reporter-api/testing';
import { buildBulletinModel } from '@duban/reporter-bulletin';
import { buildLedgerRows } from '@duban/reporter-ledger';
import { buildSheet } from '@duban/reporter-scoresheet';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { columnText, loadPdf, squash } from './_support/pdf.js';

interface TaskJson {
  task: number;
  status: string;
  label: string;
  reason: string;
  figure: { text: string; percent: number; date: string | null; unitName: string | null };
  deadline: { date: string };
}

/** A random plan: lead/co and 分工负责 tasks, units reporting different figures on different dates, gaps, completions then silence. */
function randomPlan(seed: number): { plan: Plan; directory: UnitDirectory; progress: ProgressReport[] } {
  // mulberry32: the low bits of a plain LCG repeat too soon for `% 2` and `% 4`.
  let s = seed >>> 0;
  const rnd = (k: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
  };
  const units = Array.from({ length: 9 }, (_, i) => (i < 3 ? `第${i + 1}县政府` : `市第${i + 1}局`));
  const tasks: Task[] = [];
  const progress: ProgressReport[] = [];
  for (let n = 1; n <= 24; n++) {
    const picked = [...new Set([units[rnd(9)]!, units[rnd(9)]!, units[rnd(9)]!])];
    const shared = rnd(3) === 0;
    const assignments: Assignment[] = picked.map((unit, j) =>
      shared
        ? { unit, role: 'responsible', ...(j === 0 ? { convener: true } : {}) }
        : { unit, role: j === 0 ? 'lead' : 'co' },
    );
    const month = 4 + rnd(9);
    const deadline = `2019-${String(month).padStart(2, '0')}-${month === 12 ? 31 : 30}`;
    tasks.push({
      number: n,
      section: 1 + (n % 3),
      title: `任务${n}“第${n}项工程”`,
      text: `推进第${n}项工程。`,
      source: { startLine: n, endLine: n },
      assignments,
      indicators: [],
      deadline: { phrase: rnd(2) ? null : `${month}月底前`, date: deadline },
    });
    for (const a of picked) {
      if (rnd(4) === 0) continue; // never reports
      let percent = rnd(30);
      for (let m = 2; m <= 12; m += 1 + rnd(2)) {
        percent = Math.min(100, percent + rnd(25));
        const day = String(1 + rnd(28)).padStart(2, '0');
        progress.push({
          task: n,
          unit: a,
          date: `2019-${String(m).padStart(2, '0')}-${day}`,
          percent,
          values: {},
          state: percent >= 100 ? 'done' : rnd(12) === 0 ? 'blocked' : 'in_progress',
          progress: `第${m}月推进。`,
          problems: rnd(2) ? '资金不足' : '无',
          nextSteps: '',
          evidence: [],
        });
        if (percent >= 100) break; // completed, then silent
      }
    }
  }
  progress.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  progress.forEach((r, i) => (r.id = i + 1));
  const plan: Plan = {
    issuer: '测试市人民政府',
    docNumber: '测政发〔2019〕1号',
    title: '测试方案',
    date: '2019-02-20',
    year: 2019,
    headline: [],
    milestones: [{ key: '推进方案', text: '推进方案', deadline: { phrase: '3月8日前', date: '2019-03-08' } }],
    sections: [
      { number: 1, title: '一部分' },
      { number: 2, title: '二部分' },
      { number: 3, title: '三部分' },
    ],
    tasks,
    units,
    warnings: [],
    sourceDigest: String(seed),
  };
  const directory: UnitDirectory = {
    units: units.map((name, i) => ({ name, aliases: [], kind: i < 3 ? 'county_government' : 'city_department' })),
    groups: [],
  };
  return { plan, directory, progress };
}

describe('one figure per task in every document (generated plans, every quarter end)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const asOf of ['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31']) {
      it(`plan ${seed} as of ${asOf}`, async () => {
        const ctx = await createFixtureContext({ ...randomPlan(seed), asOf, issue: { date: '2020-01-10' } });
        // The plan exercises what the issue names: units of one task reporting different figures, a reporting unit silent.
        if (asOf >= '2019-06-30') {
          expect(
            ctx.tasks.some(
              (t) =>
                t.byUnit.filter((u) => u.date).length > 1 &&
                new Set(t.byUnit.filter((u) => u.date).map((u) => u.percent)).size > 1,
            ),
          ).toBe(true);
          expect(ctx.tasks.some((t) => t.figure.source === 'other')).toBe(true);
        }
        const bulletin = buildBulletinModel(ctx, { attachment: true });
        const body = bulletin.body.map((b) => b.text).join('\n');
        const rows = buildLedgerRows(ctx);
        const sheets = ctx.scores.map((s) => buildSheet(ctx, s, { title: 't' }));
        for (const [i, t] of ctx.tasks.entries()) {
          const at = `task ${t.task}`;
          // Attachment: the figure and the verdict of the view, and no 牵头单位 when the notice gives none.
          const cells = bulletin.attachment!.rows[i]!;
          expect(cells.at(-2)!.lines[0], at).toBe(t.figure.text);
          expect(cells.at(-1)!.lines[0], at).toBe(t.verdict.label);
          if (t.noLead) expect(cells[2]!.colspan, at).toBe(2);
          // Body: a lagging task is quoted with the same figure.
          if (t.verdict.status === 'at_risk' || t.verdict.status === 'overdue') {
            const k = body.indexOf(`第${t.task}项“`);
            expect(k, at).toBeGreaterThan(-1);
            expect(body.slice(k, k + 200), at).toContain(t.figure.text);
          }
          // Ledger workbook row.
          expect(rows[i]!.progress === null ? null : Math.round(rows[i]!.progress! * 1000) / 10, at).toBe(
            t.figure.date === null ? null : t.figure.percent,
          );
          expect(rows[i]!.reportedBy, at).toBe(t.figure.unitName ?? '');
          expect(rows[i]!.verdict, at).toBe(t.verdict.label);
          // Score sheets: every row about the task states the same figure.
          for (const sheet of sheets)
            for (const r of sheet.rows.filter(
              (x) => x.content.startsWith(`第${t.task}项`) && x.item !== '推进方案及进展报送',
            ))
              expect(r.result, `${at} on ${sheet.unit}`).toContain(t.figure.text);
        }
        const status = new Map(ctx.tasks.map((t) => [t.task, t]));
        for (const s of ctx.scores) {
          for (const it of s.items)
            if (it.category === 'reporting' && it.task !== null)
              expect(
                status.get(it.task)!.verdict.status,
                `${s.unit} charged for not reporting task ${it.task}`,
              ).not.toBe('completed');
          for (const line of s.lines.filter((l) => !l.bonus && l.key !== 'reporting')) {
            for (const r of line.rows) {
              const t = r.task === null ? undefined : status.get(r.task);
              if (t && t.verdict.status !== 'completed' && asOf >= t.deadline.date)
                expect(r.points, `${s.unit}: task ${t.task} unfinished at its deadline`).toBeLessThan(0);
            }
          }
        }
      });
    }
  }
});

describe('one figure per task in every document (the seed through the real CLI and Chromium)', () => {
  const tmp = tempDir('duban-consistency-');
  const db = join(tmp.dir, 'duban.db');
  const asOf = '2019-09-30';
  let tasks: TaskJson[];

  beforeAll(async () => {
    expect((await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
    const dir = join(ROOT, 'seeds/sample-progress');
    expect(
      (
        await runCli([
          '--db',
          db,
          'progress',
          'import',
          '--office',
          ...readdirSync(dir)
            .filter((f) => /\.(csv|xlsx)$/.test(f))
            .map((f) => join(dir, f)),
        ])
      ).code,
    ).toBe(0);
    tasks = await runCliJson<TaskJson[]>(['--db', db, 'evaluate', '--as-of', asOf, '--json']);
    for (const args of [
      ['report', 'bulletin', '--as-of', asOf, '--issue', '4', '--date', '2019-10-10', '--out', join(tmp.dir, 'b.pdf')],
      ['report', 'ledger', '--as-of', asOf, '--out', join(tmp.dir, 'l.xlsx')],
      ['report', 'scoresheet', '--as-of', asOf, '--out', join(tmp.dir, 's') + '/'],
    ]) {
      const r = await runCli(['--db', db, ...args], { timeoutMs: 600_000 });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 900_000);
  afterAll(() => tmp.cleanup());

  it('quotes the figure and verdict of `evaluate --json` in the bulletin attachment, in task order', async () => {
    const annex = await loadPdf(join(tmp.dir, 'b-附件.pdf'));
    const progress = columnText(annex, '进展情况', '时限', '评价');
    const verdicts = columnText(annex, '评价', '进展情况', '评价');
    let at = 0;
    for (const t of tasks) {
      const i = progress.indexOf(squash(t.figure.text), at);
      expect(i, `task ${t.task} ${t.figure.text}`).toBeGreaterThanOrEqual(at);
      at = i;
    }
    expect(verdicts.length).toBeGreaterThan(0);
  });

  it('holds the same figure, source and verdict in the ledger workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, 'l.xlsx'));
    const ws = wb.getWorksheet('全部')!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    tasks.forEach((t, i) => {
      const row = ws.getRow(4 + i);
      const p = row.getCell(col('完成进度')).value as number | null;
      expect(p === null ? null : Math.round(p * 1000) / 10, `task ${t.task}`).toBe(
        t.figure.date === null ? null : t.figure.percent,
      );
      expect(row.getCell(col('报送单位')).value ?? '', `task ${t.task}`).toBe(t.figure.unitName ?? '');
      expect(row.getCell(col('评价')).value, `task ${t.task}`).toBe(t.label);
      expect(row.getCell(col('评价依据')).value, `task ${t.task}`).toBe(t.reason);
    });
  });

  it('prints the same figure on every score sheet row about a task', async () => {
    const { execFileSync } = await import('node:child_process');
    const files = readdirSync(join(tmp.dir, 's')).filter((f) => f.startsWith('考核评分表'));
    expect(files.length).toBeGreaterThan(30);
    const byText = new Map(tasks.map((t) => [t.task, squash(t.figure.text)]));
    let seen = 0;
    for (const f of files) {
      const flat = squash(execFileSync('pdftotext', ['-raw', join(tmp.dir, 's', f), '-'], { encoding: 'utf8' }));
      // Every task a sheet names is one the unit holds, with a row stating its figure as evaluate does.
      for (const n of new Set([...flat.matchAll(/第(\d+)项/gu)].map((m) => Number(m[1])))) {
        expect(flat, `${f} task ${n}`).toContain(byText.get(n)!);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(100);
  });
});
