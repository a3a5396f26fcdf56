export { default, renderScoresheets, selectScores, SHEET_TEMPLATE, SUMMARY_TEMPLATE } from './_reporter.js';
export { ScoresheetOptions, Standards } from './_options.js';
export { buildSheet, checkLines, sheetLines, type SheetInput, type SheetRow, type SheetView } from './_sheet.js';
export { buildSummary, type SummaryInput, type SummaryRow, type SummaryView } from './_summary.js';
export { itemsByLine, reasonText } from './_reasons.js';
export { formatChineseDate, formatPoints, safeFileName } from './_format.js';
