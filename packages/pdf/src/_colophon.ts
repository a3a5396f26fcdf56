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
 */
import { get, PdfFile, type PdfValue } from './_pdfobj.js';

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

/** Reads the measuring print: the 1-based page the content ends on, and whether the 版记 fits below it (with the spacer that puts it on the type area's bottom). */
export function measureColophon(
  pdf: Uint8Array,
  nonce: string,
): { endPage: number; room: boolean; spacerPt: number } | undefined {
  const file = new PdfFile(pdf);
  let end: { page: number; y: number } | undefined;
  let top: number | undefined;
  file.pages().forEach((p, i) => {
    const annots = file.resolve(get(file.value(p), 'Annots'));
    if (annots?.k !== 'arr') return;
    for (const a of annots.v) {
      const annot = file.resolve(a);
      const uri = get(file.resolve(get(annot, 'A')), 'URI');
      if (uri?.k !== 'str' || !uri.raw.includes(`${MARK}${nonce}/`)) continue;
      const rect = file.resolve(get(annot, 'Rect'));
      const y = rect?.k === 'arr' ? Math.min(num(rect.v[1]), num(rect.v[3])) : NaN;
      if (uri.raw.includes('/end')) end = { page: i + 1, y };
      else top = rect?.k === 'arr' ? Math.max(num(rect.v[1]), num(rect.v[3])) : NaN;
    }
  });
  if (!end || top === undefined || !Number.isFinite(end.y) || !Number.isFinite(top)) return undefined;
  // The 版记 block, as laid out at the bottom of its own page, reaches up to `top`; below the content there must be that much, plus a line.
  const room = end.y - GAP >= top;
  return { endPage: end.page, room, spacerPt: Math.max(0, end.y - top - 2) };
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
