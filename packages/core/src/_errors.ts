/**
 * User-facing errors. Every one has a stable code (DUBAN_<AREA>_<WHAT>) listed in the
 * error catalog (`_error-catalog.ts`), says what is wrong, where (file:line, row, JSON
 * path) and what to do. The CLI prints them without a stack trace and maps the code's
 * class to an exit code; nothing else calls process.exit or picks an exit code.
 */
import { type ErrorClass, errorClass, errorData } from './_error-catalog.js';

/** Where a problem is: a file, and within it a line, a row/column, or a JSON path. */
export interface Location {
  file?: string;
  line?: number;
  column?: number | string;
  sheet?: string;
  row?: number;
  path?: string;
}

/** One problem found while validating input; many may be reported at once. */
export interface Problem {
  code: string;
  message: string;
  where?: Location;
}

/** Validators return values, warnings and errors; only the CLI decides the exit code. */
export interface Validated<T> {
  value: T | undefined;
  warnings: Problem[];
  errors: Problem[];
}

/** Formats a location as `file:line`, `file#sheet!row:col` or `file path`. */
export function formatLocation(where: Location | undefined): string {
  if (!where) return '';
  let out = where.file ?? '';
  if (where.sheet !== undefined) out += `#${where.sheet}`;
  if (where.row !== undefined) out += `${where.sheet !== undefined ? '!' : ':'}row ${where.row}`;
  if (where.line !== undefined) out += `:${where.line}`;
  if (where.column !== undefined) out += where.row !== undefined ? ` column ${where.column}` : `:${where.column}`;
  if (where.path !== undefined) out += `${out ? ' ' : ''}${where.path}`;
  return out;
}

/** What a throw site may add to the code and message; the class and default hint come from the catalog. */
export interface DubanErrorOptions {
  /** What to do, when the site knows better than the catalog's default hint. */
  hint?: string | undefined;
  /** Where the problem is. */
  where?: Location | undefined;
  /** The individual problems, when many were found at once. */
  problems?: Problem[] | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/** An error caused by the user's input or environment, with a stable code and a hint. */
export class DubanError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly where: Location | undefined;
  readonly problems: Problem[];

  constructor(code: string, message: string, options: DubanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DubanError';
    this.code = code;
    this.hint = options.hint ?? errorData(code)?.hint;
    this.where = options.where;
    this.problems = options.problems ?? [];
  }

  /** The catalog class of the code, which the CLI maps to an exit code. */
  get class(): ErrorClass {
    return errorClass(this.code);
  }

  /** Human-readable, multi-line form used by the CLI. */
  format(): string {
    const lines = [`${this.code}: ${this.message}`];
    const at = formatLocation(this.where);
    if (at) lines.push(`  at ${at}`);
    for (const p of this.problems.slice(0, 200)) {
      const loc = formatLocation(p.where);
      lines.push(`  - ${loc ? `${loc}: ` : ''}${p.message} [${p.code}]`);
    }
    if (this.problems.length > 200) lines.push(`  … and ${this.problems.length - 200} more`);
    if (this.hint) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }

  /** The JSON form printed by `--json` and the web API. */
  toJSON() {
    return { code: this.code, message: this.message, where: this.where, hint: this.hint, problems: this.problems };
  }
}

/** True for errors meant for the user (printed without a stack trace). */
export function isDubanError(e: unknown): e is DubanError {
  return (
    e instanceof DubanError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { name?: unknown }).name === 'DubanError' &&
      typeof (e as { code?: unknown }).code === 'string')
  );
}
