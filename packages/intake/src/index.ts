export { type AddArgs, rowFromArgs } from './_args.js';
export {
  type Authority,
  attestationText,
  attestFile,
  type FileAttestation,
  type FileRead,
  senderProblem,
  text,
  unitList,
} from './_attest.js';
export { type BindingSubject, bindingOf, verifyBinding } from './_binding.js';
export { bulkReports } from './_bulk.js';
export { CSV_COLUMNS, CSV_HEADERS_ZH, type CsvColumn, columnFor, REQUIRED_COLUMNS } from './_columns.js';
export { readCsv } from './_csv.js';
export { type CsvWriteOptions, toProgressCsv } from './_csvWrite.js';
export { fillTemplate } from './_fill.js';
export { type HistoryEntry, latestPerPair, markSuperseded } from './_history.js';
export { colOf, fileNameForUnit, HEADER_ROW, HELP_SHEET, INPUT_SHEET, LAYOUT, META_SHEET } from './_layout.js';
export { DEFAULT_LIMITS, type IntakeLimits, resolveLimits } from './_limits.js';
export { parseDate, parseNumber, parseState, splitValues } from './_parse.js';
export { type ProgressFile, readProgressFile, readProgressFiles, readProgressInput } from './_read.js';
export { type CellValue, cell, type ProgressRow, type RawCell, type RowField } from './_row.js';
export { buildTemplate, type TemplateInput } from './_template.js';
export { directoryResolver, reportersOf, tasksOfUnit, type UnitResolver } from './_units.js';
export {
  createProgressValidator,
  type ProgressValidator,
  type ValidationContext,
  validateProgressRows,
} from './_validate.js';
export { looksLikeZip, readWorkbookBytes, type WorkbookMeta, type WorkbookRead } from './_xlsx.js';
