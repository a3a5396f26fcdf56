import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCmap } from './_cmap.js';
import { resolveRole } from './_fonts.js';
import { readFaces, table } from './_sfnt.js';
import { FontSubsetter } from './_subset.js';
import { codePointsOf } from './_webfonts.js';

describe('codePointsOf', () => {
  it('takes every code point of the texts, astral ones included', () => {
    const set = codePointsOf('工作𠀀', 'A');
    for (const c of [0x5de5, 0x4f5c, 0x20000, 0x41]) expect(set.has(c)).toBe(true);
    expect(set.has(0x4e00)).toBe(false);
  });
});

describe('FontSubsetter', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'duban-subset-test-'));
  const subsetter = new FontSubsetter();
  afterAll(() => {
    subsetter.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('keeps the cleaned cmap for the requested characters only (no radicals come back)', async () => {
    const font = resolveRole('fangsong', { cacheDir });
    const data = await subsetter.subset(font.cleanFile, codePointsOf('工作督查0—'));
    expect(data).toBeDefined();
    expect(data!.byteLength).toBeLessThan(200_000);
    const cmap = readCmap(table(readFaces(data!)[0]!, 'cmap')!);
    for (const ch of '工作督查0—') expect(cmap.has(ch.codePointAt(0)!)).toBe(true);
    expect(cmap.has(0x2f2f)).toBe(false); // ⼯ KANGXI RADICAL WORK, removed by the cleaning
    expect(cmap.has(0x4e00)).toBe(false);
  });

  it('answers undefined for a file that is not a font', async () => {
    expect(await subsetter.subset('/nonexistent/font.otf', [0x41])).toBeUndefined();
  });
});
