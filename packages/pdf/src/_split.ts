/**
 * Splits one printed batch into standalone PDFs. Each document's first page
 * carries a link annotation to MARK + its index (placed by _batch.ts); the
 * split removes it, copies the document's pages and everything they reference
 * (renumbered), and cuts every embedded CID font down to the glyphs the
 * document shows (harfbuzz, glyph ids kept), with its widths and ToUnicode map
 * trimmed to match. So a split file carries only its own fonts and its text
 * extracts exactly as the same document printed alone.
 */

import { promisify } from 'node:util';
import { deflate, deflateSync } from 'node:zlib';
import { DubanError } from '@duban/core';
import { glyphCount, withComponents } from './_glyf.js';
import { type GlyphUse, glyphsOfPages, streamData } from './_glyphs.js';
import { type DocumentInfo, infoEntries } from './_info.js';
import { assemble, get, type PdfFile, type PdfValue, parseValue, refsOf, writeValue } from './_pdfobj.js';
import type { FontSubsetter } from './_subset.js';
import { cmapHead, readToUnicode, trimWidths, writeToUnicode } from './_tounicode.js';

const deflateAsync = promisify(deflate);

/** The URL prefix of the marks that tell where each document of a batch starts. */
export const MARK = 'https://duban.invalid/batch/';

/** Metadata written into each split file's Info dictionary. */
export type SplitInfo = DocumentInfo;

/** Page object numbers per document, from the marks; throws when a document has no first page. */
export function documentPages(file: PdfFile, count: number, nonce: string): number[][] {
  const pages = file.pages();
  const starts = new Map<number, number>();
  pages.forEach((p, index) => {
    for (const doc of marksOn(file, p, nonce)) if (!starts.has(doc)) starts.set(doc, index);
  });
  const out: number[][] = [];
  for (let d = 0; d < count; d++) {
    const start = starts.get(d);
    if (start === undefined) {
      throw new DubanError('DUBAN_PDF_BATCH', `document ${d + 1} of the batch printed no page`, {
        hint: 'a document with an empty body prints nothing; give it content or leave it out of the batch',
      });
    }
    const next = [...starts.values()].filter((s) => s > start).sort((a, b) => a - b)[0] ?? pages.length;
    out.push(pages.slice(start, next));
  }
  return out;
}

function markOf(file: PdfFile, annot: PdfValue, nonce: string): number | undefined {
  const uri = get(file.resolve(get(file.resolve(annot), 'A')), 'URI');
  if (uri?.k !== 'str') return undefined;
  const text = uri.raw.startsWith('(') ? uri.raw.slice(1, -1).replace(/\\(.)/g, '$1') : '';
  const prefix = `${MARK}${nonce}/`;
  return text.startsWith(prefix) ? Number(text.slice(prefix.length)) : undefined;
}

function marksOn(file: PdfFile, page: number, nonce: string): number[] {
  const annots = file.resolve(get(file.value(page), 'Annots'));
  if (annots?.k !== 'arr') return [];
  return annots.v.map((a) => markOf(file, a, nonce)).filter((d): d is number => d !== undefined);
}

/** Builds one standalone PDF from `pages` of the batch. */
export async function splitDocument(
  file: PdfFile,
  pages: readonly number[],
  nonce: string,
  info: SplitInfo,
  subsetter: FontSubsetter,
): Promise<Uint8Array> {
  const allPages = new Set(file.pages());
  const numbers = new Map<number, number>(); // old → new
  const order: number[] = [];
  const pageSet = new Set(pages);
  // Objects 1 and 2 are the catalog and the page tree; the Info dictionary comes last.
  const take = (n: number) => {
    if (numbers.has(n)) return;
    numbers.set(n, order.length + 3);
    order.push(n);
  };
  const queue = [...pages];
  for (const p of pages) take(p);
  while (queue.length) {
    const n = queue.shift()!;
    const value = file.value(n);
    for (const r of refsOf(pageSet.has(n) ? pageFor(file, value, nonce) : value)) {
      // A link to a page of another document (an internal link) must not pull that page in.
      if (allPages.has(r) && !pageSet.has(r)) continue;
      if (!numbers.has(r)) {
        take(r);
        queue.push(r);
      }
    }
  }
  const renumber = (n: number) => numbers.get(n) ?? null;
  const use: GlyphUse = glyphsOfPages(file, pages);
  const extra: Rewrite[] = [];
  const fonts = await fontRewrites(file, use, subsetter, (body) => {
    extra.push(body);
    return order.length + 2 + extra.length;
  });
  const bodies: (string | { dict: string; stream: Uint8Array })[] = [
    '<</Type /Catalog\n/Pages 2 0 R>>',
    `<</Type /Pages\n/Count ${pages.length}\n/Kids [${pages.map((p) => `${numbers.get(p)} 0 R`).join(' ')}]>>`,
  ];
  for (const n of order) {
    const rewrite = fonts.get(n);
    if (rewrite) {
      bodies.push(
        rewrite.stream
          ? { dict: writeValue(rewrite.dict, renumber), stream: rewrite.stream }
          : writeValue(rewrite.dict, renumber),
      );
      continue;
    }
    const obj = file.object(n);
    if (pageSet.has(n)) {
      bodies.push(writeValue(pageFor(file, file.value(n), nonce), renumber));
      continue;
    }
    const dict = writeValue(parseValue(obj.text), renumber);
    bodies.push(obj.stream ? { dict, stream: obj.stream } : dict);
  }
  for (const x of extra) bodies.push(x.stream ? { dict: writeValue(x.dict), stream: x.stream } : writeValue(x.dict));
  bodies.push(writeValue({ k: 'dict', v: infoEntries(info, file.resolve(get(file.trailer, 'Info'))) }));
  return assemble(bodies, 1, bodies.length);
}

/** The page dictionary with its new parent and without the batch's mark annotations. */
function pageFor(file: PdfFile, page: PdfValue, nonce: string): PdfValue {
  if (page.k !== 'dict') return page;
  const m = new Map(page.v);
  // The page tree is object 2 in every split file (written as text: it is not renumbered).
  m.set('Parent', { k: 'num', raw: '2 0 R' });
  const annots = file.resolve(m.get('Annots'));
  if (annots?.k === 'arr') {
    const kept = annots.v.filter((a) => markOf(file, a, nonce) === undefined);
    if (kept.length) m.set('Annots', { k: 'arr', v: kept });
    else m.delete('Annots');
  }
  return { k: 'dict', v: m };
}

interface Rewrite {
  dict: PdfValue;
  stream?: Uint8Array;
}

/** Tables a PDF's TrueType program does not need: the text is already laid out. */
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'morx', 'kerx', 'vhea', 'vmtx', 'VORG'];

/**
 * New objects for every CID font the pages use: the font program cut to the
 * glyphs shown (renumbered compactly, with a CIDToGIDMap from the unchanged CIDs
 * of the content streams; glyph ids kept instead if harfbuzz added glyphs), the
 * widths and the ToUnicode map trimmed. `add` creates a new object and answers its number.
 */
async function fontRewrites(
  file: PdfFile,
  use: GlyphUse,
  subsetter: FontSubsetter,
  add: (body: Rewrite) => number,
): Promise<Map<number, Rewrite>> {
  const out = new Map<number, Rewrite>();
  const jobs: Promise<void>[] = [];
  for (const [fontRef, glyphs] of use) {
    const type0 = file.value(fontRef);
    const gids = new Set(glyphs);
    gids.add(0);
    const toUnicode = get(type0, 'ToUnicode');
    if (toUnicode?.k === 'ref') {
      const map = shared(file, `tounicode-${toUnicode.n}`, () =>
        readToUnicode(Buffer.from(streamData(file, toUnicode.n)).toString('latin1')),
      );
      const head = shared(file, `tounicode-head-${toUnicode.n}`, () =>
        cmapHead(Buffer.from(streamData(file, toUnicode.n)).toString('latin1')),
      );
      jobs.push(
        restream(file, toUnicode.n, Buffer.from(writeToUnicode(head, map, gids), 'latin1')).then(
          (r) => void out.set(toUnicode.n, r),
        ),
      );
    }
    const descendants = file.resolve(get(type0, 'DescendantFonts'));
    const cidRef = descendants?.k === 'arr' ? descendants.v[0] : undefined;
    if (cidRef?.k !== 'ref') continue;
    const cid = file.value(cidRef.n);
    if (cid.k !== 'dict') continue;
    const cidDict = new Map(cid.v);
    const widths = cidDict.get('W');
    if (widths?.k === 'arr') cidDict.set('W', trimWidths(widths, gids));
    out.set(cidRef.n, { dict: { k: 'dict', v: cidDict } });
    const descriptor = get(cid, 'FontDescriptor');
    const program = descriptor?.k === 'ref' ? get(file.value(descriptor.n), 'FontFile2') : undefined;
    const identity = cidDict.get('CIDToGIDMap');
    if (program?.k !== 'ref' || (identity !== undefined && !(identity.k === 'name' && identity.v === 'Identity')))
      continue;
    jobs.push(
      (async () => {
        const source = shared(file, `program-${program.n}`, () => streamData(file, program.n));
        const kept = [...withComponents(source, gids)].sort((a, b) => a - b);
        let subset = await subsetter.subsetGlyphs(source, kept, { retainGids: false, drop: LAYOUT_TABLES });
        if (subset && glyphCount(subset) === kept.length) {
          // Old glyph id (= CID in the content streams) → new glyph id, 2 bytes per CID.
          const map = new Uint8Array(2 * (kept[kept.length - 1]! + 1));
          kept.forEach((g, i) => {
            map[2 * g] = i >> 8;
            map[2 * g + 1] = i & 0xff;
          });
          // Mostly zeros: compressing it in place costs less than a trip to the thread pool.
          const z = new Uint8Array(deflateSync(map, { level: 1 }));
          // A new object: written as its final reference (the renumbering applies to the batch's objects only).
          cidDict.set('CIDToGIDMap', { k: 'num', raw: `${add({ dict: streamDict(z.byteLength), stream: z })} 0 R` });
        } else {
          subset = await subsetter.subsetGlyphs(source, kept, { retainGids: true, drop: LAYOUT_TABLES });
        }
        if (!subset) return;
        const dict = file.value(program.n);
        if (dict.k !== 'dict') return;
        // Speed level: a glyf table compresses slowly at the default level, and level 1 is about 3% larger.
        const data = new Uint8Array(await deflateAsync(subset, { level: 1 }));
        const m = new Map(dict.v);
        m.set('Filter', { k: 'name', v: 'FlateDecode' });
        m.set('Length', { k: 'num', raw: String(data.byteLength) });
        m.set('Length1', { k: 'num', raw: String(subset.byteLength) });
        m.delete('DecodeParms');
        out.set(program.n, { dict: { k: 'dict', v: m }, stream: data });
      })(),
    );
  }
  await Promise.all(jobs);
  return out;
}

function streamDict(length: number): PdfValue {
  return {
    k: 'dict',
    v: new Map<string, PdfValue>([
      ['Filter', { k: 'name', v: 'FlateDecode' }],
      ['Length', { k: 'num', raw: String(length) }],
    ]),
  };
}

// What every split of one batch reads again: the batch's font programs and ToUnicode maps, decoded once.
const memo = new WeakMap<PdfFile, Map<string, unknown>>();
function shared<T>(file: PdfFile, key: string, make: () => T): T {
  let m = memo.get(file);
  if (!m) memo.set(file, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

async function restream(file: PdfFile, n: number, bytes: Uint8Array): Promise<Rewrite> {
  const dict = file.value(n);
  const data = new Uint8Array(deflateSync(bytes));
  const m = dict.k === 'dict' ? new Map(dict.v) : new Map<string, PdfValue>();
  m.set('Filter', { k: 'name', v: 'FlateDecode' });
  m.set('Length', { k: 'num', raw: String(data.byteLength) });
  m.delete('DecodeParms');
  return { dict: { k: 'dict', v: m }, stream: data };
}
