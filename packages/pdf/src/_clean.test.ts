import { describe, expect, it } from 'vitest';
import { cleanMap, hasSimplified, SIMPLIFIED_PROBE } from './_clean.js';

describe('cleanMap', () => {
  it('drops radicals and compatibility ideographs sharing a glyph with a unified ideograph', () => {
    const map = new Map([
      [0x5de5, 10], // 工
      [0x2f2f, 10], // ⼯ KANGXI RADICAL WORK, same glyph
      [0x2ee8, 11], // ⻨ a supplement radical with a glyph of its own
      [0xf900, 12], // 豈 compatibility ideograph sharing 豈's glyph
      [0x8c48, 12],
      [0x41, 3],
    ]);
    const { map: out, dropped } = cleanMap(map);
    expect(dropped.sort()).toEqual([0x2f2f, 0xf900].sort());
    expect(out.get(0x5de5)).toBe(10);
    expect(out.get(0x2ee8)).toBe(11);
    expect(out.get(0x41)).toBe(3);
  });

  it('drops control characters (Fandol maps U+0000–U+001F to the space glyph)', () => {
    const { map: out, dropped } = cleanMap(
      new Map([
        [0x0, 1],
        [0x1, 1],
        [0x20, 1],
        [0xa0, 1],
      ]),
    );
    expect(dropped).toEqual([0x0, 0x1]);
    expect([...out.keys()]).toEqual([0x20, 0xa0]);
  });
});

describe('hasSimplified', () => {
  it('needs every probe character', () => {
    const all = new Map([...SIMPLIFIED_PROBE].map((ch, i) => [ch.codePointAt(0)!, i + 1]));
    expect(hasSimplified(all)).toBe(true);
    all.delete('这'.codePointAt(0)!);
    expect(hasSimplified(all)).toBe(false);
  });
});
