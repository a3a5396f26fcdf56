// Writes the SAMPLE progress data in seeds/sample-progress/: one CSV per monthly
// reporting round plus, for the December round, filled-in intake workbooks of two
// lead units. Deterministic: same seed, same files (workbooks carry fixed dates).
// Run from the repository root: npx tsx --conditions=source dev/sample/generate.ts [OUT_DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { sampleFiles } from './index.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const out = resolve(process.argv[2] ?? join(root, 'seeds/sample-progress'));
const directory = UnitDirectory.parse(JSON.parse(readFileSync(join(root, 'seeds/ankang-units.json'), 'utf8')));
const parsed = importNotice(readFileSync(join(root, 'seeds/ankang-2019-notice.txt')), {
  directory,
  sourceName: 'ankang-2019-notice.txt',
});
if (!parsed.value) throw new Error(`seed notice did not parse: ${JSON.stringify(parsed.errors)}`);

mkdirSync(out, { recursive: true });
const files = await sampleFiles(parsed.value, directory, { seed: 2019, planVersion: 1 });
for (const f of files) writeFileSync(join(out, f.name), f.bytes);
process.stderr.write(
  `wrote ${files.length} sample files (${files.reduce((s, f) => s + f.reports, 0)} reports) to ${out}\n`,
);
