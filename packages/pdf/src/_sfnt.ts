/**
 * Minimal sfnt (TrueType/OpenType) container reader and writer: enough to pull
 * one face out of a .ttc collection and write it back as a standalone font with
 * one table replaced. Table data is copied byte for byte; only the directory,
 * the checksums and head.checkSumAdjustment are recomputed.
 */
import { DubanError } from '@duban/core';

/** One table of a face: its tag and its bytes (a view into the source file). */
export interface SfntTable {
  tag: string;
  data: Uint8Array;
}

/** One face: its sfnt version (0x00010000 TrueType, 'OTTO' CFF) and tables. */
export interface SfntFace {
  version: number;
  tables: SfntTable[];
}

const OTTO = 0x4f54544f;
const TTCF = 0x74746366;

/** True when the face has CFF outlines (write it as .otf rather than .ttf). */
export function isCff(face: SfntFace): boolean {
  return face.version === OTTO;
}

/** Reads every face of a font file (.ttf/.otf: one face; .ttc: each member). */
export function readFaces(buf: Uint8Array, file = 'font'): SfntFace[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12) throw notAFont(file);
  const tag = view.getUint32(0);
  if (tag === TTCF) {
    const count = view.getUint32(8);
    if (count === 0 || 12 + 4 * count > buf.byteLength) throw notAFont(file);
    const faces: SfntFace[] = [];
    for (let i = 0; i < count; i++) faces.push(readFace(buf, view, view.getUint32(12 + 4 * i), file));
    return faces;
  }
  return [readFace(buf, view, 0, file)];
}

function readFace(buf: Uint8Array, view: DataView, at: number, file: string): SfntFace {
  const version = view.getUint32(at);
  if (version !== 0x00010000 && version !== OTTO && version !== 0x74727565 /* 'true' */) throw notAFont(file);
  const numTables = view.getUint16(at + 4);
  const tables: SfntTable[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = at + 12 + 16 * i;
    const tag = String.fromCharCode(buf[rec]!, buf[rec + 1]!, buf[rec + 2]!, buf[rec + 3]!);
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    if (offset + length > buf.byteLength) throw notAFont(file);
    tables.push({ tag, data: buf.subarray(offset, offset + length) });
  }
  return { version, tables };
}

/** The table with `tag`, or undefined. */
export function table(face: SfntFace, tag: string): Uint8Array | undefined {
  return face.tables.find((t) => t.tag === tag)?.data;
}

/** Checksum of a table: the sum of its big-endian uint32 words, zero-padded. */
export function checksum(data: Uint8Array): number {
  let sum = 0;
  const full = data.byteLength & ~3;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < full; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (full < data.byteLength) {
    let last = 0;
    for (let i = 0; i < 4; i++) last = (last << 8) | (data[full + i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** Writes a face as a standalone sfnt: sorted directory, 4-byte aligned tables, fresh checksums. */
export function writeFace(face: SfntFace): Uint8Array {
  const tables = [...face.tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  const headerSize = 12 + 16 * n;
  let size = headerSize;
  for (const t of tables) size += (t.data.byteLength + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, face.version);
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, n * 16 - searchRange);
  let offset = headerSize;
  let headOffset = -1;
  tables.forEach((t, i) => {
    const data = t.tag === 'head' ? zeroAdjustment(t.data) : t.data;
    out.set(data, offset);
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[rec + k] = t.tag.charCodeAt(k);
    view.setUint32(rec + 4, checksum(data));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, data.byteLength);
    if (t.tag === 'head') headOffset = offset;
    offset += (data.byteLength + 3) & ~3;
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

function zeroAdjustment(head: Uint8Array): Uint8Array {
  // new Uint8Array(view) copies; Buffer#slice (fonts come from readFileSync) would not.
  const copy = new Uint8Array(head);
  if (copy.byteLength >= 12) new DataView(copy.buffer).setUint32(8, 0);
  return copy;
}

/** Family names of a face from its `name` table (IDs 16 then 1; Windows Unicode or Mac Roman). */
export function familyNames(face: SfntFace): string[] {
  const data = table(face, 'name');
  if (!data) return [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  const names = new Set<string>();
  for (const wanted of [16, 1]) {
    for (let i = 0; i < count; i++) {
      const rec = 6 + 12 * i;
      const platform = view.getUint16(rec);
      const nameId = view.getUint16(rec + 6);
      if (nameId !== wanted) continue;
      const length = view.getUint16(rec + 8);
      const start = strings + view.getUint16(rec + 10);
      const bytes = data.subarray(start, start + length);
      if (platform === 3 || platform === 0) {
        let s = '';
        for (let k = 0; k + 1 < bytes.byteLength; k += 2) s += String.fromCharCode((bytes[k]! << 8) | bytes[k + 1]!);
        names.add(s);
      } else if (platform === 1) {
        names.add(String.fromCharCode(...bytes));
      }
    }
  }
  return [...names];
}

function notAFont(file: string): DubanError {
  return new DubanError('DUBAN_PDF_FONT_INVALID', `${file} is not a TrueType/OpenType font or collection`, {
    where: { file },
    hint: 'name a .ttf, .otf or .ttc file, or an installed font family, in duban.config.json "fonts"',
  });
}
