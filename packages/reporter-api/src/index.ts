/** duban's user-facing error, for plug-ins that want their own stable code and hint. */
export { DubanError } from '@duban/core';
/** zod, re-exported so a plug-in declares its options with the same copy duban validates them with. */
export { z } from 'zod';
export {
  type ContextMaker,
  type ContextRun,
  type ContextSource,
  contextGroups,
  contextUnits,
  createContextMaker,
  type IssueInput,
} from './_context.js';
export { contextPdf, pluginTemplateResolver } from './_context-pdf.js';
export type * from './_context-types.js';
export * from './_define.js';
export type * from './_docx.js';
export { type FitCandidate, fitMost, fitToPages } from './_fit.js';
export { type DocumentFormat, DocumentFormats, requireDocx, withFormat } from './_formats.js';
export { deepFreeze } from './_freeze.js';
export { optionTakesText, pathOption, pathOptionKeys } from './_options.js';
export {
  checkOutputDir,
  checkReplace,
  createOutputHelpers,
  isInside,
  type OutputOptions,
  type RecordingOutput,
  splitOutputTarget,
  writeFileAtomic,
} from './_output.js';
export { createGuardedDocxRenderer, createGuardedPdfRenderer } from './_pdf.js';
export { type HookName, type RunOptions, runReporter } from './_run.js';
export * from './_types.js';
export { assertReporterFactory, formatIssuePath, isReporterFactory, validateReporterOptions } from './_validate.js';
export * from './_view.js';
