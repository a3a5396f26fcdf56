import ExcelJS from 'exceljs';
import { statusLabels } from '@duban/core';
import { buildIndicatorRows, buildLedgerRows, type LedgerInput, type LedgerRow } from './_rows.js';
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

/** Columns of the 全部 and per-section sheets, in order. */
export const TASK_COLUMNS: readonly Column<LedgerRow>[] = [
  { key: 'task', header: '序号', width: 6, centre: true },
  { key: 'sectionTitle', header: '部分', width: 18, wrap: true },
  { key: 'text', header: '重点任务', width: 56, wrap: true },
  { key: 'lead', header: '牵头单位', width: 16, wrap: true },
  { key: 'co', header: '配合/责任单位', width: 24, wrap: true },
  { key: 'indicators', header: '量化指标（目标/最新）', width: 34, wrap: true },
  { key: 'deadlinePhrase', header: '时限', width: 12, wrap: true },
  { key: 'deadline', header: '截止日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'progress', header: '完成进度', width: 10, numFmt: '0%', centre: true },
  { key: 'narrative', header: '最新进展', width: 46, wrap: true },
  { key: 'reportedAt', header: '报送日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'reportedBy', header: '报送单位', width: 14, wrap: true },
  { key: 'verdict', header: '评价', width: 11, centre: true },
  { key: 'reason', header: '评价依据', width: 36, wrap: true },
];

const INDICATOR_COLUMNS = [
  { key: 'task', header: '任务序号', width: 9, centre: true },
  { key: 'text', header: '指标', width: 40, wrap: true },
  { key: 'comparator', header: '比较', width: 6, centre: true },
  { key: 'target', header: '目标值', width: 12 },
  { key: 'unit', header: '计量单位', width: 10, centre: true },
  { key: 'actual', header: '最新实际', width: 12 },
  { key: 'ratio', header: '完成率', width: 10, numFmt: '0.0%' },
  { key: 'reportedAt', header: '报送日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
  { key: 'deadline', header: '截止日期', width: 12, numFmt: 'yyyy-mm-dd', centre: true },
] as const;

/** Sheet names: ≤ 31 characters, none of []:*?/\ and unique (Excel refuses anything else). */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addTable<R>(wb: ExcelJS.Workbook, name: string, columns: readonly Column<R>[], rows: readonly R[], status?: (r: R) => LedgerRow['status']): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  styleHeader(ws.addRow(columns.map((c) => c.header)));
  const verdictCol = columns.findIndex((c) => c.key === 'verdict') + 1;
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => (r[c.key] ?? null) as ExcelJS.CellValue));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      styleCell(cell, c.wrap ?? false, c.centre ?? false);
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
    if (status && verdictCol > 0) styleStatus(row.getCell(verdictCol), status(r));
    row.height = rowHeight(columns.filter((c) => c.wrap).map((c) => ({ text: String(r[c.key] ?? ''), width: c.width })));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  printSetup(ws);
  return ws;
}

// Criteria strings in COUNTIF treat * ? ~ as wildcards.
const criterion = (s: string) => `"${s.replace(/[~*?]/g, '~$&').replace(/"/g, '""')}"`;

function addStats(wb: ExcelJS.Workbook, name: string, all: string, rows: readonly LedgerRow[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const labels = STATUS_ORDER.map((s) => statusLabels[s]);
  ws.columns = [{ width: 40 }, { width: 9 }, ...labels.map(() => ({ width: 11 })), { width: 10 }];
  styleHeader(ws.addRow(['部分', '任务数', ...labels, '完成率']));
  const col = (key: keyof LedgerRow) => String.fromCharCode(65 + TASK_COLUMNS.findIndex((c) => c.key === key));
  const ref = (key: keyof LedgerRow) => `'${all}'!$${col(key)}$2:$${col(key)}$${rows.length + 1}`;
  const stats = buildStats(rows);
  stats.forEach((s, i) => {
    const r = i + 2;
    const where = s.section === null ? '' : `${ref('sectionTitle')},${criterion(s.section)},`;
    const row = ws.addRow([
      s.label,
      { formula: s.section === null ? `COUNTA(${ref('task')})` : `COUNTIF(${ref('sectionTitle')},${criterion(s.section)})`, result: s.total },
      ...STATUS_ORDER.map((st) => ({ formula: `COUNTIFS(${where}${ref('verdict')},${criterion(statusLabels[st])})`, result: s.counts[st] })),
      { formula: `IF(B${r}=0,0,C${r}/B${r})`, result: s.total ? s.counts.completed / s.total : 0 },
    ]);
    row.eachCell((cell, c) => {
      styleCell(cell, c === 1, c > 1);
      if (s.section === null) cell.font = { ...cell.font, bold: true };
    });
    row.getCell(STATUS_ORDER.length + 3).numFmt = '0.0%';
  });
  ws.getCell(`A${stats.length + 3}`).value = '说明：评价依据督查规则自动判定；数字由公式按“全部”工作表计算。';
  ws.getCell(`A${stats.length + 3}`).border = {};
  printSetup(ws);
}

/** Options of the workbook beyond the data. */
export interface WorkbookOptions {
  /** Add one sheet per section (default true). */
  sections: boolean;
  /** Add the 指标 sheet (default true). */
  indicators: boolean;
}

/** Builds the ledger workbook: 全部, one sheet per section, 指标, 统计. */
export function buildWorkbook(input: LedgerInput, options: WorkbookOptions = { sections: true, indicators: true }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const when = new Date(`${input.asOf}T00:00:00Z`);
  wb.creator = 'duban';
  wb.title = `${input.plan.year}年重点任务台账`;
  wb.subject = input.plan.title;
  wb.created = when;
  wb.modified = when;
  // Excel and WPS recompute the 统计 formulas on open instead of trusting cached results.
  wb.calcProperties.fullCalcOnLoad = true;
  const rows = buildLedgerRows(input);
  const taken = new Set<string>();
  const all = sheetName('全部', taken);
  addTable(wb, all, TASK_COLUMNS, rows, (r) => r.status);
  if (options.sections) {
    for (const s of buildStats(rows).filter((x) => x.section !== null)) {
      addTable(wb, sheetName(s.section!, taken), TASK_COLUMNS, rows.filter((r) => r.sectionTitle === s.section), (r) => r.status);
    }
  }
  if (options.indicators) addTable(wb, sheetName('指标', taken), INDICATOR_COLUMNS, buildIndicatorRows(input));
  addStats(wb, sheetName('统计', taken), all, rows);
  return wb;
}
