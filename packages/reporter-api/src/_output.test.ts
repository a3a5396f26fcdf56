import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from './_freeze.js';
import { createOutputHelpers, isInside, splitOutputTarget } from './_output.js';

const temp = () => mkdtempSync(join(tmpdir(), 'duban-output-test-'));

describe('output helpers', () => {
  it('tells a file target from a directory target', () => {
    const d = temp();
    expect(splitOutputTarget(join(d, 'a/督查通报.pdf'))).toEqual({
      dir: join(d, 'a'),
      file: join(d, 'a/督查通报.pdf'),
    });
    expect(splitOutputTarget(join(d, 'scoresheets'))).toEqual({ dir: join(d, 'scoresheets'), file: null });
    expect(splitOutputTarget(`${join(d, 'v1.2')}/`).file).toBeNull();
  });
  it('writes atomically under the directory and records the file', async () => {
    const d = temp();
    const out = createOutputHelpers(`${d}/out/`);
    const p = await out.writeFile('sub/a.txt', '台账');
    expect(readFileSync(p, 'utf8')).toBe('台账');
    expect(readdirSync(join(d, 'out/sub'))).toEqual(['a.txt']); // no temp file left behind
    expect(out.written()).toEqual([join(d, 'out/sub/a.txt')]);
  });
  it('refuses paths that escape the output directory', async () => {
    const d = temp();
    const out = createOutputHelpers(`${d}/out/`);
    await expect(out.writeFile('../evil.txt', 'x')).rejects.toMatchObject({ code: 'DUBAN_REPORTER_OUTPUT_PATH' });
    expect(() => out.resolve('/etc/passwd')).toThrow(/outside the output directory/);
    expect(readdirSync(d)).toEqual([]);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays', () => {
    const v = deepFreeze({ a: [{ b: 1 }], c: { d: new Uint8Array(2) } });
    expect(Object.isFrozen(v.a[0])).toBe(true);
    expect(() => {
      (v.a as { b: number }[]).push({ b: 2 });
    }).toThrow(TypeError);
  });
});
