/**
 * Trims a CID font's ToUnicode CMap and its /W widths to the glyphs a split
 * document shows, so a split file does not carry the whole batch's character
 * list. The mapping of each kept glyph is unchanged: text extracts as before.
 */
import type { PdfValue } from './_pdfobj.js';

/** Glyph id → destination (hex UTF-16BE, as written) from a ToUnicode CMap. */
export function readToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g))
      map.set(parseInt(m[1]!, 16), m[2]!.toUpperCase());
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!.toUpperCase());
        for (let g = lo; g <= hi && g - lo < items.length; g++) map.set(g, items[g - lo]!);
      } else {
        // The last byte pair increments across the range.
        const base = dst.slice(1, -1).toUpperCase();
        const head = base.slice(0, -4);
        const last = parseInt(base.slice(-4) || '0', 16);
        for (let g = lo; g <= hi; g++)
          map.set(g, head + ((last + g - lo) & 0xffff).toString(16).toUpperCase().padStart(4, '0'));
      }
    }
  }
  return map;
}

/** A ToUnicode CMap with the entries of `gids` only (bfchar blocks of at most 100, as the format asks). */
export function trimToUnicode(cmap: string, gids: ReadonlySet<number>): string {
  return writeToUnicode(cmapHead(cmap), readToUnicode(cmap), gids);
}

/** The CMap's text up to its code space range (name, registry, ordering), to start a new one with. */
export function cmapHead(cmap: string): string {
  return (
    /^[\s\S]*?endcodespacerange/.exec(cmap)?.[0] ??
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange'
  );
}

/** A ToUnicode CMap: `head`, then the mappings of `gids` from `map`. */
export function writeToUnicode(head: string, map: ReadonlyMap<number, string>, gids: ReadonlySet<number>): string {
  const kept = [...gids].filter((g) => map.has(g)).sort((a, b) => a - b);
  const hex = (g: number) => g.toString(16).toUpperCase().padStart(4, '0');
  const blocks: string[] = [];
  for (let i = 0; i < kept.length; i += 100) {
    const part = kept.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.map((g) => `<${hex(g)}> <${map.get(g)}>`).join('\n')}\nendbfchar`);
  }
  return `${head}\n${blocks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
}

/** A /W array keeping the widths of `gids` only (runs of consecutive ids share one entry). */
export function trimWidths(w: PdfValue & { k: 'arr' }, gids: ReadonlySet<number>): PdfValue {
  const widths = new Map<number, PdfValue>();
  const items = w.v;
  for (let i = 0; i < items.length; ) {
    const first = items[i];
    const next = items[i + 1];
    if (first?.k !== 'num') break;
    const c = Number(first.raw);
    if (next?.k === 'arr') {
      next.v.forEach((x, k) => widths.set(c + k, x));
      i += 2;
    } else {
      const last = Number((next as { raw?: string } | undefined)?.raw);
      const width = items[i + 2];
      if (width) for (let g = c; g <= last; g++) widths.set(g, width);
      i += 3;
    }
  }
  const kept = [...gids].filter((g) => widths.has(g)).sort((a, b) => a - b);
  const out: PdfValue[] = [];
  for (let i = 0; i < kept.length; ) {
    let j = i;
    while (j + 1 < kept.length && kept[j + 1] === kept[j]! + 1) j++;
    out.push({ k: 'num', raw: String(kept[i]) }, { k: 'arr', v: kept.slice(i, j + 1).map((g) => widths.get(g)!) });
    i = j + 1;
  }
  return { k: 'arr', v: out };
}
