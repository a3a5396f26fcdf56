import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// File naming is a convention with a meaning (CONTRIBUTING.md):
//   index.ts            an entry point: the package's public surface (docs/public-api.md)
//   commands/<name>.ts  a CLI command, reached only through the registry (apps/cli/src/_main.ts)
//   _<name>.ts          a private module of its package
//   <name>.test.ts      a test: beside the code it tests, or in tests/ across packages
//   _<name>.test-helper.ts  a helper for the package's own tests; product code never imports it
// Cross-package test helpers live in tests/_support/, fixture data in tests/fixtures/,
// SAMPLE data generators in dev/ (never in a published package).

const ROOT = join(import.meta.dirname, '../..');

/** Test-only files that predate the convention in code another engineer owns; rename when merged. */
const KNOWN_EXCEPTIONS = new Set(['packages/store/src/_test-fixtures.ts']);

function walk(dir: string, out: string[] = []): string[] {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.name === 'node_modules' || d.name === 'dist') continue;
    const path = join(dir, d.name);
    if (d.isDirectory()) walk(path, out);
    else out.push(relative(ROOT, path));
  }
  return out;
}

const sources = ['packages', 'apps']
  .flatMap((top) =>
    readdirSync(join(ROOT, top)).flatMap((p) => {
      try {
        return walk(join(ROOT, top, p, 'src'));
      } catch {
        return [];
      }
    }),
  )
  .filter((f) => f.endsWith('.ts'));

const isTest = (f: string) => f.endsWith('.test.ts');
const isHelper = (f: string) => f.endsWith('.test-helper.ts') || KNOWN_EXCEPTIONS.has(f);

describe('file naming', () => {
  it('gives every source file one of the meaningful forms', () => {
    const odd = sources.filter((f) => {
      const name = f.split('/').at(-1)!;
      if (isTest(f) || isHelper(f) || name === 'index.ts' || name.endsWith('.d.ts')) return false;
      if (/^apps\/cli\/src\/commands\/[a-z-]+\.ts$/.test(f)) return false;
      return !/^_[a-z0-9-]+(\.[a-z0-9-]+)?\.ts$/i.test(name);
    });
    expect(odd).toEqual([]);
    expect(sources.length).toBeGreaterThan(200);
  });

  it('names test-only modules *.test-helper.ts and keeps them out of product code', () => {
    const testLooking = sources.filter(
      (f) =>
        !isTest(f) &&
        !isHelper(f) &&
        !f.includes('/testing/') &&
        /(^|[_/-])(test|tests|fixture|fixtures|fake|mock|sample)([_.-]|$)/i.test(f.split('/').at(-1)!),
    );
    expect(testLooking, 'rename to _<what>.test-helper.ts (or move demo data to dev/)').toEqual([]);
    const importers = sources
      .filter((f) => !isTest(f) && !isHelper(f))
      .filter((f) => /from '[^']*\.test-helper\.js'|_test-fixtures\.js'/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(importers, 'product code imports a test helper').toEqual([]);
  });

  it('keeps cross-package helpers in tests/_support and no code among the fixture data', () => {
    const tests = walk(join(ROOT, 'tests')).filter((f) => f.endsWith('.ts'));
    const misplaced = tests.filter((f) => !isTest(f) && !f.startsWith('tests/_support/'));
    expect(misplaced).toEqual([]);
    expect(tests.filter((f) => f.startsWith('tests/_support/')).length).toBeGreaterThan(5);
  });
});
