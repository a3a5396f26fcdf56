/**
 * Gives Chromium each role's prepared font through @font-face (family names
 * duban-<role>, so templates and CSS are unchanged): the core, installed
 * through fontconfig and named with local(), plus one small web font per rare
 * block the document needs, limited by `unicode-range`. Nothing
 * here grows with the number of documents: the files are prepared once
 * (_prepare.ts) and Chromium subsets TrueType faces itself when it embeds them.
 * Also declares the page-number counter styles official.css uses.
 */
import { pathToFileURL } from 'node:url';
import { blockRange, blocksNeeded } from './_coverage.js';
import { pageNumberStyles } from './_pages.js';
import type { FontPreparer, PreparedFont } from './_prepare.js';

/** Every code point of the texts. */
export function codePointsOf(...texts: string[]): Set<number> {
  const set = new Set<number>();
  for (const t of texts) {
    // A document is mostly ASCII markup: skip it without building strings.
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x80) {
        set.add(c);
        continue;
      }
      const cp = t.codePointAt(i)!;
      set.add(cp);
      if (cp > 0xffff) i++;
    }
  }
  return set;
}

function face(family: string, file: string, weight: number, range?: string): string {
  const url = pathToFileURL(file).href.replace(/'/g, '%27');
  const format = file.endsWith('.otf') ? 'opentype' : 'truetype';
  return `@font-face { font-family: '${family}'; src: url('${url}') format('${format}'); font-weight: ${weight}; font-display: block;${range ? ` unicode-range: ${range};` : ''} }`;
}

/** The core as an installed font (see _fontconfig.ts; its full name is the family, duban-<role>), the file as a fallback. */
function coreFace(f: PreparedFont): string {
  const url = pathToFileURL(f.core).href.replace(/'/g, '%27');
  return `@font-face { font-family: '${f.cssFamily}'; src: local('${f.cssFamily}'), url('${url}'); font-weight: ${f.weight}; font-display: block; }`;
}

/** The @font-face rules (and page-number counter styles) for a document whose text uses `codePoints`. */
export async function fontFaceCss(
  fonts: readonly PreparedFont[],
  codePoints: ReadonlySet<number>,
  preparer: FontPreparer,
): Promise<string> {
  const rules: string[] = [pageNumberStyles()];
  for (const f of fonts) {
    // Rare blocks first and the core last: for a character in both ranges the last face declared is tried first.
    for (const block of blocksNeeded(codePoints, f.blocks)) {
      const file = await preparer.block(f, block);
      if (file) rules.push(face(f.cssFamily, file, f.weight, blockRange(block)));
    }
    rules.push(coreFace(f));
  }
  return rules.join('\n');
}

/** Puts the font rules into the document's head and a hidden element that loads every role during layout. */
export function withFontFaces(html: string, css: string, fonts: readonly PreparedFont[]): string {
  const style = `<style data-duban-fonts>\n${css}\n</style>`;
  // Chromium prints margin boxes (page numbers, duban-songti) with what is loaded by then: load every role during layout.
  const preload = `<div data-duban-font-preload aria-hidden="true" style="position: absolute; top: 0; left: 0; visibility: hidden; height: 0; overflow: hidden;">${fonts
    .map((f) => `<span style="font-family: '${f.cssFamily}'">— 0 —</span>`)
    .join('')}</div>`;
  let out = /<head(\s[^>]*)?>/i.test(html)
    ? html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n${style}`)
    : html.replace(/^(\s*<!doctype[^>]*>)?/i, (m) => `${m}${style}`);
  out = /<body(\s[^>]*)?>/i.test(out) ? out.replace(/<body(\s[^>]*)?>/i, (m) => `${m}${preload}`) : out + preload;
  return out;
}
