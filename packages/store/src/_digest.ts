import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (UTF-8). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    // undefined members vanish in JSON anyway; dropping them here keeps {a: undefined} == {}.
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** Joins fields with a unit separator before hashing, so ("ab","c") and ("a","bc") differ. */
export function digestFields(...fields: (string | number | null | undefined)[]): string {
  // One joined string and one update: each Hash#update crosses into C++, so field-by-field was slower.
  return sha256(fields.map((f) => (f === null || f === undefined ? '\u0000' : String(f))).join('\u001f'));
}
