import type { UnitDirectory } from '@duban/core';

/**
 * `--unit NAME` as a user types it — the canonical name, the full name, an alias
 * or an abbreviation the unit directory knows (市发展和改革委员会, 市发展改革委) —
 * to the canonical name reporters compare with. Exact spellings first; then
 * the importer's resolver, which also knows derived spellings (names without 市).
 * A name the directory does not know is passed on as written: a plan may hold
 * units kept as the notice wrote them, and each reporter says what it accepts.
 */
export async function resolveUnit(directory: UnitDirectory, name: string): Promise<string> {
  const wanted = name.trim();
  for (const u of directory.units)
    if (u.name === wanted || u.fullName === wanted || u.aliases.includes(wanted)) return u.name;
  for (const g of directory.groups) if (g.name === wanted || g.aliases.includes(wanted)) return g.name;
  const { createUnitResolver } = await import('@duban/import');
  return createUnitResolver(directory)(wanted) ?? name;
}
