import { pathToFileURL } from 'node:url';
import type { ResolvedFont } from './_fonts.js';

/**
 * @font-face rules binding each role's CSS family (duban-fangsong …) to its
 * cleaned font file. official.css uses only these families, so no system font
 * with radical mappings can sneak in, except as a last-resort fallback.
 */
export function fontFaceCss(fonts: readonly ResolvedFont[]): string {
  return fonts
    .map((f) => `@font-face { font-family: '${f.cssFamily}'; src: url('${pathToFileURL(f.cleanFile).href}'); font-weight: normal; font-style: normal; }`)
    .join('\n');
}
