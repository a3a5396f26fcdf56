// Writes the fact tables of packages/rules/README.md from the catalogue (src/_catalog.ts).
// Run from the repository root: npx tsx --conditions=source packages/rules/scripts/facts-readme.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FACT_TABLES } from '../src/_facts-table.js';

const file = fileURLToPath(new URL('../README.md', import.meta.url));
let text = readFileSync(file, 'utf8');
for (const [key, table] of Object.entries(FACT_TABLES)) {
  text = text.replace(
    new RegExp(`(<!-- facts:${key} -->\\n)[\\s\\S]*?(\\n<!-- /facts:${key} -->)`),
    (_, a: string, b: string) => `${a}${table()}${b}`,
  );
}
writeFileSync(file, text);
