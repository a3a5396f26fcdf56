// Child process of scoresheet.bench.ts: renders N synthetic units' score sheets
// plus the summary with the reporter and one renderer, and prints the seconds it
// took. Its own process, so the parent measures its memory (Node + Chromium) alone.
import { createPdfRenderer } from '@duban/pdf';
import scoresheet, { ScoresheetOptions } from '@duban/reporter-scoresheet';
import { contextFor, directoryOutput, syntheticData } from '../tests/_support/synthetic.js';

const [units, out] = [Number(process.argv[2]), process.argv[3]!];
const data = syntheticData(units);
const options = ScoresheetOptions.parse({});
const pdf = createPdfRenderer({ progress: false });
const ctx = await contextFor(data, options, directoryOutput(out), pdf, '2019-12-31');
const t0 = performance.now();
try {
  const files = (await scoresheet(options).render!(ctx)) ?? [];
  process.stdout.write(JSON.stringify({ files: files.length, s: (performance.now() - t0) / 1000 }));
} finally {
  await pdf.close();
}
