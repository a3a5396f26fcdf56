import { createFixtureContext } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import { buildIndicatorRows, buildLedgerRows, sectionPrefix } from './_rows.js';
import { buildStats } from './_stats.js';
import { sheetName } from './_workbook.js';

describe('ledger rows', () => {
  it('gives one row per task, every figure as the judged view has it', async () => {
    const ctx = await createFixtureContext();
    const rows = buildLedgerRows(ctx);
    expect(rows.map((r) => r.task)).toEqual(ctx.tasks.map((t) => t.task));
    for (const [i, r] of rows.entries()) {
      const t = ctx.tasks[i]!;
      expect(r.progress === null ? null : Math.round(r.progress * 1000) / 10).toBe(
        t.figure.date === null ? null : t.figure.percent,
      );
      expect(r.reportedBy).toBe(t.figure.unitName ?? '');
      expect(r.verdict).toBe(t.verdict.label);
      expect(r.reason).toBe(t.verdict.reason);
      expect(Math.round(r.elapsed * 1000) / 10).toBe(t.elapsed);
    }
    expect(rows[0]).toMatchObject({
      sectionTitle: '一、强化关键支撑，推动经济高质量发展',
      lead: '市发改委',
      others: '市财政局',
      deadlinePhrase: '年底前',
      verdict: '正常推进',
    });
    expect(rows[0]!.deadline.toISOString()).toBe('2019-12-31T00:00:00.000Z');
  });

  it('never shows a lead for a task the notice gave none, and lists its responsible units as the notice does', async () => {
    const rows = buildLedgerRows(await createFixtureContext());
    expect(rows[3]).toMatchObject({ lead: '', others: '市住建局、市财政局（分工负责）', problems: '征迁进度慢。' });
  });

  it("lists each unit's own latest report on a multi-unit task, and marks the year-end default deadline", async () => {
    const rows = buildLedgerRows(await createFixtureContext());
    expect(rows[0]!.byUnit).toBe('市发改委：完成50%（5月31日报）\n市财政局：完成45%（5月31日报）');
    expect(rows[5]!.deadlinePhrase).toBe('年底前*');
  });

  it('gives indicator attainment as the view prints it', async () => {
    const ctx = await createFixtureContext();
    expect(buildLedgerRows(ctx)[2]!.indicators).toBe('新改建农村公路1200公里：360/1200公里，30%');
    const ind = buildIndicatorRows(ctx);
    expect(ind.find((i) => i.task === 3)).toMatchObject({ actual: 360, ratio: 0.3, reportedBy: '市交通局' });
  });

  it('counts verdicts per section and overall', async () => {
    const stats = buildStats(buildLedgerRows(await createFixtureContext()));
    expect(
      stats.map((s) => [s.total, s.counts.completed, s.counts.on_track, s.counts.at_risk, s.counts.overdue]),
    ).toEqual([
      [2, 1, 1, 0, 0],
      [2, 0, 0, 1, 1],
      [2, 0, 1, 1, 0],
      [6, 1, 2, 2, 1],
    ]);
  });

  it('writes section numbers and sheet names the way Excel accepts them', () => {
    expect([1, 6, 10, 12].map(sectionPrefix)).toEqual(['一、', '六、', '十、', '十二、']);
    const taken = new Set<string>();
    const long = '一、强化关键支撑，夯实经济高质量发展的基础[测试]/附加文字以超过三十一个字符';
    const a = sheetName(long, taken);
    const b = sheetName(long, taken);
    expect([...a].length).toBeLessThanOrEqual(31);
    expect(a).not.toMatch(/[[\]:*?/\\]/);
    expect(b).not.toBe(a);
  });
});

describe('row heights', () => {
  it('counts CJK characters as two columns and explicit new lines as lines', async () => {
    const { rowHeight, textWidth } = await import('./_style.js');
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('安康2019')).toBe(8);
    expect(rowHeight([{ text: '短', width: 10 }])).toBe(18);
    expect(rowHeight([{ text: '一二三四五六七八九十', width: 11 }])).toBe(2 * 14 + 4);
    expect(
      rowHeight([
        { text: 'a\nb\nc', width: 10 },
        { text: 'x', width: 5 },
      ]),
    ).toBe(3 * 14 + 4);
  });
});
