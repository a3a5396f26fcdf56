import type { JsonPath } from './_jsondoc.js';

/** One leaf condition: fact, operator, value (a literal or `{ fact }`). */
export interface Leaf {
  fact: string;
  operator: string;
  value: unknown;
  path: JsonPath;
}

/** A shape problem found while walking a condition tree. */
export interface ShapeProblem {
  path: JsonPath;
  message: string;
}

const GROUP_KEYS = ['all', 'any', 'not'] as const;
/** How deep all/any/not may nest: deeper trees are refused on load (json-rules-engine recurses per level). */
export const MAX_CONDITION_DEPTH = 12;
const META_KEYS = new Set(['name', 'priority']);

/** Walks a condition tree, returning its leaves in document order and any shape problems. */
export function walkConditions(
  node: unknown,
  path: JsonPath,
  top = true,
): { leaves: Leaf[]; problems: ShapeProblem[] } {
  const leaves: Leaf[] = [];
  const problems: ShapeProblem[] = [];
  visit(node, path, top, 0);
  return { leaves, problems };

  function visit(n: unknown, p: JsonPath, isTop: boolean, depth: number): void {
    if (depth > MAX_CONDITION_DEPTH) {
      problems.push({
        path: p,
        message: `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels of all/any/not; flatten them (a rule rarely needs more than two)`,
      });
      return;
    }
    if (typeof n !== 'object' || n === null || Array.isArray(n)) {
      problems.push({
        path: p,
        message:
          'a condition must be an object: { "all": [...] }, { "any": [...] }, { "not": {...} } or { "fact", "operator", "value" }',
      });
      return;
    }
    const obj = n as Record<string, unknown>;
    const groups = GROUP_KEYS.filter((k) => k in obj);
    if (groups.length > 1) {
      problems.push({ path: p, message: `a condition may have only one of all/any/not, found ${groups.join(', ')}` });
      return;
    }
    const g = groups[0];
    if (g) {
      for (const k of Object.keys(obj))
        if (k !== g && !META_KEYS.has(k))
          problems.push({ path: [...p, k], message: `unexpected key "${k}" beside "${g}"` });
      if (g === 'not') {
        visit(obj.not, [...p, 'not'], false, depth + 1);
        return;
      }
      const list = obj[g];
      if (!Array.isArray(list)) {
        problems.push({ path: [...p, g], message: `"${g}" must be an array of conditions` });
        return;
      }
      list.forEach((c, i) => visit(c, [...p, g, i], false, depth + 1));
      return;
    }
    if (isTop) {
      problems.push({
        path: p,
        message: 'the top-level condition must be { "all": [...] }, { "any": [...] } or { "not": {...} }',
      });
      return;
    }
    for (const k of Object.keys(obj)) {
      if (k === 'path' || k === 'params')
        problems.push({
          path: [...p, k],
          message: `"${k}" is not supported: facts are plain values, name them directly`,
        });
      else if (k !== 'fact' && k !== 'operator' && k !== 'value' && !META_KEYS.has(k))
        problems.push({ path: [...p, k], message: `unexpected key "${k}" in a condition` });
    }
    if (typeof obj.fact !== 'string')
      problems.push({ path: [...p, 'fact'], message: 'a condition needs "fact": the name of a fact' });
    if (typeof obj.operator !== 'string')
      problems.push({ path: [...p, 'operator'], message: 'a condition needs "operator"' });
    if (!('value' in obj)) problems.push({ path: [...p, 'value'], message: 'a condition needs "value"' });
    if (typeof obj.fact === 'string' && typeof obj.operator === 'string' && 'value' in obj)
      leaves.push({ fact: obj.fact, operator: obj.operator, value: obj.value, path: p });
  }
}

/** The fact a `{ "fact": "x" }` value refers to, if it is one. */
export function valueFact(value: unknown): string | undefined {
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { fact?: unknown }).fact === 'string'
  )
    return (value as { fact: string }).fact;
  return undefined;
}
