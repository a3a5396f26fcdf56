// SAMPLE progress for demos, tests and benchmarks: dev-only, never part of a published
// package. `npx tsx --conditions=source dev/sample/generate.ts` writes seeds/sample-progress/.
export { roundOf, type SampleFile, sampleFiles } from './_files.js';
export { mulberry32, weighted } from './_prng.js';
export { generateSampleProgress, SAMPLE_MARKER, type SampleOptions } from './_progress.js';
