export { formatPoints, sheetFileName } from './_format.js';
export { ScoresheetOptions } from './_options.js';
export { default, renderScoresheets, SHEET_TEMPLATE, SUMMARY_TEMPLATE, selectScores } from './_reporter.js';
export { buildSheet, checkLines, type SheetRow, type SheetView } from './_sheet.js';
export { buildSummary, type SummaryGroup, type SummaryRow, type SummaryView } from './_summary.js';
