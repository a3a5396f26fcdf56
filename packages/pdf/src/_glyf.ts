/**
 * Just enough of the TrueType `glyf` table to subset an embedded font without
 * keeping glyph ids: the components of composite glyphs (which a subset must
 * keep too) and the glyph count of a font.
 */
import { readFaces, table } from './_sfnt.js';

/** The glyph count (maxp.numGlyphs) of a font, or 0 when it has none. */
export function glyphCount(font: Uint8Array): number {
  const maxp = table(readFaces(font)[0]!, 'maxp');
  return maxp && maxp.byteLength >= 6 ? (maxp[4]! << 8) | maxp[5]! : 0;
}

/** `gids` plus every glyph their composite glyphs use, recursively. */
export function withComponents(font: Uint8Array, gids: Iterable<number>): Set<number> {
  const out = new Set(gids);
  const face = readFaces(font)[0]!;
  const head = table(face, 'head');
  const loca = table(face, 'loca');
  const glyf = table(face, 'glyf');
  if (!head || !loca || !glyf) return out;
  const long = ((head[50]! << 8) | head[51]!) === 1;
  const lv = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const gv = new DataView(glyf.buffer, glyf.byteOffset, glyf.byteLength);
  const count = Math.floor(loca.byteLength / (long ? 4 : 2)) - 1;
  const offset = (g: number) => (long ? lv.getUint32(4 * g) : 2 * lv.getUint16(2 * g));
  const stack = [...out];
  while (stack.length) {
    const g = stack.pop()!;
    if (g < 0 || g >= count) continue;
    const start = offset(g);
    if (offset(g + 1) - start < 10 || gv.getInt16(start) >= 0) continue; // empty or simple
    let at = start + 10;
    for (;;) {
      const flags = gv.getUint16(at);
      const component = gv.getUint16(at + 2);
      if (!out.has(component)) {
        out.add(component);
        stack.push(component);
      }
      at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      if (!(flags & 0x20)) break;
    }
  }
  return out;
}
