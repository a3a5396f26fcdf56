import { TASK_FACTS, UNIT_FACTS, UNIT_TASK_FACTS } from './_catalog.js';

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** A markdown table of one fact catalogue: the README's fact tables are generated from the catalogue, never typed twice. */
export function factsTable(catalog: Readonly<Record<string, string>>): string {
  return [
    '| fact | meaning |',
    '|---|---|',
    ...Object.entries(catalog).map(([name, meaning]) => `| \`${name}\` | ${escapeCell(meaning)} |`),
  ].join('\n');
}

/** The three fact tables of packages/rules/README.md, between their markers. */
export const FACT_TABLES = {
  task: () => factsTable(TASK_FACTS),
  unitTask: () => factsTable(UNIT_TASK_FACTS),
  unit: () => factsTable(UNIT_FACTS),
};
