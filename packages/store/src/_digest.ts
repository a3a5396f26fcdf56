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
  // Fed field by field: the same bytes as hashing the joined string, without building it (once per stored row).
  const h = createHash('sha256');
  for (let i = 0; i < fields.length; i++) {
    if (i) h.update('\u001f');
    const f = fields[i];
    h.update(f === null || f === undefined ? '\u0000' : String(f));
  }
  return h.digest('hex');
}
