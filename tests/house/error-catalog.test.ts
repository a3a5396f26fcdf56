import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DubanError, ERROR_ALIASES, ERRORS, errorClass } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC, renderErrorsDoc } from '../../scripts/errors-doc.js';

const ROOT = join(import.meta.dirname, '../..');

/** Environment variables that share the DUBAN_ prefix; they are settings, not error codes. */
const ENVIRONMENT_VARIABLES = new Set([
  'DUBAN_AUDIT_KEY',
  'DUBAN_BROWSER',
  'DUBAN_CPU',
  'DUBAN_DEBUG',
  'DUBAN_KEEP',
  'DUBAN_PDF_DEBUG',
  'DUBAN_PDF_TIMEOUT_MS',
  'DUBAN_PYTHON',
  'DUBAN_SCREENSHOTS',
]);

/** Every product source file (packages and apps, tests excluded). */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) walk(path);
      else if (d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')) out.push(path);
    }
  };
  for (const top of ['packages', 'apps'])
    for (const pkg of readdirSync(join(ROOT, top))) {
      try {
        walk(join(ROOT, top, pkg, 'src'));
      } catch {
        /* a package without src */
      }
    }
  return out;
}

/** Codes written in the sources: quoted literals, and suffixes composed as `${kind.code}_READ`. */
function scan(): { literals: Map<string, string>; suffixes: Set<string> } {
  const literals = new Map<string, string>();
  const suffixes = new Set<string>();
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](DUBAN_[A-Z0-9_]*[A-Z0-9])(?=['"`:])/g)) {
      if (!ENVIRONMENT_VARIABLES.has(m[1]!) && !literals.has(m[1]!)) literals.set(m[1]!, relative(ROOT, file));
    }
    for (const m of text.matchAll(/\$\{[\w.]*code\}(_[A-Z0-9_]+)`/g)) suffixes.add(m[1]!);
  }
  return { literals, suffixes };
}

const catalogued = new Set<string>([...Object.values(ERRORS).map((e) => e.code), ...Object.keys(ERROR_ALIASES)]);

describe('the error catalog', () => {
  const { literals, suffixes } = scan();
  const composed = [...literals.keys()]
    .flatMap((prefix) => [...suffixes].map((s) => prefix + s))
    .filter((c) => catalogued.has(c));

  it('lists every code the sources throw or report', () => {
    // A literal that is only a prefix composed into catalogued codes (DUBAN_CONFIG → DUBAN_CONFIG_JSON) is fine.
    const isPrefix = (code: string) => composed.some((c) => c.startsWith(`${code}_`));
    const missing = [...literals]
      .filter(([code]) => !catalogued.has(code) && !isPrefix(code))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing, 'add these to packages/core/src/_error-catalog.ts').toEqual([]);
    expect(literals.size).toBeGreaterThan(150);
  });

  it('has no entry that nothing throws', () => {
    const used = new Set([...literals.keys(), ...composed]);
    expect(
      [...catalogued].filter((c) => !used.has(c)),
      'remove these or throw them',
    ).toEqual([]);
  });

  it('gives every code once, with a title, and aliases point at other codes', () => {
    const codes = Object.values(ERRORS).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of Object.values(ERRORS)) expect(e.title.length, e.code).toBeGreaterThan(10);
    for (const alias of Object.keys(ERROR_ALIASES)) expect(codes, alias).not.toContain(alias);
  });

  it('leaves exit codes to the CLI: no library sets one', () => {
    const setters = sourceFiles()
      .filter((f) => !relative(ROOT, f).startsWith('apps/cli/'))
      .filter((f) => /exitCode:\s/.test(readFileSync(f, 'utf8')));
    expect(setters.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('gives an error its class and default hint from the catalog, aliases from their entry', () => {
    expect(new DubanError('DUBAN_STORE_MISSING', 'no ledger').class).toBe('state');
    expect(new DubanError('DUBAN_EVALUATE_NO_PLAN', 'x').hint).toBe(ERRORS.LedgerHasNoPlan.hint);
    expect(new DubanError('DUBAN_EVALUATE_NO_PLAN', 'x', { hint: 'mine' }).hint).toBe('mine');
    expect(errorClass('DUBAN_WEB_NO_PLAN')).toBe(errorClass('DUBAN_STORE_EMPTY'));
    expect(errorClass('ACME_PLUGIN_OWN')).toBe('input');
  });

  it('is what docs/errors.md says (run `npm run docs:errors` after changing it)', () => {
    expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(renderErrorsDoc());
  });
});
