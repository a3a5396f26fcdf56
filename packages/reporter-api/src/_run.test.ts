import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DubanError } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { defineReporter } from './_define.js';
import { createOutputHelpers } from './_output.js';
import { type HookName, runReporter } from './_run.js';
import { API_VERSION, type ReportContext, type Reporter } from './_types.js';

const output = () => createOutputHelpers(`${mkdtempSync(join(tmpdir(), 'duban-run-test-'))}/`);
const reporter = (hooks: Reporter) => defineReporter({ name: 'r', apiVersion: API_VERSION, create: () => hooks });
const ctx = (out: ReturnType<typeof output>) => () => ({ output: out }) as unknown as ReportContext;

describe('runReporter', () => {
  it('runs setup, render, teardown in order and lists written files after listed ones', async () => {
    const seen: HookName[] = [];
    const out = output();
    const outputs = await runReporter(
      reporter({
        async render(c) {
          await c.output.writeFile('b.txt', 'b');
          return [{ path: await c.output.writeFile('a.txt', 'a'), kind: 'txt', description: 'A' }];
        },
      }),
      {},
      ctx(out),
      out,
      { onHook: (h) => seen.push(h) },
    );
    expect(seen).toEqual(['create', 'setup', 'render', 'teardown']);
    expect(outputs.map((o) => [o.path.slice(-5), o.kind])).toEqual([
      ['a.txt', 'txt'],
      ['b.txt', 'txt'],
    ]);
  });
  it('calls teardown after a throwing render and names plug-in and hook', async () => {
    let tornDown = false;
    const out = output();
    const err = await runReporter(
      reporter({
        render() {
          throw new Error('bad data');
        },
        teardown() {
          tornDown = true;
        },
      }),
      {},
      ctx(out),
      out,
      { plugin: 'duban-reporter-r' },
    ).catch((e: unknown) => e);
    expect(tornDown).toBe(true);
    expect(err).toBeInstanceOf(DubanError);
    expect((err as DubanError).code).toBe('DUBAN_REPORTER_FAILED');
    expect((err as DubanError).message).toBe('reporter plug-in duban-reporter-r failed in render(): bad data');
    expect((err as DubanError).problems).toEqual([]);
  });
  it('adds the plug-in stack only in debug mode, and keeps the code of duban errors while naming the plug-in', async () => {
    const out = output();
    const debug = await runReporter(
      reporter({
        setup() {
          throw new Error('x');
        },
      }),
      {},
      ctx(out),
      out,
      { debug: true },
    ).then(
      () => {
        throw new Error('expected a failure');
      },
      (e: DubanError) => e,
    );
    expect(debug.message).toContain('failed in setup()');
    expect(debug.problems.length).toBeGreaterThan(0);
    const own = new DubanError('DUBAN_TEMPLATE_MISSING', 'template x not found');
    const kept = (await runReporter(
      reporter({
        render() {
          throw own;
        },
      }),
      {},
      ctx(out),
      out,
      { plugin: 'duban-reporter-r' },
    ).catch((e: unknown) => e)) as DubanError;
    expect(kept.code).toBe('DUBAN_TEMPLATE_MISSING');
    expect(kept.message).toBe('reporter plug-in duban-reporter-r failed in render(): template x not found');
    expect(kept.cause).toBe(own);
    // A look-alike (another copy of @duban/core) comes back as a real DubanError with the same code.
    const alike = Object.assign(new Error('no rows'), { name: 'DubanError', code: 'ACME_NO_ROWS', hint: 'add rows' });
    const rebuilt = await runReporter(
      reporter({
        render() {
          throw alike;
        },
      }),
      {},
      ctx(out),
      out,
    ).catch((e: unknown) => e);
    expect(rebuilt).toBeInstanceOf(DubanError);
    expect((rebuilt as DubanError).format()).toBe(
      'ACME_NO_ROWS: reporter plug-in r failed in render(): no rows\n  hint: add rows',
    );
  });
});
