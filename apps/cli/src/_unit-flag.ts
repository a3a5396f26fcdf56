import { DubanError, type UnitDirectory } from '@duban/core';

/**
 * `--unit NAME` as a user types it — the canonical name, the full name, an alias
 * or an abbreviation the unit directory knows (市发展和改革委员会, 市发展改革委) —
 * to the canonical name reporters compare with. Exact spellings first; then
 * the importer's resolver, which also knows derived spellings (names without 市).
 */
export async function resolveUnit(directory: UnitDirectory, name: string): Promise<string> {
  const wanted = name.trim();
  for (const u of directory.units) if (u.name === wanted || u.fullName === wanted || u.aliases.includes(wanted)) return u.name;
  for (const g of directory.groups) if (g.name === wanted || g.aliases.includes(wanted)) return g.name;
  const { createUnitResolver } = await import('@duban/import');
  const found = createUnitResolver(directory)(wanted);
  if (found) return found;
  throw new DubanError('DUBAN_REPORT_UNIT', `--unit ${name}: no unit of that name in the plan's unit directory`, {
    hint: 'give a name, full name or alias from the unit directory; duban units lists the units the plan assigns',
  });
}
