/**
 * A small reader and writer for the PDFs Chromium (Skia) writes: a classic
 * cross-reference table, no object streams, direct stream lengths. Enough to
 * split one printed batch into standalone files without a general PDF library:
 * objects are copied as bytes with their references renumbered, and only the
 * few dictionaries the split changes are parsed and written again.
 */
import { DubanError } from '@duban/core';

/** A parsed PDF value. Numbers keep their source text, strings their raw bytes (latin1). */
export type PdfValue =
  | { k: 'num'; raw: string }
  | { k: 'name'; v: string }
  | { k: 'str'; raw: string }
  | { k: 'ref'; n: number }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'arr'; v: PdfValue[] }
  | { k: 'dict'; v: Map<string, PdfValue> };

/** One indirect object: its dictionary or value text (parsed on demand) and its stream bytes, if any. */
export interface PdfObject {
  n: number;
  /** The object's value text: everything between `obj` and `stream`/`endobj`. */
  text: string;
  stream?: Uint8Array;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function fail(why: string): never {
  throw new DubanError('DUBAN_PDF_BATCH', `cannot split the printed batch: ${why}`, {
    hint: 'this is a bug in duban or an unexpected browser; print the documents one by one (renderTemplate) meanwhile',
  });
}

/** Parses value text (latin1) into PdfValue. */
export class Lexer {
  i = 0;
  constructor(readonly s: string) {}

  private skip(): void {
    for (;;) {
      while (this.i < this.s.length && WS.has(this.s.charCodeAt(this.i))) this.i++;
      if (this.s[this.i] !== '%') return;
      while (this.i < this.s.length && this.s[this.i] !== '\n' && this.s[this.i] !== '\r') this.i++;
    }
  }

  /** The next value, or undefined at the end of the text. */
  value(): PdfValue | undefined {
    this.skip();
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) return undefined;
    if (c === '<' && s[this.i + 1] === '<') {
      this.i += 2;
      const v = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (s[this.i] === '>' && s[this.i + 1] === '>') {
          this.i += 2;
          return { k: 'dict', v };
        }
        const key = this.value();
        if (key?.k !== 'name') fail('a dictionary key is not a name');
        v.set(key.v, this.value() ?? fail('a dictionary ends early'));
      }
    }
    if (c === '[') {
      this.i++;
      const v: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (s[this.i] === ']') {
          this.i++;
          return { k: 'arr', v };
        }
        v.push(this.value() ?? fail('an array ends early'));
      }
    }
    if (c === '/') {
      const start = ++this.i;
      while (this.i < s.length && !WS.has(s.charCodeAt(this.i)) && !DELIM.has(s.charCodeAt(this.i))) this.i++;
      return {
        k: 'name',
        v: s.slice(start, this.i).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      };
    }
    if (c === '(') return { k: 'str', raw: this.literal() };
    if (c === '<') {
      const end = s.indexOf('>', this.i);
      const raw = s.slice(this.i, end + 1);
      this.i = end + 1;
      return { k: 'str', raw };
    }
    const start = this.i;
    while (this.i < s.length && !WS.has(s.charCodeAt(this.i)) && !DELIM.has(s.charCodeAt(this.i))) this.i++;
    const word = s.slice(start, this.i);
    if (word === 'true' || word === 'false') return { k: 'bool', v: word === 'true' };
    if (word === 'null') return { k: 'null' };
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) fail(`unexpected token ${JSON.stringify(word.slice(0, 20))}`);
    // An integer followed by "G R" is a reference.
    const m = /^\s*(\d+)\s+R(?![^\s()<>[\]{}/%])/.exec(s.slice(this.i, this.i + 24));
    if (/^\d+$/.test(word) && m) {
      this.i += m[0].length;
      return { k: 'ref', n: Number(word) };
    }
    return { k: 'num', raw: word };
  }

  /** A literal string `( … )` with nesting and escapes, returned as written. */
  literal(): string {
    const s = this.s;
    const start = this.i;
    let depth = 0;
    for (; this.i < s.length; this.i++) {
      const ch = s[this.i];
      if (ch === '\\') this.i++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) {
        this.i++;
        return s.slice(start, this.i);
      }
    }
    fail('a string is not closed');
  }
}

/** Parses one value from text. */
export function parseValue(text: string): PdfValue {
  return new Lexer(text).value() ?? fail('an empty object');
}

/** Writes a value back as PDF text, mapping references through `renumber`. */
export function writeValue(v: PdfValue, renumber: (n: number) => number | null = (n) => n): string {
  switch (v.k) {
    case 'num':
      return v.raw;
    case 'name':
      return `/${v.v.replace(/[^!-~]|[#()<>[\]{}/%]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
    case 'str':
      return v.raw;
    case 'ref': {
      const n = renumber(v.n);
      return n === null ? 'null' : `${n} 0 R`;
    }
    case 'bool':
      return String(v.v);
    case 'null':
      return 'null';
    case 'arr':
      return `[${v.v.map((x) => writeValue(x, renumber)).join(' ')}]`;
    case 'dict':
      return `<<${[...v.v].map(([k, x]) => `${writeValue({ k: 'name', v: k })} ${writeValue(x, renumber)}`).join('\n')}>>`;
  }
}

/** Every object number a value refers to. */
export function refsOf(v: PdfValue, out: number[] = []): number[] {
  if (v.k === 'ref') out.push(v.n);
  else if (v.k === 'arr') for (const x of v.v) refsOf(x, out);
  else if (v.k === 'dict') for (const x of v.v.values()) refsOf(x, out);
  return out;
}

/** A dictionary entry, or undefined. */
export function get(v: PdfValue | undefined, key: string): PdfValue | undefined {
  return v?.k === 'dict' ? v.v.get(key) : undefined;
}

/** A PDF string (text) as a UTF-16BE hex string with BOM: safe for any title. */
export function textString(text: string): PdfValue {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return { k: 'str', raw: `<${hex}>` };
}

/** A whole PDF file: its objects by number and the trailer. */
export class PdfFile {
  readonly latin1: string;
  private readonly offsets = new Map<number, number>();
  private readonly cache = new Map<number, PdfObject>();
  private readonly values = new Map<number, PdfValue>();
  readonly trailer: PdfValue;

  constructor(readonly bytes: Uint8Array) {
    this.latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const sx = this.latin1.lastIndexOf('startxref');
    let at = Number(/startxref\s+(\d+)/.exec(this.latin1.slice(sx))?.[1] ?? NaN);
    let trailer: PdfValue | undefined;
    // The newest cross-reference section first; an incremental update's /Prev leads to older ones,
    // whose entries count only where no newer section gave the object.
    const seen = new Set<number>();
    while (Number.isFinite(at) && !seen.has(at)) {
      seen.add(at);
      if (!this.latin1.startsWith('xref', at)) fail('no classic cross-reference table');
      const t = this.latin1.indexOf('trailer', at);
      const lines = this.latin1.slice(at, t).split(/\r\n|\r|\n/);
      let n = 0;
      for (const line of lines.slice(1)) {
        const sub = /^(\d+)\s+(\d+)\s*$/.exec(line);
        if (sub) n = Number(sub[1]);
        else {
          const e = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
          if (e && e[3] === 'n' && !this.offsets.has(n)) this.offsets.set(n, Number(e[1]));
          if (e) n++;
        }
      }
      const section = new Lexer(this.latin1.slice(t + 7)).value() ?? fail('no trailer');
      trailer ??= section;
      const prev = get(section, 'Prev');
      at = prev?.k === 'num' ? Number(prev.raw) : NaN;
    }
    this.trailer = trailer ?? fail('no trailer');
  }

  /** True when the cross-reference table lists object `n` as in use. */
  has(n: number): boolean {
    return this.offsets.has(n);
  }

  /** The object numbered `n`. */
  object(n: number): PdfObject {
    const hit = this.cache.get(n);
    if (hit) return hit;
    const at = this.offsets.get(n) ?? fail(`object ${n} is missing`);
    const head = /^\s*\d+\s+\d+\s+obj/.exec(this.latin1.slice(at, at + 40)) ?? fail(`object ${n} is malformed`);
    const start = at + head[0].length;
    const end = this.latin1.indexOf('endobj', start);
    const streamAt = this.latin1.indexOf('stream', start);
    let obj: PdfObject;
    if (streamAt >= 0 && streamAt < end && !this.latin1.startsWith('endstream', streamAt - 3)) {
      const text = this.latin1.slice(start, streamAt);
      const length = get(parseValue(text), 'Length');
      if (length?.k !== 'num') fail(`object ${n} has an indirect stream length`);
      let dataStart = streamAt + 6;
      if (this.latin1[dataStart] === '\r') dataStart++;
      if (this.latin1[dataStart] === '\n') dataStart++;
      obj = { n, text, stream: this.bytes.subarray(dataStart, dataStart + Number(length.raw)) };
    } else {
      obj = { n, text: this.latin1.slice(start, end) };
    }
    this.cache.set(n, obj);
    return obj;
  }

  /** The parsed value of object `n` (parsed once; callers copy before changing it). */
  value(n: number): PdfValue {
    let v = this.values.get(n);
    if (!v) this.values.set(n, (v = parseValue(this.object(n).text)));
    return v;
  }

  /** Resolves a reference (or returns a direct value). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return v?.k === 'ref' ? this.value(v.n) : v;
  }

  /** Page object numbers in order, walking the page tree from the catalog. */
  pages(): number[] {
    const root = get(this.trailer, 'Root');
    if (root?.k !== 'ref') fail('no catalog');
    const out: number[] = [];
    const walk = (n: number) => {
      const node = this.value(n);
      const type = get(node, 'Type');
      if (type?.k === 'name' && type.v === 'Page') out.push(n);
      else {
        const kids = get(node, 'Kids');
        if (kids?.k === 'arr') for (const k of kids.v) if (k.k === 'ref') walk(k.n);
      }
    };
    const pages = get(this.value(root.n), 'Pages');
    if (pages?.k !== 'ref') fail('no page tree');
    walk(pages.n);
    return out;
  }
}

/** Assembles a PDF from object bodies numbered 1..n (index 0 → object 1). */
export function assemble(
  objects: (string | { dict: string; stream: Uint8Array })[],
  root: number,
  info: number,
): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.byteLength;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const chunk =
      typeof o === 'string'
        ? [Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')]
        : [
            Buffer.from(`${i + 1} 0 obj\n${o.dict}\nstream\n`, 'latin1'),
            Buffer.from(o.stream.buffer, o.stream.byteOffset, o.stream.byteLength),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ];
    for (const c of chunk) {
      parts.push(c);
      offset += c.byteLength;
    }
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<</Size ${objects.length + 1}\n/Root ${root} 0 R\n/Info ${info} 0 R>>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}
