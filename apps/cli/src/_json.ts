import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DubanError } from '@duban/core';

/** What a JSON input file is called in messages, and the codes and hint for its errors. */
export interface JsonFileKind {
  /** "config file", "unit directory" … */
  what: string;
  /** Code prefix: DUBAN_CONFIG → DUBAN_CONFIG_JSON, DUBAN_CONFIG_INVALID, DUBAN_CONFIG_FIELD. */
  code: string;
  /** What to do about invalid fields. */
  hint: string;
}

/** `$.a[0].b`, the JSON path of a zod issue. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads a JSON file and validates it: syntax errors point at file:line:column, invalid fields at their JSON path. */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, kind: JsonFileKind): z.output<S> {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? { file, ...lineColumn(text, Number(at[1])) } : { file };
    throw new DubanError(`${kind.code}_JSON`, `${kind.what} is not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)$/, '')}`, { where, hint: 'fix the JSON syntax at that place' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DubanError(`${kind.code}_INVALID`, `${kind.what} has invalid fields`, {
      where: { file },
      problems: parsed.error.issues.map((i) => ({ code: `${kind.code}_FIELD`, message: i.message, where: { file, path: jsonPath(i.path) } })),
      hint: kind.hint,
    });
  }
  return parsed.data;
}
