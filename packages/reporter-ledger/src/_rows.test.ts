import { describe, expect, it } from 'vitest';
import { fixture } from './_fixture.test-data.js';
import { buildIndicatorRows, buildLedgerRows, completion, sectionPrefix } from './_rows.js';
import { buildStats } from './_stats.js';
import { sheetName } from './_workbook.js';

describe('ledger rows', () => {
  const rows = buildLedgerRows(fixture);

  it('gives one row per task with units by role, deadline as a date and the verdict in Chinese', () => {
    expect(rows.map((r) => r.task)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({ sectionTitle: '一、强化关键支撑', lead: '市发改委', co: '市财政局', deadlinePhrase: '年底前', verdict: '进度滞后', progress: 0.45 });
    expect(rows[0]!.deadline.toISOString()).toBe('2019-12-31T00:00:00.000Z');
    expect(rows[2]!.verdict).toBe('逾期未完成');
  });

  it('treats the convener of responsible units as the lead and keeps aliases', () => {
    expect(rows[1]).toMatchObject({ lead: '市机场办', co: '市发改委（市飞地办）' });
  });

  it('uses the newest report with a value for each indicator', () => {
    expect(rows[0]!.indicators).toBe('完成年度投资490亿元（目标≥490亿元；最新：220亿元）\n能耗下降率控制在11%以下（目标≤11%；最新：12.5%）');
    const ind = buildIndicatorRows(fixture);
    expect(ind.map((i) => [i.actual, i.ratio])).toEqual([[220, 220 / 490], [12.5, 11 / 12.5]]);
  });

  it('falls back to the newest report when no latest is set, and a done state counts as 100%', () => {
    expect(rows[1]).toMatchObject({ reportedBy: '市机场办', progress: 1, narrative: '进展情况：7月5日首飞' });
    expect(rows[2]).toMatchObject({ reportedAt: null, progress: null, narrative: '' });
  });

  it('includes problems and next steps in the narrative', () => {
    expect(rows[0]!.narrative).toBe('进展情况：已开工180个\n存在问题：资金缺口\n下一步措施：加快推进');
  });

  it('honours ≤ targets when computing completion', () => {
    expect(completion({ comparator: 'le', value: 11 }, 10)).toBe(1);
    expect(completion({ comparator: 'ge', value: 100 }, 150)).toBe(1);
    expect(completion({ comparator: 'ge', value: 100 }, 30)).toBe(0.3);
  });

  it('counts verdicts per section and overall', () => {
    const stats = buildStats(rows);
    expect(stats.map((s) => [s.label, s.total, s.counts.at_risk, s.counts.completed, s.counts.overdue])).toEqual([
      ['一、强化关键支撑', 2, 1, 1, 0],
      ['二、打好三大攻坚战', 1, 0, 0, 1],
      ['合计', 3, 1, 1, 1],
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
    expect(rowHeight([{ text: 'a\nb\nc', width: 10 }, { text: 'x', width: 5 }])).toBe(3 * 14 + 4);
  });
});
