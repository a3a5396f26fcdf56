import { describe, expect, it } from 'vitest';
import { parseValue, writeValue } from './_pdfobj.js';
import { readToUnicode, trimToUnicode, trimWidths } from './_tounicode.js';

describe('ToUnicode and widths of a split font', () => {
  const cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0003> <0020>\n<0010> <5DE5>\nendbfchar\n1 beginbfrange\n<0020> <0022> <4E00>\nendbfrange\nendcmap';
  it('reads bfchar and bfrange entries', () => {
    expect([...readToUnicode(cmap)]).toEqual([
      [3, '0020'],
      [16, '5DE5'],
      [32, '4E00'],
      [33, '4E01'],
      [34, '4E02'],
    ]);
  });
  it('keeps only the glyphs asked for, mapped as before', () => {
    const trimmed = trimToUnicode(cmap, new Set([16, 33]));
    expect([...readToUnicode(trimmed)]).toEqual([
      [16, '5DE5'],
      [33, '4E01'],
    ]);
    expect(trimmed).toContain('endcodespacerange');
  });
  it('trims /W to the glyphs kept, runs written together', () => {
    const w = parseValue('[3 [250] 16 [1000 1000 1000] 30 40 500]') as { k: 'arr'; v: [] };
    expect(writeValue(trimWidths(w, new Set([3, 17, 18, 35, 99])))).toBe('[3 [250] 17 [1000 1000] 35 [500]]');
  });
});
