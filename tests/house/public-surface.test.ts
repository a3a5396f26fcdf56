import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLIC_API_DOC, publicSurface, renderPublicApi } from '../../scripts/public-surface.js';

// A package's public surface is what its entry points (package.json "exports") export;
// every other module is private to it (biome.jsonc forbids reaching into another
// package's src). Each export needs a line of JSDoc, and docs/public-api.md lists them
// all, so an export added or dropped shows in review as a change to that file.
const surface = publicSurface();

describe('the public surface', () => {
  it('covers every package entry point', () => {
    const entries = new Set(surface.map((e) => e.entry));
    for (const name of [
      '@duban/core',
      '@duban/rules',
      '@duban/store',
      '@duban/reporter-api',
      '@duban/reporter-api/testing',
      '@duban/web',
    ])
      expect(entries).toContain(name);
    expect(surface.length).toBeGreaterThan(300);
  });

  it('documents every export with JSDoc', () => {
    const undocumented = surface.filter((e) => !e.doc).map((e) => `${e.entry}: ${e.name}`);
    expect(undocumented, 'add a line of JSDoc to these exports').toEqual([]);
  });

  it('is what docs/public-api.md lists (run `npm run docs:api` after changing an export)', () => {
    expect(readFileSync(PUBLIC_API_DOC, 'utf8')).toBe(renderPublicApi(surface));
  });
});
