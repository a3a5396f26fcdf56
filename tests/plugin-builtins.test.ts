import type { ReporterFactory } from '@duban/reporter-api';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';

// The built-in reporters are held to the same contract as third-party ones:
// each passes the conformance kit that plug-in authors run.

const load = async (name: string) =>
  ((await import(`@duban/reporter-${name}`)) as { default: ReporterFactory }).default;

describe('built-in reporters pass the conformance kit', () => {
  it('bulletin: the bulletin and its attachment, named for the fixture issue (第3期)', async () => {
    const r = await checkReporter(await load('bulletin'));
    expect(r.problems).toEqual([]);
    expect(r.outputs).toHaveLength(2);
    expect(r.outputs[0]).toMatch(/第3期\.pdf$/);
    expect(r.outputs[1]).toMatch(/第3期-附件\.pdf$/);
  });
  it('scoresheet: one PDF per assessed unit plus the summary', async () => {
    const r = await checkReporter(await load('scoresheet'));
    const { scores, units } = await createFixtureContext();
    expect(r.problems).toEqual([]);
    expect(r.outputs.filter((p) => p.endsWith('.pdf'))).toHaveLength(scores.length + 1);
    for (const s of scores)
      expect(r.outputs.some((p) => p.includes(units.find((u) => u.unit === s.unit)!.name))).toBe(true);
  });
  it('ledger: one workbook', async () => {
    const r = await checkReporter(await load('ledger'));
    expect(r.problems).toEqual([]);
    expect(r.outputs).toEqual([expect.stringMatching(/\.xlsx$/)]);
  });
});
