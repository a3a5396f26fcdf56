export * from './_types.js';
export type * from './_context-types.js';
export * from './_define.js';
export { deepFreeze } from './_freeze.js';
export { assertReporterFactory, formatIssuePath, isReporterFactory, validateReporterOptions } from './_validate.js';
export { checkOutputDir, checkReplace, createOutputHelpers, isInside, splitOutputTarget, writeFileAtomic, type OutputOptions, type RecordingOutput } from './_output.js';
export { createGuardedDocxRenderer, createGuardedPdfRenderer } from './_pdf.js';
export type * from './_docx.js';
export { DocumentFormats, requireDocx, withFormat, type DocumentFormat } from './_formats.js';
export { contextPdf, pluginTemplateResolver } from './_context-pdf.js';
export { contextGroups, contextUnits, createContextMaker, type ContextMaker, type ContextRun, type ContextSource, type IssueInput } from './_context.js';
export { fitMost, fitToPages, type FitCandidate } from './_fit.js';
export { optionTakesText, pathOption, pathOptionKeys } from './_options.js';
export * from './_view.js';
export { runReporter, type HookName, type RunOptions } from './_run.js';
/** zod, re-exported so a plug-in declares its options with the same copy duban validates them with. */
export { z } from 'zod';
/** duban's user-facing error, for plug-ins that want their own stable code and hint. */
export { DubanError } from '@duban/core';
