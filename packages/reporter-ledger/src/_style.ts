import type { Status } from '@duban/reporter-api';
import type ExcelJS from 'exceljs';

/** Verdict cell colours (Excel's own good/neutral/bad palette): green, amber, red. */
export const STATUS_FILLS: Record<Status, { fill: string; font: string }> = {
  completed: { fill: 'FFC6EFCE', font: 'FF006100' },
  on_track: { fill: 'FFE2EFDA', font: 'FF375623' },
  at_risk: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  overdue: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  not_due: { fill: 'FFF2F2F2', font: 'FF404040' },
};

// 宋体 is on every Chinese Windows/WPS install; LibreOffice substitutes a CJK serif.
const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
/** Thin grey borders on all four sides. */
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Styles a header row: bold 宋体 on grey, centred, wrapped, bordered. */
export function styleHeader(row: ExcelJS.Row): void {
  row.height = 30;
  row.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
  });
}

/** Styles a body cell: 宋体 10.5, top-aligned, bordered; wrapped when the column wraps. */
export function styleCell(cell: ExcelJS.Cell, wrap: boolean, centre = false): void {
  cell.font = { name: FONT, size: 10.5 };
  cell.alignment = { vertical: 'top', horizontal: centre ? 'center' : 'left', wrapText: wrap };
  cell.border = BORDER;
}

/** Colours a verdict cell by status. */
export function styleStatus(cell: ExcelJS.Cell, status: Status | null): void {
  if (!status) return;
  const c = STATUS_FILLS[status];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } };
  cell.font = { name: FONT, size: 10.5, bold: true, color: { argb: c.font } };
  cell.alignment = { vertical: 'top', horizontal: 'center' };
}

/** Landscape, one page wide, title and header rows repeated, page numbers in the footer: how offices print a wide 台账. */
export function printSetup(sheet: ExcelJS.Worksheet, paper: 'A4' | 'A3' = 'A4'): void {
  // OOXML paper sizes: 9 is A4, 8 is A3 (exceljs's PaperSize enum does not list A3).
  sheet.pageSetup = {
    paperSize: (paper === 'A3' ? 8 : 9) as unknown as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:3',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' };
}

/** Display width in column units: CJK and full-width characters count as two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

/**
 * Row height (pt) that shows every wrapped cell whole. Excel and LibreOffice do not
 * re-fit rows written by a library, so the height is estimated here from widths.
 */
export function rowHeight(cells: readonly { text: string; width: number }[], linePt = 14): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const usable = Math.max(1, width - 1);
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * linePt + 4);
}
