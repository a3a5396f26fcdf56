/**
 * Gives Chromium each role font as a per-document subset through @font-face
 * (same family names duban-<role>, so templates and CSS are unchanged). The
 * fontconfig set stays behind it: doctor and a failed subset still use it.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedFont } from './_fonts.js';
import { readFaces, table } from './_sfnt.js';
import { codePointsOf, type FontSubsetter } from './_subset.js';

/** Writes the subsets next to the document (`${stem}-<role>.otf`) and returns the HTML that loads them, plus the files written. */
export async function withFontSubsets(html: string, css: string, fonts: readonly ResolvedFont[], subsetter: FontSubsetter, stem: string): Promise<{ html: string; files: string[] }> {
  // Every code point of the document and the stylesheet: a superset of what prints, page-number `content:` included.
  const codePoints = codePointsOf(html, css);
  const files: string[] = [];
  const rules: string[] = [];
  for (const f of fonts) {
    const data = await subsetter.subset(f.cleanFile, codePoints);
    let src = f.cleanFile;
    let weight = 400;
    if (data) {
      src = `${stem}-${f.role}${extname(f.cleanFile)}`;
      await writeFile(src, data);
      files.push(src);
      weight = weightOf(data);
    }
    const format = extname(src) === '.otf' ? 'opentype' : 'truetype';
    // The face's own weight, as fontconfig reported it before: a bold face (小标宋) is never emboldened again.
    rules.push(`@font-face { font-family: '${f.cssFamily}'; src: url('${pathToFileURL(src).href.replace(/'/g, '%27')}') format('${format}'); font-weight: ${weight}; font-display: block; }`);
  }
  const style = `<style data-duban-fonts>\n${rules.join('\n')}\n</style>`;
  // Chromium prints margin boxes (page numbers, duban-songti) with what is loaded by then: load every role during layout.
  const preload = `<div data-duban-font-preload aria-hidden="true" style="position: absolute; top: 0; left: 0; visibility: hidden; height: 0; overflow: hidden;">${fonts
    .map((f) => `<span style="font-family: '${f.cssFamily}'">— 0 —</span>`)
    .join('')}</div>`;
  let out = /<head(\s[^>]*)?>/i.test(html) ? html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n${style}`) : html.replace(/^(\s*<!doctype[^>]*>)?/i, (m) => `${m}${style}`);
  out = /<body(\s[^>]*)?>/i.test(out) ? out.replace(/<body(\s[^>]*)?>/i, (m) => `${m}${preload}`) : out + preload;
  return { html: out, files };
}

function weightOf(font: Uint8Array): number {
  try {
    const os2 = table(readFaces(font)[0]!, 'OS/2');
    if (!os2 || os2.byteLength < 6) return 400;
    const w = (os2[4]! << 8) | os2[5]!;
    return w >= 1 && w <= 1000 ? w : 400;
  } catch {
    return 400;
  }
}
