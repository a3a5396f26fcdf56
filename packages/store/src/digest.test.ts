import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestFields } from './_digest.js';

describe('digestFields', () => {
  it('hashes exactly the joined fields, so ledgers written before it was streamed still verify', () => {
    const joined = (...f: (string | number | null | undefined)[]) =>
      createHash('sha256')
        .update(f.map((x) => (x === null || x === undefined ? '\u0000' : String(x))).join('\u001f'))
        .digest('hex');
    for (const c of [
      ['progress', 1, 2, '市发改委', null, undefined, '', 3.5],
      ['a'],
      [],
      ['', ''],
      ['x\u001fy', 0],
    ] as (string | number | null | undefined)[][]) {
      expect(digestFields(...c)).toBe(joined(...c));
    }
    expect(digestFields('ab', 'c')).not.toBe(digestFields('a', 'bc'));
  });
});
