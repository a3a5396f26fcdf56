import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renameFace } from './_name.js';
import { checksum, familyNames, readFaces, table, writeFace } from './_sfnt.js';

const KAI = '/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf';
const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('sfnt writer', () => {
  it('writes a font whose whole-file checksum is the magic number and whose tables are unchanged', () => {
    const [face] = readFaces(readFileSync(KAI));
    const out = writeFace(face!);
    expect(checksum(out)).toBe(0xb1b0afba);
    const [back] = readFaces(out);
    expect(back!.tables.map((t) => t.tag).sort()).toEqual(face!.tables.map((t) => t.tag).sort());
    expect(Buffer.compare(Buffer.from(table(back!, 'glyf')!), Buffer.from(table(face!, 'glyf')!))).toBe(0);
  });

  it('reads every face of a collection and finds the simplified-Chinese one by name', () => {
    const faces = readFaces(readFileSync(NOTO));
    expect(faces.length).toBeGreaterThanOrEqual(5);
    expect(faces.flatMap(familyNames)).toContain('Noto Sans CJK SC');
  });

  it('renames a face and keeps its other name records', () => {
    const [face] = readFaces(readFileSync(KAI));
    const renamed = renameFace(table(face!, 'name'), 'duban-kaiti');
    const names = familyNames({ version: face!.version, tables: [{ tag: 'name', data: renamed }] });
    expect(names).toEqual(['duban-kaiti']);
    expect(renamed.byteLength).toBeGreaterThan(100); // copyright and licence records kept
  });

  it('refuses what is not a font', () => {
    expect(() => readFaces(new TextEncoder().encode('not a font at all'), 'x.txt')).toThrow(
      expect.objectContaining({ code: 'DUBAN_PDF_FONT_INVALID' }),
    );
  });
});
