import {
  type DocBlock,
  type DocxFont,
  type DocxRenderer,
  type OfficialDocument,
  writeFileAtomic,
} from '@duban/reporter-api';
import { Document, type ISectionOptions, Packer, Paragraph, type Table } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { banjiSpacer, banjiTable } from './_banji.js';
import { block, masthead } from './_blocks.js';
import { documentFonts, type FontRole, fontMap } from './_fonts.js';
import { banjiProperties, blankFooters, pageNumberFooters, pageProperties } from './_page.js';
import { EAST_ASIAN_PPR, fontTable, patchSettings, patchStyles } from './_parts.js';
import { OFF_GRID, STYLE, styles } from './_styles.js';

/** Options of the DOCX writer. */
export interface DocxWriterOptions {
  /** Fonts by role from config (`fonts`): a family name is named in the document instead of the official one. */
  fonts?: Partial<Record<FontRole, string>>;
  /** Author in the file properties. */
  creator?: string;
}

// Blocks that must stay on the page of the block before them (附件说明 and 落款 travel with the last paragraph).
const CLINGS: ReadonlySet<DocBlock['kind']> = new Set(['attachmentNote', 'signature']);

/** Word's body: the masthead, every block in order, and for a 版记 its own section. */
function sections(doc: OfficialDocument) {
  const children: (Paragraph | Table)[] = doc.masthead ? masthead(doc.masthead) : [];
  doc.blocks.forEach((b, i) => children.push(...block(b, CLINGS.has(doc.blocks[i + 1]?.kind as DocBlock['kind']))));
  // Word ends a section with a paragraph; after a closing table that is an empty one.
  if (doc.blocks.at(-1)?.kind === 'table') children.push(new Paragraph({ style: STYLE.table.id, children: [] }));
  const main = { properties: pageProperties(), footers: pageNumberFooters(), children };
  if (!doc.banji) return [main];
  return [
    main,
    {
      properties: banjiProperties(),
      footers: blankFooters(),
      children: [
        banjiSpacer(doc.banji),
        banjiTable(doc.banji),
        new Paragraph({
          style: STYLE.banji.id,
          spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' as const },
          children: [],
        }),
      ],
    },
  ];
}

// Characters XML 1.0 cannot hold (a stray control code in a unit's narrative): Word refuses a file with one.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

/** The document with every string stripped of characters XML cannot hold (the docx library escapes the rest). */
function clean(doc: OfficialDocument): OfficialDocument {
  return JSON.parse(JSON.stringify(doc), (_k, v: unknown) =>
    typeof v === 'string' ? v.replace(NOT_XML, '') : v,
  ) as OfficialDocument;
}

/**
 * Creates the DOCX writer: OfficialDocument → .docx with the GB/T 9704 page,
 * the 28 × 22 grid, named styles per role, fonts by role (official name, open
 * fallback), page numbers in the footer and the 版记 on an even last page.
 */
export function createDocxWriter(options: DocxWriterOptions = {}): DocxRenderer {
  const fonts: DocxFont[] = documentFonts(options.fonts);
  const map = fontMap(fonts);
  const styleOptions = styles(map);
  // Widow control, East Asian line breaking and the grid switch have no style option in the docx library (see _parts.ts).
  const patches: Record<string, string[]> = { [STYLE.body.id]: ['<w:widowControl/>', ...EAST_ASIAN_PPR] };
  for (const role of OFF_GRID) (patches[STYLE[role].id] ??= []).push('<w:snapToGrid w:val="0"/>');
  const fontTableXml = fontTable(fonts);

  const documentFor = (title: string, parts: ISectionOptions[]) =>
    new Document({
      title,
      creator: options.creator ?? 'duban',
      description: 'GB/T 9704-2012',
      evenAndOddHeaderAndFooters: true,
      hyphenation: { autoHyphenation: false },
      styles: styleOptions,
      sections: parts,
    });
  // styles.xml, settings.xml and fontTable.xml depend on the writer's options only, never on a
  // document: patched once per writer and handed to the packer as overrides, so a document is
  // zipped once (before, every document was zipped, unzipped, patched and zipped again).
  let fixed: Promise<{ path: string; data: string }[]> | undefined;
  const fixedParts = () =>
    (fixed ??= Packer.toBuffer(documentFor('', [{ children: [] }])).then((packed) => {
      const files = unzipSync(new Uint8Array(packed), {
        filter: (f) => f.name === 'word/styles.xml' || f.name === 'word/settings.xml',
      });
      return [
        { path: 'word/styles.xml', data: patchStyles(strFromU8(files['word/styles.xml']!), patches) },
        { path: 'word/settings.xml', data: patchSettings(strFromU8(files['word/settings.xml']!)) },
        { path: 'word/fontTable.xml', data: fontTableXml },
      ];
    }));

  const build = async (doc: OfficialDocument): Promise<{ data: Uint8Array; paragraphs: number }> => {
    const parts = sections(clean(doc));
    const data = new Uint8Array(await Packer.toBuffer(documentFor(doc.title, parts), false, await fixedParts()));
    const paragraphs = parts.reduce((n, s) => n + s.children.filter((c) => c instanceof Paragraph).length, 0);
    return { data, paragraphs };
  };

  return {
    toBuffer: async (doc) => (await build(doc)).data,
    async render(doc, outPath) {
      const { data, paragraphs } = await build(doc);
      await writeFileAtomic(outPath, data);
      return { path: outPath, bytes: data.byteLength, paragraphs };
    },
    fonts: async () => fonts,
  };
}
