import { type DubanError, isDubanError } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineReporter } from './_define.js';
import { API_VERSION } from './_types.js';
import { assertReporterFactory, isReporterFactory, validateReporterOptions } from './_validate.js';

const good = defineReporter({
  name: 'x',
  apiVersion: API_VERSION,
  options: z.object({ limit: z.number().int().default(3), deep: z.object({ on: z.boolean() }).optional() }),
  create: () => ({}),
});

function thrown(fn: () => unknown): DubanError {
  try {
    fn();
  } catch (e) {
    if (isDubanError(e)) return e;
    throw e;
  }
  throw new Error('expected a DubanError');
}

describe('assertReporterFactory', () => {
  it('accepts defineReporter output and rejects look-alikes', () => {
    expect(assertReporterFactory(good, 'x')).toBe(good);
    expect(isReporterFactory(() => ({}))).toBe(false);
    expect(isReporterFactory({ meta: { name: 'x', apiVersion: 1 } })).toBe(false);
    const e = thrown(() => assertReporterFactory(undefined, 'duban-reporter-y'));
    expect(e.code).toBe('DUBAN_REPORTER_INVALID');
    expect(e.message).toContain('duban-reporter-y');
    expect(e.message).toContain('no default export');
  });
  it("names the plug-in, its apiVersion and duban's on a mismatch", () => {
    const old = defineReporter({ name: 'old', apiVersion: API_VERSION + 1, create: () => ({}) });
    const e = thrown(() => assertReporterFactory(old, 'duban-reporter-old'));
    expect(e.code).toBe('DUBAN_REPORTER_API_VERSION');
    expect(e.message).toContain('duban-reporter-old');
    expect(e.message).toContain(`apiVersion ${API_VERSION + 1}`);
    expect(e.message).toContain(`speaks apiVersion ${API_VERSION}`);
    expect(e.hint).toMatch(/upgrade duban/);
  });
  it('rejects options that are not a zod schema', () => {
    const bad = defineReporter({
      name: 'b',
      apiVersion: API_VERSION,
      options: { parse() {} } as never,
      create: () => ({}),
    });
    expect(thrown(() => assertReporterFactory(bad, 'b')).code).toBe('DUBAN_REPORTER_INVALID');
  });
});

describe('validateReporterOptions', () => {
  it('applies defaults', () => {
    expect(validateReporterOptions(good, {})).toEqual({ limit: 3 });
  });
  it('reports every issue as `path: message`, naming the plug-in', () => {
    const e = thrown(() => validateReporterOptions(good, { limit: 'many', deep: { on: 'yes' } }, 'duban-reporter-x'));
    expect(e.code).toBe('DUBAN_REPORTER_OPTIONS');
    expect(e.message).toContain('duban-reporter-x');
    expect(e.problems.map((p) => p.message.split(':')[0])).toEqual(['limit', 'deep.on']);
    expect(e.format()).toContain('- limit: ');
  });
  it('refuses options for a reporter that declares none', () => {
    const bare = defineReporter({ name: 'bare', apiVersion: API_VERSION, create: () => ({}) });
    expect(validateReporterOptions(bare, {})).toEqual({});
    expect(thrown(() => validateReporterOptions(bare, { a: 1 })).problems[0]?.message).toBe('a: not an option of bare');
  });
});
