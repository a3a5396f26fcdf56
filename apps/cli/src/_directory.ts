import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DubanError, UnitDirectory } from '@duban/core';
import type { CliEnv } from './_env.js';
import { readJsonFile } from './_json.js';

/** --units, else config.units, else ./seeds/ankang-units.json, else an empty directory (with a warning). */
export function loadDirectory(explicit: string | undefined, env: CliEnv): UnitDirectory {
  const configured = explicit ?? env.config().units;
  const fallback = resolve('seeds/ankang-units.json');
  const file = configured ?? (existsSync(fallback) ? fallback : undefined);
  if (file === undefined) {
    env.err(
      'warning: no unit directory (--units FILE or config "units"); unit names are kept as written and groups stay unexpanded',
    );
    return { units: [], groups: [] };
  }
  if (!existsSync(file)) {
    throw new DubanError('DUBAN_UNITS_MISSING', `unit directory ${file} does not exist`, {
      where: { file },
      hint: 'check the --units path or the "units" field of duban.config.json',
    });
  }
  return readJsonFile(file, UnitDirectory, {
    what: 'unit directory',
    code: 'DUBAN_UNITS',
    hint: 'each unit needs name and kind (city_department, county_government, zone_committee, company, central_provincial_agency, other); each group needs name and members',
  });
}
