/**
 * Which glyphs of which fonts a set of pages shows: content streams are
 * tokenised for the text operators (Tf, Tj, TJ, ', ") and Form XObjects are
 * followed. Chromium writes CID fonts with Identity-H, two bytes per glyph id.
 */
import { inflateSync } from 'node:zlib';
import { get, Lexer, type PdfFile, type PdfValue } from './_pdfobj.js';

/** Font object number → glyph ids shown. */
export type GlyphUse = Map<number, Set<number>>;

/** The decoded bytes of a stream object (FlateDecode or none). */
export function streamData(file: PdfFile, n: number): Uint8Array {
  const obj = file.object(n);
  const filter = get(file.value(n), 'Filter');
  const data = obj.stream ?? new Uint8Array();
  if (!filter) return data;
  const name = filter.k === 'arr' ? filter.v[0] : filter;
  if (name?.k === 'name' && name.v === 'FlateDecode' && (filter.k !== 'arr' || filter.v.length === 1))
    return new Uint8Array(inflateSync(data));
  return data;
}

function bytesOf(raw: string): number[] {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const out: number[] = [];
    for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
    return out;
  }
  const out: number[] = [];
  const s = raw.slice(1, -1);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const d = s[++i]!;
    const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (d in esc) out.push(esc[d]!);
    else if (/[0-7]/.test(d)) {
      let oct = d;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
      out.push(parseInt(oct, 8) & 0xff);
    } else if (d === '\r' && s[i + 1] === '\n') i++;
  }
  return out;
}

/** Records the glyphs shown by the pages (object numbers) into `use`. */
export function glyphsOfPages(file: PdfFile, pages: readonly number[], use: GlyphUse = new Map()): GlyphUse {
  const seen = new Set<number>();
  for (const p of pages) {
    const page = file.value(p);
    const contents = get(page, 'Contents');
    const streams = contents?.k === 'arr' ? contents.v : contents ? [contents] : [];
    const text = streams
      .map((s) => (s.k === 'ref' ? Buffer.from(streamData(file, s.n)).toString('latin1') : ''))
      .join('\n');
    scan(file, text, file.resolve(get(page, 'Resources')), use, seen);
  }
  return use;
}

// Byte classes for the content tokenizer: 1 white space, 2 delimiter, 4 number start.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
for (const c of '+-.0123456789') CLASS[c.charCodeAt(0)] = 4;
/** A number operand: never read here (only names, strings and arrays are), so not parsed. */
const NUMBER: PdfValue = { k: 'num', raw: '0' };

function scan(file: PdfFile, content: string, resources: PdfValue | undefined, use: GlyphUse, seen: Set<number>): void {
  const fonts = file.resolve(get(resources, 'Font'));
  const xobjects = file.resolve(get(resources, 'XObject'));
  const lex = new Lexer(content);
  const length = content.length;
  const operands: PdfValue[] = [];
  let font: number | undefined;
  const show = (v: PdfValue | undefined) => {
    if (font === undefined || !v) return;
    if (v.k === 'str') {
      const b = bytesOf(v.raw);
      let set = use.get(font);
      if (!set) use.set(font, (set = new Set()));
      for (let i = 0; i + 1 < b.length; i += 2) set.add((b[i]! << 8) | b[i + 1]!);
    } else if (v.k === 'arr') for (const x of v.v) show(x);
  };
  // Content streams are mostly numbers and path operators: those are skipped without building values.
  for (;;) {
    let i = lex.i;
    while (i < length && CLASS[content.charCodeAt(i) & 0xff] === 1) i++;
    if (i >= length) return;
    const c = content.charCodeAt(i);
    if (c === 0x25 /* % */) {
      while (i < length && content[i] !== '\n' && content[i] !== '\r') i++;
      lex.i = i;
      continue;
    }
    if (CLASS[c] === 4) {
      i++;
      while (i < length && CLASS[content.charCodeAt(i) & 0xff] === 4) i++;
      lex.i = i;
      operands.push(NUMBER);
      continue;
    }
    if (c === 0x28 /* ( */ || c === 0x3c /* < */ || c === 0x5b /* [ */ || c === 0x2f /* / */) {
      lex.i = i;
      operands.push(lex.value()!);
      continue;
    }
    // An operator: a bare word.
    const start = i;
    while (i < length && CLASS[content.charCodeAt(i) & 0xff] === 0) i++;
    if (i === start) i++; // a stray delimiter
    lex.i = i;
    const op = content.slice(start, i);
    if (op === 'Tf') {
      const name = operands[operands.length - 2];
      const ref = name?.k === 'name' ? get(fonts, name.v) : undefined;
      font = ref?.k === 'ref' && isType0(file, ref.n) ? ref.n : undefined;
    } else if (op === 'Tj' || op === "'" || op === '"' || op === 'TJ') show(operands[operands.length - 1]);
    else if (op === 'Do') {
      const name = operands[operands.length - 1];
      const ref = name?.k === 'name' ? get(xobjects, name.v) : undefined;
      if (ref?.k === 'ref' && !seen.has(ref.n)) {
        seen.add(ref.n);
        const x = file.value(ref.n);
        const sub = get(x, 'Subtype');
        if (sub?.k === 'name' && sub.v === 'Form')
          scan(
            file,
            Buffer.from(streamData(file, ref.n)).toString('latin1'),
            file.resolve(get(x, 'Resources')) ?? resources,
            use,
            seen,
          );
      }
    } else if (op === 'BI') {
      const end = content.indexOf('EI', lex.i);
      lex.i = end < 0 ? content.length : end + 2;
    }
    operands.length = 0;
  }
}

const type0 = new WeakMap<PdfFile, Map<number, boolean>>();
/** Is object `n` a Type0 (CID) font? */
export function isType0(file: PdfFile, n: number): boolean {
  let known = type0.get(file);
  if (!known) type0.set(file, (known = new Map()));
  let hit = known.get(n);
  if (hit === undefined) {
    const sub = get(file.value(n), 'Subtype');
    hit = sub?.k === 'name' && sub.v === 'Type0';
    known.set(n, hit);
  }
  return hit;
}
