export { default, LedgerOptions, renderLedger } from './_reporter.js';
export {
  buildIndicatorRows,
  buildLedgerRows,
  excelDate,
  type IndicatorRow,
  type LedgerInput,
  type LedgerRow,
  sectionPrefix,
} from './_rows.js';
export { buildStats, STATUS_ORDER, type StatsRow } from './_stats.js';
export { STATUS_FILLS } from './_style.js';
export {
  buildWorkbook,
  columnLetter,
  HEAD_ROWS,
  isFormulaLike,
  sheetName,
  TASK_COLUMNS,
  type WorkbookOptions,
} from './_workbook.js';
