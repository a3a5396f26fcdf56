/**
 * Hand-written OOXML, limited to what the docx library cannot express (checked
 * against docx 9.15): each function patches one part of the package the library
 * wrote, in the element order ECMA-376 requires (Word refuses misordered XML).
 *
 * - styles.xml: w:snapToGrid="0" (a line that keeps its own height instead of
 *   the 29 pt grid), w:kinsoku, w:overflowPunct, w:topLinePunct, w:autoSpaceDE/DN
 *   and w:suppressAutoHyphens (East Asian line breaking) have no style option.
 * - settings.xml: w:characterSpacingControl (punctuation compression) and
 *   w:themeFontLang (East Asian language zh-CN) have no document option.
 * - fontTable.xml: the library writes no entry for a font it does not embed;
 *   GB/T 9704's official fonts need w:altName (the open substitute), the GB2312
 *   character set and the family class, so Word and WPS substitute sensibly.
 */
import type { DocxFont } from '@duban/reporter-api';

// CT_PPrBase children that come after w:snapToGrid (ECMA-376 Part 1, 17.3.1.26): insert before the first of them.
const AFTER_SNAP = [
  'w:spacing',
  'w:ind',
  'w:contextualSpacing',
  'w:mirrorIndents',
  'w:suppressOverlap',
  'w:jc',
  'w:textDirection',
  'w:textAlignment',
  'w:textboxTightWrap',
  'w:outlineLvl',
  'w:divId',
  'w:cnfStyle',
  'w:rPr',
  'w:sectPr',
  'w:pPrChange',
];

/** East Asian line breaking for every paragraph (on Normal, which every style is based on). */
export const EAST_ASIAN_PPR = [
  // No Latin hyphenation (GB/T 9704 text never hyphenates).
  '<w:suppressAutoHyphens/>',
  // 禁则: no closing punctuation at a line start, no opening one at a line end.
  '<w:kinsoku w:val="1"/>',
  // Hanging punctuation: w:overflowPunct="1" is Word's own default (a full stop may hang
  // past the line end, as in every document from a Chinese Word template). LibreOffice
  // (writerfilter up to at least 7.4) reads this element inverted — "0" turns hanging ON —
  // so "1" is also the only value that keeps LibreOffice and WPS for Linux inside the
  // 156 mm type area that check-gongwen measures.
  '<w:overflowPunct w:val="1"/>',
  // Compress punctuation at the start of a line.
  '<w:topLinePunct w:val="1"/>',
  // No extra space between Chinese and Latin letters or digits: the grid stays 28 characters.
  '<w:autoSpaceDE w:val="0"/>',
  '<w:autoSpaceDN w:val="0"/>',
];

/** Inserts pPr children (that belong before w:spacing) into the pPr of the given styles. */
export function patchStyles(xml: string, extra: Readonly<Record<string, readonly string[]>>): string {
  return xml.replace(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/gu, (style, id: string) => {
    const add = extra[id];
    if (!add?.length) return style;
    const open = style.indexOf('<w:pPr>');
    if (open < 0) {
      // A style without paragraph properties gets them before its run properties (CT_Style order: … pPr, rPr …).
      const at = style.search(/<w:rPr>|<\/w:style>/u);
      return `${style.slice(0, at)}<w:pPr>${add.join('')}</w:pPr>${style.slice(at)}`;
    }
    const close = style.indexOf('</w:pPr>', open);
    const inner = style.slice(open + 7, close);
    const cut = Math.min(
      ...AFTER_SNAP.map((tag) => inner.search(new RegExp(`<${tag}[\\s/>]`, 'u'))).filter((i) => i >= 0),
      inner.length,
    );
    return `${style.slice(0, open + 7)}${inner.slice(0, cut)}${add.join('')}${inner.slice(cut)}${style.slice(close)}`;
  });
}

/** Adds punctuation compression (before w:compat, as CT_Settings orders it) and the East Asian theme language (after it). */
export function patchSettings(xml: string): string {
  const compat = xml.indexOf('<w:compat>');
  if (compat < 0) throw new Error('settings.xml without w:compat: the docx library changed its output');
  const end = xml.indexOf('</w:compat>') + '</w:compat>'.length;
  return `${xml.slice(0, compat)}<w:characterSpacingControl w:val="compressPunctuation"/>${xml.slice(compat, end)}<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>${xml.slice(end)}`;
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/"/gu, '&quot;');

/** The font table: every family the document names, with its open substitute as w:altName and the GB2312 character set. */
export function fontTable(fonts: readonly DocxFont[]): string {
  const seen = new Set<string>();
  const entries = fonts
    .filter((f) => !seen.has(f.family) && seen.add(f.family))
    .map((f) => {
      const family = f.role === 'heiti' ? 'modern' : 'roman';
      return `<w:font w:name="${esc(f.family)}"><w:altName w:val="${esc(f.fallback)}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
    });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${entries.join('')}</w:fonts>`;
}
