import type { DocCell, DocTable } from '@duban/reporter-api';
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { halfPoints, pt, TYPE_WIDTH } from './_geometry.js';
import { STYLE, TABLE_PT } from './_styles.js';

/** Cell padding: 3 pt above and below, 4 pt at the sides unless the table says less (as the PDF's tables). */
const padding = (side = 4) => ({ top: pt(3), bottom: pt(3), left: pt(side), right: pt(side) });
/** Rules 0.75 pt (w:sz in eighths of a point). */
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

/** How wide a text is in characters of its size: CJK and full-width 1, Latin letters and digits ½. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2e80 && !'—“”‘’…·'.includes(ch) ? 0.5 : 1;
  return w;
}

/**
 * Packs words (a unit name's parts, each with its 、) into lines no wider than
 * `width` characters, so a line only ever breaks between words: Word breaks CJK
 * text anywhere, and has no run property to keep 安康高新区管委会 whole.
 */
export function packWords(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && textWidth(line + w) > width) {
      lines.push(line);
      line = w;
    } else line += w;
  }
  if (line) lines.push(line);
  return lines;
}

/** Twips of each column: the shares scaled to the 156 mm type area. */
export function columnTwips(widths: readonly number[]): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const out = widths.map((w) => Math.floor((w / total) * TYPE_WIDTH));
  out[out.length - 1]! += TYPE_WIDTH - out.reduce((a, b) => a + b, 0);
  return out;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(
  c: DocCell,
  header: boolean,
  twips: number,
  size: number,
  pad: ReturnType<typeof padding>,
  keepNext: boolean,
): TableCell {
  const chars = (twips - pad.left - pad.right) / pt(size);
  const lines = c.words ? packWords(c.words, Math.floor(chars)) : typeof c.text === 'string' ? [c.text] : [...c.text];
  // Packed words stay one paragraph with line breaks (w:br) an editor can retype; separate lines are paragraphs.
  const groups = c.words ? [lines] : lines.map((l) => [l]);
  const strong = header || c.strong === true;
  const children = groups.map(
    (parts) =>
      new Paragraph({
        style: strong ? STYLE.tableHeader.id : STYLE.table.id,
        // A 黑体 cell in the body (合计, a group's heading) keeps its own alignment; header cells are centred by their style.
        alignment: c.align ? ALIGN[c.align] : strong && !header ? AlignmentType.LEFT : undefined,
        keepNext: keepNext || undefined,
        children: parts.map(
          (text, i) =>
            new TextRun({ text, break: i > 0 ? 1 : undefined, size: size === TABLE_PT ? undefined : halfPoints(size) }),
        ),
      }),
  );
  return new TableCell({
    children: children.length ? children : [new Paragraph({ style: STYLE.table.id, children: [] })],
    columnSpan: c.colSpan,
    rowSpan: c.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { marginUnitType: WidthType.DXA, ...pad },
  });
}

/** For each row, whether a cell spanning rows from it or above goes on below it (the row must stay with the next). */
function groupedRows(rows: readonly (readonly DocCell[])[]): boolean[] {
  let end = 0;
  return rows.map((cells, r) => {
    for (const c of cells) end = Math.max(end, r + (c.rowSpan ?? 1));
    return r < end - 1;
  });
}

/** The width in twips of every cell: columns taken by row spans from above are skipped, as in an HTML table. */
function cellWidths(rows: readonly (readonly DocCell[])[], twips: readonly number[]): number[][] {
  const busy = new Array<number>(twips.length).fill(0);
  return rows.map((cells) => {
    let col = 0;
    const widths = cells.map((c) => {
      while (col < twips.length && busy[col]! > 0) col++;
      const span = c.colSpan ?? 1;
      const w = twips.slice(col, col + span).reduce((a, b) => a + b, 0);
      for (let k = col; k < col + span; k++) busy[k] = c.rowSpan ?? 1;
      col += span;
      return w;
    });
    for (let k = 0; k < busy.length; k++) busy[k] = Math.max(0, busy[k]! - 1);
    return widths;
  });
}

/** A table in the type area's width: fixed column widths, header rows repeated on every page, no row split across pages. */
export function table(t: DocTable): Table {
  const twips = columnTwips(t.widths);
  const size = t.size ?? TABLE_PT;
  const pad = padding(t.pad);
  const all = [...t.header, ...t.rows];
  const widths = cellWidths(all, twips);
  // Word and LibreOffice keep a row with the next when its paragraphs are 'keep with next'.
  const kept = t.keepGroups ? [...t.header.map(() => false), ...groupedRows(t.rows)] : all.map(() => false);
  const rows = all.map((cells, r) => {
    const header = r < t.header.length;
    return new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      height: { value: pt(size * 1.5), rule: HeightRule.ATLEAST },
      children: cells.map((c, i) => cell(c, header, widths[r]![i]!, size, pad, kept[r]!)),
    });
  });
  return new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows,
  });
}
