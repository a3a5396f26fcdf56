/**
 * The text-integrity fix. Noto CJK and Fandol map Kangxi radicals (U+2F00–U+2FDF),
 * CJK radical supplements (U+2E80–U+2EFF) and compatibility ideographs to the
 * same glyph as the unified ideograph; Chromium's PDF writer puts the lowest
 * code point of a glyph into the ToUnicode map, so 工 would extract as ⼯. We
 * write a copy of the font whose cmap no longer maps those code points when
 * they share a glyph with a unified ideograph; text then extracts as written.
 * Control characters are dropped for the same reason (the lowest code point of
 * Fandol's space glyph is U+0000).
 */
import type { CodeMap } from './_cmap.js';
import { readCmap, readVariations, writeCmap } from './_cmap.js';
import { renameFace } from './_name.js';
import { familyNames, readFaces, type SfntFace, table, writeFace } from './_sfnt.js';

/** Code points that must not stand for a unified ideograph's glyph. */
export function isRadicalOrCompat(cp: number): boolean {
  return (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

/** CJK unified ideographs, including extension A and the supplementary planes. */
export function isUnifiedIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f);
}

/** C0/C1 control characters: some fonts (Fandol) map them to the space glyph, which then extracts as U+0001. */
export function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/** Returns the mappings to keep and the code points dropped. Pure; unit-tested. */
export function cleanMap(map: CodeMap): { map: CodeMap; dropped: number[] } {
  const glyphsOfIdeographs = new Set<number>();
  for (const [cp, g] of map) if (isUnifiedIdeograph(cp)) glyphsOfIdeographs.add(g);
  const out: CodeMap = new Map();
  const dropped: number[] = [];
  for (const [cp, g] of map) {
    if (isControl(cp) || (isRadicalOrCompat(cp) && glyphsOfIdeographs.has(g))) dropped.push(cp);
    else out.set(cp, g);
  }
  return { map: out, dropped };
}

/** Simplified-only characters a font for official documents must have (Big5/cwTeX fonts lack them). */
export const SIMPLIFIED_PROBE = '这个们发现国门书长';

/** True when the face has glyphs for simplified Chinese. */
export function hasSimplified(map: CodeMap): boolean {
  return [...SIMPLIFIED_PROBE].every((ch) => map.has(ch.codePointAt(0)!));
}

/** Picks the face of a collection: the first whose family matches `prefer`, else one with simplified glyphs. */
export function pickFace(
  faces: SfntFace[],
  prefer?: RegExp,
): { face: SfntFace; family: string; map: CodeMap } | undefined {
  const described = faces.map((face) => {
    const cmap = table(face, 'cmap');
    return { face, family: familyNames(face)[0] ?? '', map: cmap ? readCmap(cmap) : new Map<number, number>() };
  });
  const usable = described.filter((d) => hasSimplified(d.map));
  return (prefer && usable.find((d) => familyNames(d.face).some((n) => prefer.test(n)))) || usable[0];
}

/** Builds the cleaned standalone font for one face of `source`, renamed to `newFamily` when given. */
export function buildCleanFont(
  source: Uint8Array,
  file: string,
  prefer?: RegExp,
  newFamily?: string,
): { data: Uint8Array; family: string; dropped: number } | undefined {
  const picked = pickFace(readFaces(source, file), prefer);
  if (!picked) return undefined;
  const cmap = table(picked.face, 'cmap')!;
  const { map, dropped } = cleanMap(picked.map);
  const tables = picked.face.tables.map((t) => {
    if (t.tag === 'cmap') return { tag: 'cmap', data: writeCmap(map, readVariations(cmap)) };
    if (t.tag === 'name' && newFamily) return { tag: 'name', data: renameFace(t.data, newFamily) };
    return t;
  });
  return { data: writeFace({ version: picked.face.version, tables }), family: picked.family, dropped: dropped.length };
}

/** Each face of a font file: its family names and code point → glyph map (for doctor output and tests). */
export function inspectFont(source: Uint8Array, file = 'font'): { families: string[]; map: CodeMap }[] {
  return readFaces(source, file).map((face) => {
    const cmap = table(face, 'cmap');
    return { families: familyNames(face), map: cmap ? readCmap(cmap) : new Map<number, number>() };
  });
}
