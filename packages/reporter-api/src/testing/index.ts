export { type CheckResult, checkReporter } from './_check.js';
export { createFixtureContext, type FixtureContext, type FixtureOverrides, fixtureIssue } from './_fixture.js';
export { fixtureDirectory, fixturePlan, fixtureProgress } from './_fixture-data.js';
export { createRecordingPdfRenderer, minimalPdf, type PdfCall, type RecordingPdfRenderer } from './_pdf-double.js';
