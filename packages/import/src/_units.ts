import type { UnitDirectory } from '@duban/core';
import { nameKey } from './_text.js';

/** What a written unit name turned out to be. */
export type Resolution =
  | { kind: 'unit'; name: string }
  | { kind: 'group'; name: string; members: string[] }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown' };

/** Resolves written names against a unit directory. */
export interface UnitIndex {
  resolve(written: string): Resolution;
  /** False when no directory was given: nothing can be unknown then. */
  readonly hasDirectory: boolean;
}

// Collective names: 各县区政府, 市政府有关工作部门, …成员单位, 相关单位.
const GROUP_LIKE = /^各|有关|相关|成员单位$|各单位$|各部门$/;

const UNIT_LIKE = /^[市县区].+(?:局|委|办|中心|政府|管委会|公司)$/;

/** True when a name reads as one government unit (市X局, 县X办 …), for lists checked without a directory. */
export function looksLikeUnit(name: string): boolean {
  return UNIT_LIKE.test(name);
}

/** True when a name reads as a collective name rather than one unit. */
export function looksLikeGroup(name: string): boolean {
  return GROUP_LIKE.test(name);
}

/** Comparison key: `nameKey` plus quotes removed (“八办三组”成员单位 = "八办三组"成员单位). */
function key(s: string): string {
  return nameKey(s).replace(/[“”"'‘’「」『』]/g, '');
}

/** Derived spellings: without the 市 prefix, with the city's name for 市, 人民政府 ↔ 政府. */
function variants(k: string, city: string | undefined): string[] {
  const out: string[] = [];
  // 市发改委、国土房管局: lists write the level prefix (市/县/区) once.
  if (/^[市县区]/.test(k) && k.length > 2) out.push(k.slice(1));
  if (city && k.startsWith('市')) out.push(city + k.slice(1));
  if (city && k.startsWith(city)) out.push('市' + k.slice(city.length), k.slice(city.length));
  if (k.endsWith('人民政府')) out.push(k.slice(0, -4) + '政府');
  return out;
}

type Target = { kind: 'unit'; name: string } | { kind: 'group'; name: string; members: string[] };

/** Builds an index over canonical names, full names, aliases and their derived spellings. */
export function buildUnitIndex(directory: UnitDirectory | undefined): UnitIndex {
  // Exact spellings outrank derived ones, so 市X's own alias beats another unit's stripped prefix.
  const exact = new Map<string, Map<string, Target>>();
  const derived = new Map<string, Map<string, Target>>();
  const put = (map: Map<string, Map<string, Target>>, k: string, t: Target) => {
    let m = map.get(k);
    if (!m) map.set(k, (m = new Map()));
    m.set(t.name, t);
  };
  const city = directory?.name?.replace(/(人民政府|政府)$/, '');
  const add = (names: string[], t: Target) => {
    for (const n of names) {
      const k = key(n);
      put(exact, k, t);
      for (const v of variants(k, city)) put(derived, v, t);
    }
  };
  for (const u of directory?.units ?? [])
    add([u.name, ...(u.fullName ? [u.fullName] : []), ...(u.aliases ?? [])], { kind: 'unit', name: u.name });
  for (const g of directory?.groups ?? [])
    add([g.name, ...(g.aliases ?? [])], { kind: 'group', name: g.name, members: g.members });
  return {
    hasDirectory: directory !== undefined,
    resolve(written) {
      const k = key(written);
      const hit = exact.get(k) ?? derived.get(k);
      if (!hit || hit.size === 0) return { kind: 'unknown' };
      if (hit.size > 1) return { kind: 'ambiguous', candidates: [...hit.keys()].sort() };
      return [...hit.values()][0]!;
    },
  };
}

/** Canonicalises unit names through a directory (full names, aliases, abbreviations, names missing the 市 prefix). Returns null when unknown. */
export function createUnitResolver(directory: UnitDirectory): (name: string) => string | null {
  const index = buildUnitIndex(directory);
  return (name) => {
    const r = index.resolve(name);
    return r.kind === 'unit' || r.kind === 'group' ? r.name : null;
  };
}
