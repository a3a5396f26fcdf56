import { describe, expect, it } from 'vitest';
import { type CodeMap, readCmap, writeCmap } from './_cmap.js';

/** Reads only the format 4 subtable of a cmap we wrote (encoding record 3,1). */
function readFormat4Only(cmap: Uint8Array): CodeMap {
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const n = view.getUint16(2);
  for (let i = 0; i < n; i++) {
    if (view.getUint16(4 + 8 * i) === 3 && view.getUint16(6 + 8 * i) === 1) {
      const off = view.getUint32(8 + 8 * i);
      // Re-wrap the subtable as a one-record cmap so readCmap parses it as format 4.
      const sub = cmap.subarray(off);
      const out = new Uint8Array(12 + sub.byteLength);
      const v = new DataView(out.buffer);
      v.setUint16(2, 1);
      v.setUint16(4, 3);
      v.setUint16(6, 1);
      v.setUint32(8, 12);
      out.set(sub, 12);
      return readCmap(out);
    }
  }
  throw new Error('no format 4');
}

describe('cmap writer', () => {
  const map: CodeMap = new Map();
  // Regular runs (delta segments), irregular runs (glyph array), gaps and supplementary planes.
  for (let c = 0x20; c < 0x7f; c++) map.set(c, c - 29);
  for (let c = 0x4e00; c < 0x4e40; c++) map.set(c, 1000 + ((c * 7919) % 500));
  map.set(0x5de5, 42);
  map.set(0x20000, 7);
  map.set(0x20001, 8);

  it('round-trips every mapping through format 12', () => {
    const back = readCmap(writeCmap(map));
    expect([...back].sort((a, b) => a[0] - b[0])).toEqual([...map].sort((a, b) => a[0] - b[0]));
  });

  it('writes a format 4 subtable with the same BMP mappings', () => {
    const bmp = readFormat4Only(writeCmap(map));
    expect(bmp.get(0x41)).toBe(0x41 - 29);
    expect(bmp.get(0x4e07)).toBe(map.get(0x4e07));
    expect(bmp.get(0x5de5)).toBe(42);
    expect(bmp.has(0x20000)).toBe(false);
    expect(bmp.size).toBe([...map.keys()].filter((c) => c < 0xffff).length);
  });
});
