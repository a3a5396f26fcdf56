import { chineseDate, statusLabels } from '@duban/reporter-api';
import ExcelJS from 'exceljs';
import { buildIndicatorRows, buildLedgerRows, type IndicatorRow, type LedgerInput, type LedgerRow } from './_rows.js';
import { buildStats, STATUS_ORDER } from './_stats.js';
import { printSetup, rowHeight, styleCell, styleHeader, styleStatus } from './_style.js';

interface Column<R> {
  key: keyof R & string;
  header: string;
  width: number;
  wrap?: boolean;
  /** Excel number format: dates and percentages stay numbers, only shown formatted. */
  numFmt?: string;
  centre?: boolean;
}

/** Columns of the 全部 and per-section sheets, in order; `optional` ones appear only when some row has a value. */
export const TASK_COLUMNS: readonly (Column<LedgerRow> & { optional?: boolean })[] = [
  { key: 'task', header: '序号', width: 6, centre: true },
  { key: 'sectionTitle', header: '部分', width: 16, wrap: true },
  { key: 'text', header: '重点任务', width: 50, wrap: true },
  { key: 'leaders', header: '责任市级领导', width: 12, wrap: true, optional: true },
  { key: 'lead', header: '牵头单位', width: 14, wrap: true },
  { key: 'others', header: '配合/责任单位', width: 22, wrap: true },
  { key: 'indicators', header: '量化指标（目标：完成情况）', width: 30, wrap: true },
  { key: 'deadlinePhrase', header: '时限', width: 10, wrap: true },
  { key: 'deadline', header: '截止日期', width: 11, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'elapsed', header: '序时进度', width: 8, numFmt: '0.0%', centre: true },
  { key: 'progress', header: '完成进度', width: 8, numFmt: '0.0%', centre: true },
  { key: 'reportedBy', header: '报送单位', width: 12, wrap: true },
  { key: 'reportedAt', header: '报送日期', width: 11, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'narrative', header: '进展情况', width: 36, wrap: true },
  { key: 'problems', header: '存在问题', width: 20, wrap: true },
  { key: 'nextSteps', header: '下一步措施', width: 20, wrap: true },
  { key: 'byUnit', header: '各单位进展', width: 26, wrap: true, optional: true },
  { key: 'verdict', header: '评价', width: 10, centre: true },
  { key: 'reason', header: '评价依据', width: 30, wrap: true },
  { key: 'remarks', header: '督办记录/备注', width: 16, wrap: true },
];

const INDICATOR_COLUMNS: readonly Column<IndicatorRow>[] = [
  { key: 'task', header: '任务序号', width: 9, centre: true },
  { key: 'text', header: '指标', width: 40, wrap: true },
  { key: 'comparator', header: '比较', width: 6, centre: true },
  { key: 'target', header: '目标值', width: 12 },
  { key: 'unit', header: '计量单位', width: 10, centre: true },
  { key: 'actual', header: '最新实际', width: 12 },
  { key: 'ratio', header: '完成率', width: 10, numFmt: '0.0%' },
  { key: 'reportedBy', header: '报送单位', width: 14, wrap: true },
  { key: 'reportedAt', header: '报送日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'deadline', header: '截止日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
];

/** Sheet names: ≤ 31 characters, none of []:*?/\ and unique (Excel refuses anything else). */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Rows above the table on every sheet: the title and the 截至 line. */
export const HEAD_ROWS = 2;

/** Text a spreadsheet could read as a formula (= + - @ first): stored as a text cell with the text format, never as a formula. */
export function isFormulaLike(v: unknown): boolean {
  return typeof v === 'string' && /^[=+\-@\t\r]/u.test(v);
}

function addTable<R>(
  wb: ExcelJS.Workbook,
  name: string,
  head: SheetHead,
  columns: readonly Column<R>[],
  rows: readonly R[],
  status?: (r: R) => LedgerRow['status'],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEAD_ROWS + 1 }] });
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  writeHead(ws, head, columns.length);
  styleHeader(ws.getRow(HEAD_ROWS + 1));
  columns.forEach((c, i) => (ws.getRow(HEAD_ROWS + 1).getCell(i + 1).value = c.header));
  styleHeader(ws.getRow(HEAD_ROWS + 1));
  const verdictCol = columns.findIndex((c) => c.key === 'verdict') + 1;
  rows.forEach((r, k) => {
    const row = ws.getRow(HEAD_ROWS + 2 + k);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = (r[c.key] ?? null) as ExcelJS.CellValue;
      cell.value = v;
      styleCell(cell, c.wrap ?? false, c.centre ?? false);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (isFormulaLike(v)) cell.numFmt = '@';
    });
    if (status && verdictCol > 0) styleStatus(row.getCell(verdictCol), status(r));
    row.height = rowHeight(
      columns.filter((c) => c.wrap).map((c) => ({ text: String(r[c.key] ?? ''), width: c.width })),
    );
  });
  ws.autoFilter = {
    from: { row: HEAD_ROWS + 1, column: 1 },
    to: { row: HEAD_ROWS + 1 + Math.max(1, rows.length), column: columns.length },
  };
  printSetup(ws, head.paper);
  return ws;
}

/** What heads every sheet: the workbook title, the 截至 line, the paper. */
interface SheetHead {
  title: string;
  asOf: string;
  paper: 'A4' | 'A3';
}

function writeHead(ws: ExcelJS.Worksheet, head: SheetHead, width: number): void {
  const last = Math.max(2, width);
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  const title = ws.getCell(1, 1);
  title.value = head.title;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const asOf = ws.getCell(2, 1);
  asOf.value = head.asOf;
  asOf.font = { name: '宋体', size: 11 };
  asOf.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 32;
}

// Counts compare cells with cells (SUMPRODUCT of exact matches): a section title
// holding " * ? or a leading = can neither break a formula nor act as a wildcard.
function addStats(
  wb: ExcelJS.Workbook,
  name: string,
  head: SheetHead,
  all: string,
  columns: readonly Column<LedgerRow>[],
  rows: readonly LedgerRow[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEAD_ROWS + 1 }] });
  const labels = STATUS_ORDER.map((s) => statusLabels[s]);
  ws.columns = [{ width: 40 }, { width: 9 }, ...labels.map(() => ({ width: 11 })), { width: 10 }];
  writeHead(ws, head, labels.length + 3);
  const headerRow = HEAD_ROWS + 1;
  ['部分', '任务数', ...labels, '完成率'].forEach((h, i) => (ws.getRow(headerRow).getCell(i + 1).value = h));
  styleHeader(ws.getRow(headerRow));
  const colOf = (key: keyof LedgerRow) => columnLetter(columns.findIndex((c) => c.key === key) + 1);
  const first = HEAD_ROWS + 2;
  const lastRow = HEAD_ROWS + 1 + Math.max(1, rows.length);
  const ref = (key: keyof LedgerRow) =>
    `'${all.replace(/'/g, "''")}'!$${colOf(key)}$${first}:$${colOf(key)}$${lastRow}`;
  const stats = buildStats(rows);
  stats.forEach((s, i) => {
    const r = headerRow + 1 + i;
    const inSection = s.section === null ? '' : `(${ref('sectionTitle')}=$A${r})*`;
    const row = ws.getRow(r);
    const values: ExcelJS.CellValue[] = [
      s.label,
      {
        formula: s.section === null ? `COUNT(${ref('task')})` : `SUMPRODUCT(--(${ref('sectionTitle')}=$A${r}))`,
        result: s.total,
      },
      ...STATUS_ORDER.map((st, j) => ({
        formula: `SUMPRODUCT(${inSection}(${ref('verdict')}=${columnLetter(3 + j)}$${headerRow}))`,
        result: s.counts[st],
      })),
      { formula: `IF(B${r}=0,0,C${r}/B${r})`, result: s.total ? s.counts.completed / s.total : 0 },
    ];
    values.forEach((v, j) => (row.getCell(j + 1).value = v));
    row.eachCell((cell, c) => {
      styleCell(cell, c === 1, c > 1);
      if (s.section === null) cell.font = { ...cell.font, bold: true };
      if (c === 1 && isFormulaLike(cell.value)) cell.numFmt = '@';
    });
    row.getCell(STATUS_ORDER.length + 3).numFmt = '0.0%';
  });
  const note = ws.getCell(`A${headerRow + stats.length + 2}`);
  note.value = '说明：评价由督查规则判定（评价标准见表头）；数字由公式按“全部”工作表计算。';
  printSetup(ws, head.paper);
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Options of the workbook beyond the data. */
export interface WorkbookOptions {
  /** Add one sheet per section (default true). */
  sections: boolean;
  /** Add the 指标 sheet (default true). */
  indicators: boolean;
  /** Paper for printing: A4 landscape (default) or A3 landscape. */
  paper?: 'A4' | 'A3';
  /** The office keeping the ledger, for the print header. */
  office?: string;
  /** 台账核验码: the audit head the workbook was made from. */
  check?: string;
}

/** Builds the ledger workbook: 全部, one sheet per section, 指标, 统计; each with a title, the 截至 line, print titles and page numbers. */
export function buildWorkbook(
  input: LedgerInput,
  options: WorkbookOptions = { sections: true, indicators: true },
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const when = new Date(`${input.asOf}T00:00:00Z`);
  wb.creator = options.office ?? 'duban';
  wb.title = `${input.plan.year}年重点任务台账`;
  wb.subject = input.plan.title;
  wb.created = when;
  wb.modified = when;
  // Excel and WPS recompute the 统计 formulas on open instead of trusting cached results.
  wb.calcProperties.fullCalcOnLoad = true;
  const rows = buildLedgerRows(input);
  const columns = TASK_COLUMNS.filter((c) => !c.optional || rows.some((r) => r[c.key] !== ''));
  const head: SheetHead = {
    title: `${input.plan.year}年《政府工作报告》重点任务落实情况台账`,
    asOf: `截至${chineseDate(input.asOf)}　共${rows.length}项　${[input.method.basisText, input.method.statement].filter(Boolean).join('；')}${options.check ? `　台账核验码：${options.check}` : ''}`,
    paper: options.paper ?? 'A4',
  };
  const taken = new Set<string>();
  const all = sheetName('全部', taken);
  addTable(wb, all, head, columns, rows, (r) => r.status);
  if (options.sections) {
    for (const s of buildStats(rows).filter((x) => x.section !== null)) {
      addTable(
        wb,
        sheetName(s.section!, taken),
        head,
        columns,
        rows.filter((r) => r.sectionTitle === s.section),
        (r) => r.status,
      );
    }
  }
  if (options.indicators) addTable(wb, sheetName('指标', taken), head, INDICATOR_COLUMNS, buildIndicatorRows(input));
  addStats(wb, sheetName('统计', taken), head, all, columns, rows);
  return wb;
}
