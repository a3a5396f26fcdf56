import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineReporter } from '../_define.js';
import { API_VERSION, type Reporter } from '../_types.js';
import { checkReporter } from './_check.js';
import { createFixtureContext } from './_fixture.js';

const make = (create: () => Reporter, extra: { apiVersion?: number; options?: z.ZodType | undefined } = {}) =>
  defineReporter({
    name: 'probe',
    apiVersion: extra.apiVersion ?? API_VERSION,
    options: 'options' in extra ? extra.options : z.object({ title: z.string().default('t') }),
    create,
  });

const writesOne = () => ({
  async render(c: Parameters<NonNullable<Reporter['render']>>[0]) {
    const path = await c.output.writeFile('probe.txt', String(c.tasks.length));
    return [{ path, kind: 'txt' }];
  },
});

describe('checkReporter', () => {
  it('passes a well-behaved reporter and returns its outputs', async () => {
    const r = await checkReporter(make(writesOne));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.outputs).toHaveLength(1);
    expect(r.outputs[0]).toMatch(/probe\.txt$/);
  });
  it('flags a missing options schema and a wrong apiVersion', async () => {
    const r = await checkReporter(make(writesOne, { apiVersion: 99, options: undefined }));
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/apiVersion is 99/);
    expect(r.problems.join('\n')).toMatch(/meta\.options is missing/);
  });
  it('flags options that do not validate, as path: message', async () => {
    const r = await checkReporter(make(writesOne), { options: { title: 3 } });
    expect(r.problems).toEqual([expect.stringMatching(/^options invalid: title: /)]);
  });
  it('flags a reporter that mutates the context', async () => {
    const r = await checkReporter(
      make(() => ({
        render(c) {
          (c.tasks as unknown as unknown[]).pop();
        },
      })),
    );
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/failed on the fixture context: .*render\(\)/);
  });
  it('flags files written outside the output directory', async () => {
    const r = await checkReporter(
      make(() => ({
        render(c) {
          writeFileSync(join(c.output.dir, '..', 'stray.txt'), 'x');
        },
      })),
    );
    expect(r.problems).toContain('wrote stray.txt outside the output directory');
  });
  it('flags render results that are not outputs, or name missing files', async () => {
    const notArray = await checkReporter(make(() => ({ render: () => 'done' as never })));
    expect(notArray.problems.join('\n')).toMatch(/expected an array/);
    const missing = await checkReporter(make(() => ({ render: () => [{ path: 'nowhere.pdf', kind: 'pdf' }] })));
    expect(missing.problems.join('\n')).toMatch(/nowhere\.pdf, which does not exist/);
  });
  it('flags a teardown that throws after a failed render', async () => {
    const r = await checkReporter(
      make(() => ({
        async render(c) {
          await c.output.writeFile('a.txt', 'a');
        },
        teardown() {
          throw new Error('boom');
        },
      })),
    );
    expect(r.problems.some((p) => p.startsWith('teardown() threw after a failed render()'))).toBe(true);
  });
});

describe('createFixtureContext', () => {
  it('is deep-frozen and judged by the real rules: every status the default rules give, a task ahead, a correction applied', async () => {
    const c = await createFixtureContext();
    expect(Object.isFrozen(c.plan.tasks[0]!.assignments)).toBe(true);
    expect(Object.isFrozen(c.tasks[0]!.figure)).toBe(true);
    expect(c.counts).toEqual({ completed: 1, on_track: 2, at_risk: 2, overdue: 1, not_due: 0 });
    expect(c.tasks.find((t) => t.task === 6)!.verdict.category).toBe('ahead');
    expect(c.tasks.find((t) => t.task === 6)!.figure).toMatchObject({
      percent: 70,
      unit: '市财政局',
      date: '2019-06-12',
      text: '完成70%（市财政局6月12日报）',
    });
    expect(c.tasks.find((t) => t.task === 4)).toMatchObject({
      noLead: true,
      lead: [],
      responsible: ['市住建局', '市财政局'],
      reportingUnit: '市住建局',
    });
    expect(c.scores.every((s) => Math.abs(s.lines.reduce((a, l) => a + l.score, 0) - s.total) < 1e-9)).toBe(true);
    expect(c.method.scheduleStart).toBe('2019-01-01');
  });
  it('judges overrides by the same code path: a later as-of date moves verdicts', async () => {
    const c = await createFixtureContext({ asOf: '2019-12-31' });
    expect(c.tasks.find((t) => t.task === 1)!.verdict.status).toBe('overdue');
  });
  it('has a PDF double that writes a valid PDF and records the call', async () => {
    const c = await createFixtureContext();
    const res = await c.pdf.renderTemplate('bulletin/bulletin.hbs', { a: 1 }, 'x/doc.pdf');
    expect(res.path).toBe(join(c.output.dir, 'x/doc.pdf'));
    expect(execFileSync('pdfinfo', [res.path], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
    expect(c.pdfDouble?.calls()).toEqual([
      expect.objectContaining({ method: 'renderTemplate', template: 'bulletin/bulletin.hbs' }),
    ]);
    expect(c.written()).toEqual([res.path]);
    await expect(c.pdf.renderHtml('<p>', '../out.pdf')).rejects.toMatchObject({ code: 'DUBAN_REPORTER_OUTPUT_PATH' });
  });
});
