import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { DubanError } from '@duban/core';
import type { z } from 'zod';

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

/** Largest JSON input file read (config, unit directory): far above any real one, far below a mistaken multi-GB file. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Reads a small regular file as UTF-8; a directory, device, FIFO or oversized file is a coded error, never a hang. */
function readSmallText(file: string, kind: JsonFileKind): string {
  const fail = (why: string, hint: string) =>
    new DubanError(`${kind.code}_READ`, `cannot read the ${kind.what} ${file}: ${why}`, { where: { file }, hint });
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(
      code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'it does not exist' : `${code ?? 'error'}`,
      'give the path of a JSON file',
    );
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fail('it is a directory', 'give the path of a JSON file, not a folder');
    if (!st.isFile()) throw fail('it is not a regular file (a device, FIFO or socket)', 'give the path of a JSON file');
    if (st.size > MAX_JSON_BYTES)
      throw fail(
        `it is ${st.size} bytes; a ${kind.what} is at most ${MAX_JSON_BYTES}`,
        'check the path: this is not the file you meant',
      );
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads a JSON file and validates it: syntax errors point at file:line:column, invalid fields at their JSON path. */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, kind: JsonFileKind): z.output<S> {
  const text = readSmallText(file, kind).replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const pos = at ? lineColumn(text, Number(at[1])) : undefined;
    const where = pos ? { file, ...pos } : { file };
    // V8 quotes the text around the error ("root:x:0:0"... is not valid JSON); a path pointed at the
    // wrong file (/etc/shadow) must not have its content printed, so say only what and where.
    const what = /Unexpected end of JSON input/.test(message)
      ? 'the text ends too early'
      : /Unexpected token|Unexpected non-whitespace|Bad control|Bad escaped|Expected/.test(message)
        ? 'unexpected character'
        : 'syntax error';
    throw new DubanError(
      `${kind.code}_JSON`,
      `${kind.what} is not valid JSON: ${what}${pos ? ` at line ${pos.line}, column ${pos.column}` : ''}`,
      { where, hint: 'fix the JSON syntax at that place' },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DubanError(`${kind.code}_INVALID`, `${kind.what} has invalid fields`, {
      where: { file },
      problems: parsed.error.issues.map((i) => ({
        code: `${kind.code}_FIELD`,
        message: i.message,
        where: { file, path: jsonPath(i.path) },
      })),
      hint: kind.hint,
    });
  }
  return parsed.data;
}
