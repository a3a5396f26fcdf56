import { describe, expect, it } from 'vitest';
import { checkReporter, createFixtureContext, fixtureScores } from '@duban/reporter-api/testing';
import scoresheet, { SHEET_TEMPLATE, SUMMARY_TEMPLATE } from './index.js';
import { ScoresheetOptions } from './_options.js';
import type { SheetView } from './_sheet.js';

describe('the scoresheet reporter', () => {
  it('passes the reporter conformance kit', async () => {
    const r = await checkReporter(scoresheet);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('asks the renderer for one sheet per unit and the summary, with totals from the context', async () => {
    const options = ScoresheetOptions.parse({ concurrency: 1 });
    const ctx = createFixtureContext<ScoresheetOptions>({ options });
    const out = (await scoresheet(options).render!(ctx)) ?? [];
    const calls = ctx.pdfDouble!.calls();
    expect(calls.map((c) => c.template)).toEqual([...fixtureScores.map(() => SHEET_TEMPLATE), SUMMARY_TEMPLATE]);
    expect(calls.slice(0, -1).map((c) => (c.data as SheetView).totalValue)).toEqual(fixtureScores.map((s) => s.total));
    expect(out).toHaveLength(fixtureScores.length + 1);
  });

  it('renders one unit with `unit`, and refuses an unknown one with DUBAN_SCORESHEET_UNIT', async () => {
    const unit = fixtureScores[1]!.unit;
    const options = ScoresheetOptions.parse({ unit });
    const ctx = createFixtureContext<ScoresheetOptions>({ options });
    expect(await scoresheet(options).render!(ctx)).toHaveLength(1);
    const bad = ScoresheetOptions.parse({ unit: '无此单位' });
    await expect(scoresheet(bad).render!(createFixtureContext<ScoresheetOptions>({ options: bad }))).rejects.toMatchObject({ code: 'DUBAN_SCORESHEET_UNIT' });
  });

  it('refuses a context without scores instead of writing an empty ranking', async () => {
    const options = ScoresheetOptions.parse({});
    const ctx = createFixtureContext<ScoresheetOptions>({ options, scores: [] });
    await expect(scoresheet(options).render!(ctx)).rejects.toMatchObject({ code: 'DUBAN_SCORESHEET_EMPTY' });
    expect(ctx.written()).toEqual([]);
  });
});
