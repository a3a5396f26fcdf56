/**
 * Reads and writes the `cmap` table (code point → glyph id). Reading takes the
 * fullest Unicode subtable (format 12, else format 4); writing emits a format 4
 * subtable for the BMP, a format 12 subtable for everything, and keeps a format
 * 14 (variation sequences) subtable verbatim.
 */

/** Code point → glyph id. */
export type CodeMap = Map<number, number>;

interface Encoding {
  platform: number;
  encoding: number;
  offset: number;
}

function encodings(view: DataView): Encoding[] {
  const n = view.getUint16(2);
  const out: Encoding[] = [];
  for (let i = 0; i < n; i++)
    out.push({
      platform: view.getUint16(4 + 8 * i),
      encoding: view.getUint16(6 + 8 * i),
      offset: view.getUint32(8 + 8 * i),
    });
  return out;
}

/** Parses a cmap table into a code point → glyph map (Unicode subtables only). */
export function readCmap(data: Uint8Array): CodeMap {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const unicode = encodings(view).filter(
    (e) => e.platform === 0 || (e.platform === 3 && (e.encoding === 1 || e.encoding === 10)),
  );
  const format = (e: Encoding) => view.getUint16(e.offset);
  const f12 = unicode.find((e) => format(e) === 12);
  if (f12) return readFormat12(view, f12.offset);
  const f4 = unicode.find((e) => format(e) === 4);
  if (f4) return readFormat4(view, f4.offset);
  return new Map();
}

/** The format 14 subtable's bytes, if the font has one. */
export function readVariations(data: Uint8Array): Uint8Array | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const e = encodings(view).find((x) => x.platform === 0 && x.encoding === 5 && view.getUint16(x.offset) === 14);
  return e ? data.subarray(e.offset, e.offset + view.getUint32(e.offset + 2)) : undefined;
}

function readFormat12(view: DataView, at: number): CodeMap {
  const map: CodeMap = new Map();
  const groups = view.getUint32(at + 12);
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + 12 * i;
    const start = view.getUint32(g);
    const end = view.getUint32(g + 4);
    const glyph = view.getUint32(g + 8);
    for (let c = start; c <= end; c++) map.set(c, glyph + c - start);
  }
  return map;
}

function readFormat4(view: DataView, at: number): CodeMap {
  const map: CodeMap = new Map();
  const segs = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const end = view.getUint16(ends + 2 * s);
    const start = view.getUint16(starts + 2 * s);
    const delta = view.getUint16(deltas + 2 * s);
    const rangeOffset = view.getUint16(ranges + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = view.getUint16(ranges + 2 * s + rangeOffset + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** Builds a cmap table: (0,3)+(3,1) → format 4, (0,4)+(3,10) → format 12, (0,5) → format 14. */
export function writeCmap(map: CodeMap, variations?: Uint8Array): Uint8Array {
  const sorted = [...map.entries()].filter(([, g]) => g !== 0).sort((a, b) => a[0] - b[0]);
  const f4 = format4(sorted.filter(([c]) => c < 0xffff));
  const f12 = format12(sorted);
  const subtables: Uint8Array[] = [f4, f12];
  if (variations) subtables.push(variations);
  const records: [number, number, number][] = [
    [0, 3, 0],
    [0, 4, 1],
    ...(variations ? [[0, 5, 2] as [number, number, number]] : []),
    [3, 1, 0],
    [3, 10, 1],
  ];
  const header = 4 + 8 * records.length;
  const offsets: number[] = [];
  let size = header;
  for (const s of subtables) {
    offsets.push(size);
    size += (s.byteLength + 3) & ~3;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint16(2, records.length);
  records.forEach(([p, e, s], i) => {
    view.setUint16(4 + 8 * i, p);
    view.setUint16(6 + 8 * i, e);
    view.setUint32(8 + 8 * i, offsets[s]!);
  });
  subtables.forEach((s, i) => out.set(s, offsets[i]!));
  return out;
}

function format12(sorted: [number, number][]): Uint8Array {
  const groups: [number, number, number][] = [];
  for (const [c, g] of sorted) {
    const last = groups[groups.length - 1];
    if (last && c === last[1] + 1 && g === last[2] + (c - last[0])) last[1] = c;
    else groups.push([c, c, g]);
  }
  const out = new Uint8Array(16 + 12 * groups.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 12);
  view.setUint32(4, out.byteLength);
  view.setUint32(12, groups.length);
  groups.forEach(([s, e, g], i) => {
    view.setUint32(16 + 12 * i, s);
    view.setUint32(20 + 12 * i, e);
    view.setUint32(24 + 12 * i, g);
  });
  return out;
}

interface Segment {
  start: number;
  end: number;
  /** Constant glyph - code delta, or null when glyphs go to the glyph id array. */
  delta: number | null;
  glyphs: number[];
}

/**
 * Format 4 from BMP mappings. Contiguous runs whose glyphs follow the code
 * points use idDelta (8 bytes per segment); irregular runs use the glyph id
 * array (2 bytes per code point). The table's length field is 16-bit, so when a
 * CJK font does not fit, the highest code points are left to format 12, which
 * every current renderer prefers anyway.
 */
function format4(sorted: [number, number][]): Uint8Array {
  const segments: Segment[] = [];
  for (const [c, g] of sorted) {
    const last = segments[segments.length - 1];
    if (last && c === last.end + 1) {
      last.end = c;
      last.glyphs.push(g);
    } else segments.push({ start: c, end: c, delta: null, glyphs: [g] });
  }
  // Split each run into constant-delta pieces where a piece is long enough to pay for its segment.
  const pieces: Segment[] = [];
  for (const run of segments) {
    let i = 0;
    let pending: Segment | null = null;
    while (i < run.glyphs.length) {
      let j = i + 1;
      while (j < run.glyphs.length && run.glyphs[j]! - j === run.glyphs[i]! - i) j++;
      if (j - i >= 4) {
        if (pending) pieces.push(pending), (pending = null);
        pieces.push({
          start: run.start + i,
          end: run.start + j - 1,
          delta: run.glyphs[i]! - (run.start + i),
          glyphs: run.glyphs.slice(i, j),
        });
      } else {
        pending ??= { start: run.start + i, end: run.start + i - 1, delta: null, glyphs: [] };
        pending.end = run.start + j - 1;
        pending.glyphs.push(...run.glyphs.slice(i, j));
      }
      i = j;
    }
    if (pending) pieces.push(pending);
  }
  for (const p of pieces) if (p.delta === null && p.glyphs.length === 1) p.delta = p.glyphs[0]! - p.start;
  while (format4Size(pieces) > 0xffff) pieces.pop();
  return encodeFormat4(pieces);
}

function format4Size(pieces: Segment[]): number {
  let arr = 0;
  for (const p of pieces) if (p.delta === null) arr += p.glyphs.length;
  return 16 + 8 * (pieces.length + 1) + 2 * arr;
}

function encodeFormat4(pieces: Segment[]): Uint8Array {
  const segs = [...pieces, { start: 0xffff, end: 0xffff, delta: 1, glyphs: [0] }];
  const n = segs.length;
  const size = format4Size(pieces);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(n));
  view.setUint16(0, 4);
  view.setUint16(2, size);
  view.setUint16(6, n * 2);
  view.setUint16(8, 2 * 2 ** entrySelector);
  view.setUint16(10, entrySelector);
  view.setUint16(12, 2 * n - 2 * 2 ** entrySelector);
  const ends = 14;
  const starts = ends + 2 * n + 2;
  const deltas = starts + 2 * n;
  const ranges = deltas + 2 * n;
  let array = ranges + 2 * n;
  segs.forEach((s, i) => {
    view.setUint16(ends + 2 * i, s.end);
    view.setUint16(starts + 2 * i, s.start);
    if (s.delta !== null) {
      view.setUint16(deltas + 2 * i, s.delta & 0xffff);
      view.setUint16(ranges + 2 * i, 0);
    } else {
      view.setUint16(deltas + 2 * i, 0);
      view.setUint16(ranges + 2 * i, array - (ranges + 2 * i));
      for (const g of s.glyphs) view.setUint16(array, g), (array += 2);
    }
  });
  return out;
}
