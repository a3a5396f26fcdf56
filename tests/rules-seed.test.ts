// The seed notice with the sample progress (seeds/sample-progress, labelled 样例数据),
// judged by the default rules at the end of each quarter through the real CLI.
// Assertions follow from the rules themselves (status.json), not from a recorded run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Status, UnitScore } from '@duban/core';
import type { TaskFacts } from '@duban/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

interface Row {
  task: number;
  status: Status;
  rule: string;
  reason: string;
  facts: TaskFacts;
}

const DATES = ['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31'] as const;
const SAMPLE = join(ROOT, 'seeds/sample-progress');
let tmp: ReturnType<typeof tempDir>;
let db: string;
const byDate = new Map<string, Row[]>();

beforeAll(async () => {
  tmp = tempDir('duban-rules-seed-');
  db = join(tmp.dir, 'seed.db');
  const imp = await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
  expect(imp.code, imp.stderr).toBe(0);
  const files = readdirSync(SAMPLE)
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .map((f) => join(SAMPLE, f));
  const prog = await runCli(['--db', db, 'progress', 'import', '--office', ...files]);
  expect(prog.code, prog.stderr).toBe(0);
  for (const d of DATES) byDate.set(d, await runCliJson<Row[]>(['--db', db, 'evaluate', '--as-of', d, '--json']));
}, 240_000);
afterAll(() => tmp.cleanup());

const count = (rows: Row[], s: Status) => rows.filter((r) => r.status === s).length;

describe('seed plan with sample progress, default rules', () => {
  it('judges all 91 tasks at each quarter end, with a plausible mix of all four verdicts', () => {
    for (const d of DATES) expect(byDate.get(d)).toHaveLength(91);
    // Mid-year (时间过半, 49.6%) most tasks are on schedule and some fall behind; nothing due at year end is overdue yet.
    const q2 = byDate.get('2019-06-30')!;
    expect(count(q2, 'on_track')).toBeGreaterThan(91 / 2);
    expect(count(q2, 'at_risk')).toBeGreaterThan(0);
    for (const s of ['completed', 'on_track', 'at_risk', 'overdue'] as const)
      expect(count(byDate.get('2019-09-30')!, s), `${s} at 2019-09-30`).toBeGreaterThan(0);
    // At year end every task is due (the deadline day counts): each is completed or overdue, most completed.
    const q4 = byDate.get('2019-12-31')!;
    expect(count(q4, 'completed') + count(q4, 'overdue')).toBe(91);
    expect(count(q4, 'completed')).toBeGreaterThan(count(q4, 'overdue'));
  });

  it('gives each verdict exactly when its rule says so', () => {
    for (const [d, rows] of byDate) {
      for (const r of rows) {
        const f = r.facts;
        const at = `task ${r.task} at ${d}`;
        expect(r.status === 'completed', at).toBe(f.completed === true);
        if (r.status !== 'completed') expect(r.status === 'overdue', at).toBe(f.daysToDeadline <= 0);
        const lagging = [
          f.scheduleGap > 15,
          f.daysToDeadline <= 30 && f.progressRatio < 80,
          f.lastReportAgeDays > 60 && f.daysSinceStart > 30,
        ];
        if (r.status === 'at_risk') expect(lagging.some(Boolean), at).toBe(true);
        if (r.status === 'on_track') expect(lagging.some(Boolean) || f.daysToDeadline <= 0, at).toBe(false);
        // 序时进度 counts from 1 January, both days: 30 June of a year-end task is 181/365.
        if (d === '2019-06-30' && f.deadline === '2019-12-31') expect(f.elapsedRatio, at).toBe(49.6);
        expect(r.reason.length, at).toBeGreaterThan(1);
      }
    }
  });

  it('prints reasons as the bulletin needs them', () => {
    const rows = byDate.get('2019-12-31')!.concat(byDate.get('2019-09-30')!);
    for (const r of rows.filter((x) => x.rule === '滞后序时进度'))
      expect(r.reason).toMatch(/^进度[\d.]+%，低于序时进度[\d.]+%，滞后[\d.]+个百分点$/);
    for (const r of rows.filter((x) => x.status === 'overdue'))
      expect(r.reason).toMatch(/^完成时限为2019年\d+月\d+日，截至评价日完成进度[\d.]+%，未完成$/);
    for (const r of rows.filter((x) => x.status === 'completed')) expect(r.reason).toBe('已完成');
  });

  it('never un-completes a task as the year goes on', () => {
    let done = new Set<number>();
    for (const d of DATES) {
      const now = new Set(
        byDate
          .get(d)!
          .filter((r) => r.status === 'completed')
          .map((r) => r.task),
      );
      for (const t of done) expect(now.has(t), `task ${t} at ${d}`).toBe(true);
      done = now;
    }
  });

  it('scores every unit at year end within the invariants, never charging a completed task or sparing an unfinished one', async () => {
    const scores = await runCliJson<UnitScore[]>(['--db', db, 'scores', '--as-of', '2019-12-31', '--json']);
    const q4 = new Map(byDate.get('2019-12-31')!.map((r) => [r.task, r]));
    for (const s of scores) {
      for (const it of s.items) {
        // No reporting deduction on a task the unit reported complete.
        if (it.category === 'reporting' && it.task !== null)
          expect(q4.get(it.task)!.status, `${s.unit} task ${it.task}`).not.toBe('completed');
      }
      for (const line of s.lines) {
        for (const row of line.rows) {
          // An unfinished task at or past its deadline never has a full-marks row.
          if (row.task !== null && !line.bonus && line.key !== 'reporting' && q4.get(row.task)!.status === 'overdue')
            expect(row.points, `${s.unit} task ${row.task}`).toBeLessThan(0);
        }
      }
    }
    expect(scores.length).toBeGreaterThan(40);
    // Groups the notice names but nobody defines are kept unexpanded and not scored.
    for (const group of ['市政府有关工作部门', '“八办三组”成员单位'])
      expect(scores.some((s) => s.unit === group)).toBe(false);
    for (const s of scores) {
      expect(Math.round(s.lines.reduce((a, l) => a + l.score, 0) * 100) / 100).toBe(s.total);
      for (const l of s.lines) expect(l.score >= 0 && l.score <= l.max).toBe(true);
      expect(s.total >= 0 && s.total <= 105).toBe(true);
    }
    expect(scores.some((s) => s.items.some((i) => i.points < 0))).toBe(true);
  });
});
