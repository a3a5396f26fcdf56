/**
 * Writes docs/errors.md from the error catalog in @duban/core (`npm run docs:errors`).
 * tests/house/error-catalog.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_ALIASES, ERRORS, type ErrorData } from '@duban/core';
import { EXIT_CODES } from '../apps/cli/src/_exit.js';

/** Where the generated reference lives. */
export const ERRORS_DOC = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown text of docs/errors.md. */
export function renderErrorsDoc(): string {
  const entries = Object.entries(ERRORS) as [string, ErrorData][];
  const areas = new Map<string, [string, ErrorData][]>();
  for (const entry of [...entries].sort((a, b) => a[1].code.localeCompare(b[1].code))) {
    const area = entry[1].code.split('_')[1]!;
    areas.set(area, [...(areas.get(area) ?? []), entry]);
  }
  const out = [
    '# Error codes',
    '',
    '<!-- Generated from packages/core/src/_error-catalog.ts by `npm run docs:errors`; do not edit by hand. -->',
    '',
    'Every error duban prints starts with a permanent code (`DUBAN_<AREA>_<WHAT>: message`), says where',
    '(file:line, row, JSON path) and ends with a hint. Scripts may match on the code; it never changes.',
    'The exit code follows from the class of the error:',
    '',
    '| Class | Exit code | Meaning |',
    '| --- | --- | --- |',
    `| input | ${EXIT_CODES.input} | the input (a file, an option, a rule set) is wrong: fix it and run again |`,
    `| state | ${EXIT_CODES.state} | the ledger is not in the state the command needs (no ledger, no plan, old schema) |`,
    `| environment | ${EXIT_CODES.environment} | the machine lacks something or refuses (browser, font, file, port) |`,
    `| conflict | ${EXIT_CODES.conflict} | the action would overwrite or contradict what exists (a file, a signed chain, a lock) |`,
    `| internal | ${EXIT_CODES.internal} | a bug in duban: please report it |`,
    '',
    `${entries.length} codes, and ${Object.keys(ERROR_ALIASES).length} older codes that mean the same as one of them (see [Aliases](#aliases)).`,
    '',
  ];
  for (const [area, list] of areas) {
    out.push(`## ${area}`, '', '| Code | Class | What happened | Default hint |', '| --- | --- | --- | --- |');
    for (const [, e] of list)
      out.push(`| \`${e.code}\` | ${e.class} | ${cell(e.title)} | ${e.hint ? cell(e.hint) : ''} |`);
    out.push('');
  }
  out.push(
    '## Aliases',
    '',
    'Released codes that mean the same as a catalog entry; they are still printed where they always were.',
    '',
  );
  out.push('| Code | Same as | Class |', '| --- | --- | --- |');
  for (const [code, name] of Object.entries(ERROR_ALIASES))
    out.push(`| \`${code}\` | \`${ERRORS[name].code}\` | ${ERRORS[name].class} |`);
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ERRORS_DOC, renderErrorsDoc());
  process.stdout.write(`wrote ${ERRORS_DOC}\n`);
}
