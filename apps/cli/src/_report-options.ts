import { resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { Config } from './_config.js';

// How `duban report` reads reporter options from flags and config; outside commands/
// so that tests and other modules never import a command (biome.jsonc boundary rules).

/**
 * Parses `key=value`; dotted keys nest (a.b=1 → { a: { b: 1 } }). The value is kept
 * as text when `takesText(path)` says the reporter's schema wants a string there
 * (`title=2019` stays "2019"), else parsed as JSON when it parses (3, true, ["a"]).
 */
export function parseOptionFlag(
  flag: string,
  takesText: (path: readonly string[]) => boolean = () => false,
): Record<string, unknown> {
  const eq = flag.indexOf('=');
  if (eq <= 0)
    throw new DubanError('DUBAN_REPORT_OPTION_FLAG', `--option ${flag} is not key=value`, {
      hint: 'write --option title=第二季度 or --option limit=3 (values are JSON when they parse, text where the reporter wants text)',
    });
  const keys = flag.slice(0, eq).split('.');
  const raw = flag.slice(eq + 1);
  let value: unknown = raw;
  if (!takesText(keys)) {
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the text as written
    }
  }
  return keys.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value) as Record<string, unknown>;
}

/** Resolves the path options (`pathOption()` in the reporter's schema) of `raw` against `base`: config paths against the config file, flags against the current directory. */
export function resolvePathOptions(
  raw: Record<string, unknown>,
  keys: readonly (readonly string[])[],
  base: string,
): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const path of keys) {
    let parent: Record<string, unknown> | undefined = out;
    for (const k of path.slice(0, -1))
      parent =
        typeof parent?.[k] === 'object' && parent[k] !== null ? (parent[k] as Record<string, unknown>) : undefined;
    const last = path.at(-1)!;
    const v = parent?.[last];
    if (parent && typeof v === 'string' && v !== '') parent[last] = resolve(base, v);
    else if (parent && Array.isArray(v))
      parent[last] = v.map((x) => (typeof x === 'string' && x !== '' ? resolve(base, x) : x));
  }
  return out;
}

/** Deep-merges plain objects; arrays and scalars from `b` replace those of `a`. */
export function mergeOptions(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    const isObj = (x: unknown): x is Record<string, unknown> =>
      typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = isObj(prev) && isObj(v) ? mergeOptions(prev, v) : v;
  }
  return out;
}

/** Options configured for a reporter, under any of its names (as written, package name, meta name). */
export function configuredOptions(config: Config, names: readonly string[]): Record<string, unknown> {
  const r = config.reporters;
  if (Array.isArray(r)) {
    for (const entry of r) {
      const [name, options] = typeof entry === 'string' ? [entry, {}] : entry;
      if (names.includes(name)) return options;
    }
    return {};
  }
  for (const n of names) if (r[n]) return r[n];
  return {};
}
