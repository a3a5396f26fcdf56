import { checkReporter, createFixtureContext, fixturePlan } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import { ScoresheetOptions } from './_options.js';
import { buildSheet, checkLines, type SheetView } from './_sheet.js';
import { buildSummary, type SummaryView } from './_summary.js';
import scoresheet, { SHEET_TEMPLATE, SUMMARY_TEMPLATE } from './index.js';

describe('the scoresheet reporter', () => {
  it('passes the reporter conformance kit', async () => {
    const r = await checkReporter(scoresheet);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('asks the renderer for one sheet per unit and the summary, with totals from the context', async () => {
    const options = ScoresheetOptions.parse({ concurrency: 1 });
    const ctx = await createFixtureContext<ScoresheetOptions>({ options });
    const out = (await scoresheet(options).render!(ctx)) ?? [];
    const calls = ctx.pdfDouble!.calls();
    expect(calls.map((c) => c.template)).toEqual([...ctx.scores.map(() => SHEET_TEMPLATE), SUMMARY_TEMPLATE]);
    expect(calls.slice(0, -1).map((c) => (c.data as SheetView).totalValue)).toEqual(ctx.scores.map((s) => s.total));
    expect(out).toHaveLength(ctx.scores.length + 1);
  });

  it('renders one unit with `unit` (any of its names), and refuses an unknown one with DUBAN_SCORESHEET_UNIT', async () => {
    const options = ScoresheetOptions.parse({ unit: '示例市发展和改革委员会' });
    const ctx = await createFixtureContext<ScoresheetOptions>({ options });
    expect(await scoresheet(options).render!(ctx)).toHaveLength(1);
    const bad = ScoresheetOptions.parse({ unit: '无此单位' });
    await expect(
      scoresheet(bad).render!(await createFixtureContext<ScoresheetOptions>({ options: bad })),
    ).rejects.toMatchObject({ code: 'DUBAN_SCORESHEET_UNIT' });
  });

  it('refuses a plan without assessed units instead of writing an empty ranking', async () => {
    const options = ScoresheetOptions.parse({});
    const ctx = await createFixtureContext<ScoresheetOptions>({ options, plan: { ...fixturePlan, tasks: [] } });
    await expect(scoresheet(options).render!(ctx)).rejects.toMatchObject({ code: 'DUBAN_SCORESHEET_EMPTY' });
    expect(ctx.written()).toEqual([]);
  });
});

describe('a unit sheet', () => {
  it('prints each category once with its 分值 and 评分标准, spanning the rows of its tasks', async () => {
    const ctx = await createFixtureContext({ asOf: '2019-12-31' });
    const score = ctx.scores.find((s) => s.unit === '市财政局')!;
    const view = buildSheet(ctx, score, { title: '{year}年度目标责任考核评分表' });
    expect(view.title).toBe('2019年度目标责任考核评分表');
    expect(view.attachment).toBe('');
    const heads = view.rows
      .map((r, i) => ({
        r,
        span: r.pos === 'only' ? 1 : r.pos === 'first' ? view.rows.slice(i).findIndex((x) => x.pos === 'last') + 1 : 0,
      }))
      .filter((x) => x.span > 0)
      .map(({ r, span }) => [r.item, r.max, span]);
    expect(heads).toEqual([
      ['牵头任务', '60', 2],
      ['配合任务', '20', 1],
      ['推进方案及进展报送', '20', 2],
      ['加分项', '5', 1],
    ]);
    expect(view.rows.find((r) => r.item === '推进方案及进展报送' && r.content.startsWith('第6项'))!.reasons).toEqual([
      '已202天未报送该任务进展，扣1分',
    ]);
    // Every row of a category has the same standard; every amount it deducts is in it.
    for (const r of view.rows)
      for (const reason of r.reasons) {
        const amount = /[扣加](\d+(?:\.5)?)分/u.exec(reason)?.[1];
        if (amount) expect(r.standard).toContain(`${amount}分`);
      }
    expect(view.rows.find((r) => r.content.startsWith('第6项'))!.result).toMatch(
      /^(已完成|逾期未完成|正常推进|进度滞后)[，（]/u,
    );
    expect(view.method).toContain('扣分制');
    expect(view.standing).toMatch(/^市直部门/u);
    expect(checkLines(score, score.lines)).toEqual([]);
  });

  it('refuses lines that break the invariants', async () => {
    const ctx = await createFixtureContext();
    const score = ctx.scores[0]!;
    const broken = { ...score, lines: score.lines.map((l, i) => (i === 0 ? { ...l, score: l.max + 1 } : l)) };
    expect(() => buildSheet(ctx, broken, { title: 't' })).toThrow(
      expect.objectContaining({ code: 'DUBAN_SCORESHEET_INVARIANT' }),
    );
  });
});

describe('the summary', () => {
  it('ranks within groups by the standings, states the method and names the issuing office and date', async () => {
    const ctx = await createFixtureContext({ asOf: '2019-12-31', issue: { date: '2020-01-15' } });
    const view: SummaryView = buildSummary(ctx, { summaryTitle: '{year}年度目标责任考核得分汇总表' });
    expect(view.office).toBe('示例市人民政府督查室');
    expect(view.issuedAt).toBe('2020年1月15日');
    expect(view.groups.map((g) => g.heading)).toEqual(['一、市直部门']);
    const ranks = view.groups[0]!.rows.map((r) => [r.unit, r.rank, r.grade]);
    expect(ranks).toEqual(ctx.standings.map((s) => [s.name, s.rank === null ? '—' : String(s.rank), s.grade]));
    expect(view.notes.join('')).toContain('得分相同的');
  });
});
