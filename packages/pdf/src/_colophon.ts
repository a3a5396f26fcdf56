/**
 * GB/T 9704-2012 §7.4–7.5: the 版记 sits at the bottom of the document's last
 * page, and that page is even (the back of the last sheet). Where it goes depends
 * on where the content ends, which only a print can tell, so a document with a
 * 版记 (an element marked `data-duban-colophon`) is printed twice:
 *
 * 1. with two invisible links — at the end of the content and at the top of the
 *    版记 — whose annotation rectangles say on which page the content ends and how
 *    tall the 版记 is;
 * 2. laid out for the case found: content ending on an odd page → the 版记 on its
 *    own (unnumbered) even page after it; on an even page with room → at the bottom
 *    of that page; on an even page without room → an unnumbered blank page, then
 *    the 版记 page.
 *
 * The measuring print already has the 版记 on its own page after the content (the
 * template's layout), so when the content ends on an odd page it is the final
 * print: its two marks are removed (`unmarked`; the file is written again without
 * them) and the second print is skipped.
 */
import { get, PdfFile, type PdfValue, writeValue } from './_pdfobj.js';

/** The attribute that marks a document's 版记 block (templates/_partials/banji.hbs). */
export const COLOPHON_ATTR = 'data-duban-colophon';
const MARK = 'https://duban.invalid/colophon/';
// Content and the 版记 on one page keep at least a line (3号, 29 pt) between them.
const GAP = 29;

/** Where the 版记 goes in the final print. */
export type ColophonPlacement = { mode: 'page' } | { mode: 'blank' } | { mode: 'inline'; spacerPt: number };

/** True when a document carries a 版记 block. */
export function hasColophon(html: string): boolean {
  return html.includes(COLOPHON_ATTR);
}

/** The measuring print's HTML: the document with a link at the end of the content and one at the top of the 版记. */
export function markColophon(html: string, nonce: string): string {
  const link = (what: string) =>
    `<a href="${MARK}${nonce}/${what}" aria-hidden="true" tabindex="-1" style="display:block;width:1px;height:1px;margin:0;padding:0"></a>`;
  return html
    .replace(new RegExp(`(<div[^>]*\\b${COLOPHON_ATTR}\\b[^>]*>)`), `${link('end')}$1`)
    .replace(/(<div class="banji"[^>]*>)/, `$1${link('top')}`);
}

/** What the measuring print tells: where the content ends, whether the 版记 fits below it, and the print without its marks. */
export interface ColophonMeasure {
  /** The 1-based page the content ends on. */
  endPage: number;
  /** Whether the 版记 fits below the content on that page. */
  room: boolean;
  /** The spacer that puts the 版记's last rule on the type area's bottom when it goes inline. */
  spacerPt: number;
  /** The objects that, rewritten, remove the two marks: page dictionaries or Annots arrays → value text, the marks' own objects → null. */
  unmarked: Map<number, string | null>;
}

/** Reads the measuring print (see the module comment); undefined when a mark is missing. */
export function measureColophon(pdf: Uint8Array, nonce: string): ColophonMeasure | undefined {
  const file = new PdfFile(pdf);
  let end: { page: number; y: number } | undefined;
  let top: number | undefined;
  const unmarked = new Map<number, string | null>();
  file.pages().forEach((p, i) => {
    const page = file.value(p);
    const listed = get(page, 'Annots');
    const annots = file.resolve(listed);
    if (annots?.k !== 'arr') return;
    const kept: PdfValue[] = [];
    for (const a of annots.v) {
      const annot = file.resolve(a);
      const uri = get(file.resolve(get(annot, 'A')), 'URI');
      if (uri?.k !== 'str' || !uri.raw.includes(`${MARK}${nonce}/`)) {
        kept.push(a);
        continue;
      }
      // The mark and its action go (nothing else refers to them).
      for (const v of [a, get(annot, 'A')]) if (v?.k === 'ref') unmarked.set(v.n, null);
      const rect = file.resolve(get(annot, 'Rect'));
      const y = rect?.k === 'arr' ? Math.min(num(rect.v[1]), num(rect.v[3])) : NaN;
      if (uri.raw.includes('/end')) end = { page: i + 1, y };
      else top = rect?.k === 'arr' ? Math.max(num(rect.v[1]), num(rect.v[3])) : NaN;
    }
    if (kept.length === annots.v.length) return;
    if (listed?.k === 'ref') unmarked.set(listed.n, writeValue({ k: 'arr', v: kept }));
    else if (page?.k === 'dict') {
      const v = new Map(page.v);
      if (kept.length) v.set('Annots', { k: 'arr', v: kept });
      else v.delete('Annots');
      unmarked.set(p, writeValue({ k: 'dict', v }));
    }
  });
  if (!end || top === undefined || !Number.isFinite(end.y) || !Number.isFinite(top)) return undefined;
  // The 版记 block, as laid out at the bottom of its own page, reaches up to `top`; below the content there must be that much, plus a line.
  const room = end.y - GAP >= top;
  return { endPage: end.page, room, spacerPt: Math.max(0, end.y - top - 2), unmarked };
}

/** The placement for a measured print (see the module comment). */
export function placement(m: { endPage: number; room: boolean; spacerPt: number }): ColophonPlacement {
  if (m.endPage % 2 === 1) return { mode: 'page' };
  return m.room ? { mode: 'inline', spacerPt: m.spacerPt } : { mode: 'blank' };
}

/** The final print's HTML for a placement. */
export function placeColophon(html: string, p: ColophonPlacement): string {
  if (p.mode === 'page') return html;
  if (p.mode === 'blank') {
    // An unnumbered blank page (the 版记's own page rule), then the 版记 page.
    return html.replace(
      new RegExp(`(<div[^>]*\\b${COLOPHON_ATTR}\\b[^>]*>)`),
      `<div class="banji-blank" style="page: banji; break-before: page; height: 1px"></div>$1`,
    );
  }
  // On the last content page: no page break, a spacer puts the 版记's last rule on the type area's bottom.
  const css = `<style>[${COLOPHON_ATTR}] { page: auto; break-before: auto; break-inside: avoid; height: auto; display: block; padding-top: ${p.spacerPt.toFixed(2)}pt; }</style>`;
  return html.replace(/<\/head>/i, `${css}</head>`);
}

function num(v: PdfValue | undefined): number {
  return v?.k === 'num' ? Number(v.raw) : NaN;
}
