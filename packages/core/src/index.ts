export * from './_plan.js';
export * from './_units.js';
export * from './_progress.js';
export * from './_verdict.js';
export * from './_errors.js';
export * from './_glossary.js';
