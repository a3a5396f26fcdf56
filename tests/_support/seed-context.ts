/**
 * The seed (Ankang 2019 notice, sample progress) judged as of a date, as a
 * fixture ReportContext: the same data path as `duban report`, for tests and
 * the docs script that render the same document two ways.
 */
import { readFileSync } from 'node:fs';
import type { Plan, UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { createFixtureContext, type FixtureContext, type FixtureOverrides } from '@duban/reporter-api/testing';
import { generateSampleProgress } from '../../dev/sample/index.js';
import { SEED_NOTICE, SEED_UNITS } from './cli.js';

/** The seed plan, its directory and the sample progress (seed 2019). */
export function seedData(): {
  plan: Plan;
  directory: UnitDirectory;
  progress: ReturnType<typeof generateSampleProgress>;
} {
  const directory = JSON.parse(readFileSync(SEED_UNITS, 'utf8')) as UnitDirectory;
  const imported = importNotice(readFileSync(SEED_NOTICE), { directory });
  if (!imported.value) throw new Error(`the seed notice did not import: ${JSON.stringify(imported.errors)}`);
  const plan = structuredClone(imported.value);
  return { plan, directory, progress: generateSampleProgress(plan, directory, { seed: 2019 }) };
}

/** The seed issue metadata of bulletin No. 3. */
export const SEED_ISSUE = {
  office: '安康市人民政府督查室',
  issuer: '安康市人民政府',
  printer: '安康市人民政府办公室',
  date: '2019-07-05',
  number: 3,
  replyDays: 10,
} as const;

/** A fixture context over the seed. */
export async function seedContext<Options = unknown>(
  overrides: FixtureOverrides<Options> = {},
): Promise<FixtureContext<Options>> {
  return createFixtureContext<Options>({
    ...seedData(),
    asOf: '2019-06-30',
    ...overrides,
    issue: { ...SEED_ISSUE, ...overrides.issue },
  });
}
