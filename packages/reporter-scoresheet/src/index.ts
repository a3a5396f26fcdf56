export { default, renderScoresheets, selectScores, SHEET_TEMPLATE, SUMMARY_TEMPLATE } from './_reporter.js';
export { ScoresheetOptions } from './_options.js';
export { buildSheet, checkLines, type SheetRow, type SheetView } from './_sheet.js';
export { buildSummary, type SummaryGroup, type SummaryRow, type SummaryView } from './_summary.js';
export { formatPoints, sheetFileName } from './_format.js';
