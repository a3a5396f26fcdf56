import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { pad, table, truncate } from './_table.js';

describe('table', () => {
  it('aligns CJK text by display width', () => {
    const out = table(
      [
        { a: '市发改委', b: 1 },
        { a: 'ab', b: 22 },
      ],
      [
        { header: '单位', get: (r) => r.a },
        { header: 'n', get: (r) => r.b, align: 'right' },
      ],
    ).split('\n');
    const widths = out.map((l) => stringWidth(l));
    expect(widths[2]).toBe(widths[3]);
    expect(out[3]).toBe('ab        22');
  });
  it('pads and truncates by columns', () => {
    expect(stringWidth(pad('安康', 7))).toBe(7);
    expect(truncate('安康市人民政府', 7)).toBe('安康市…');
  });
});
