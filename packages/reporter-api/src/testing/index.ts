export { checkReporter, type CheckResult } from './_check.js';
export { createFixtureContext, fixtureIssue, type FixtureContext, type FixtureOverrides } from './_fixture.js';
export { createRecordingPdfRenderer, minimalPdf, type PdfCall, type RecordingPdfRenderer } from './_pdf-double.js';
export { fixtureDirectory, fixturePlan, fixtureProgress } from './_fixture-data.js';
