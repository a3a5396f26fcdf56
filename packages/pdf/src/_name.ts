/**
 * Rewrites a face's `name` table so the cleaned copy has its own family name
 * (duban-fangsong …). Chromium then finds it through fontconfig as an installed
 * font — no web-font sanitising of 25 MB CJK files on every document — and it
 * can never be confused with the uncleaned system font of the same design.
 */

const REPLACED = new Set([1, 2, 3, 4, 6, 16, 17, 18, 21, 22]);

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  nameId: number;
  bytes: Uint8Array;
}

function utf16be(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) >> 8;
    out[2 * i + 1] = text.charCodeAt(i) & 0xff;
  }
  return out;
}

/** Returns a name table (format 0) keeping copyright/licence records and naming the face `family`. */
export function renameFace(name: Uint8Array | undefined, family: string): Uint8Array {
  const records: NameRecord[] = [];
  if (name) {
    const view = new DataView(name.buffer, name.byteOffset, name.byteLength);
    const count = view.getUint16(2);
    const strings = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const r = 6 + 12 * i;
      const nameId = view.getUint16(r + 6);
      if (REPLACED.has(nameId)) continue;
      const length = view.getUint16(r + 8);
      const start = strings + view.getUint16(r + 10);
      records.push({
        platform: view.getUint16(r),
        encoding: view.getUint16(r + 2),
        language: view.getUint16(r + 4),
        nameId,
        bytes: name.subarray(start, start + length),
      });
    }
  }
  const ps = family.replace(/[^A-Za-z0-9-]/g, '');
  for (const [nameId, text] of [
    [1, family],
    [2, 'Regular'],
    [3, `${ps};duban`],
    [4, family],
    [6, ps],
  ] as const) {
    records.push({ platform: 3, encoding: 1, language: 0x409, nameId, bytes: utf16be(text) });
  }
  records.sort(
    (a, b) => a.platform - b.platform || a.encoding - b.encoding || a.language - b.language || a.nameId - b.nameId,
  );
  const header = 6 + 12 * records.length;
  const size = header + records.reduce((n, r) => n + r.bytes.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint16(2, records.length);
  view.setUint16(4, header);
  let offset = 0;
  records.forEach((r, i) => {
    const at = 6 + 12 * i;
    view.setUint16(at, r.platform);
    view.setUint16(at + 2, r.encoding);
    view.setUint16(at + 4, r.language);
    view.setUint16(at + 6, r.nameId);
    view.setUint16(at + 8, r.bytes.byteLength);
    view.setUint16(at + 10, offset);
    out.set(r.bytes, header + offset);
    offset += r.bytes.byteLength;
  });
  return out;
}
