/**
 * Bounds on what a progress file may make duban read, inflate and hold. Each is
 * configurable (duban.config.json "limits"); the defaults sit far above any real
 * unit's file and far below what would exhaust a 2-core office machine.
 */
import { DubanError, type Location } from '@duban/core';

/** Input limits for progress files. */
export interface IntakeLimits {
  /** Largest file read, in bytes (CSV and workbook alike). */
  maxFileBytes: number;
  /** Most data rows read from one file. */
  maxRows: number;
  /** Longest cell, in characters (Excel's own limit is 32,767). */
  maxCellChars: number;
  /** Most bytes a workbook may inflate to, all entries together. */
  maxUncompressedBytes: number;
  /** Most entries in a workbook's zip archive. */
  maxZipEntries: number;
  /** Highest inflate ratio of an entry larger than 1 MiB (real sheets stay below ~30; zip bombs reach 1000). */
  maxCompressionRatio: number;
}

/** The defaults, documented in SECURITY.md. */
export const DEFAULT_LIMITS: Readonly<IntakeLimits> = Object.freeze({
  maxFileBytes: 64 * 1024 * 1024,
  maxRows: 1_000_000,
  maxCellChars: 32_767,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxCompressionRatio: 200,
});

/** Defaults overridden by whatever is given. */
export function resolveLimits(given: Partial<IntakeLimits> = {}): IntakeLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(given))
    if (typeof v === 'number' && v > 0) (out as Record<string, number>)[k] = v;
  return out;
}

/** The error for input past a limit: what, where, and which setting raises it. */
export function overLimit(code: string, message: string, where: Location, setting: keyof IntakeLimits): DubanError {
  return new DubanError(code, message, {
    where,
    hint: `check that this is the file you meant; if it is, raise "limits": { "${setting}": … } in duban.config.json (see SECURITY.md) or split the file`,
  });
}

/** The error for a cell past maxCellChars (callers test the length inline: this runs per cell). */
export function cellTooLong(length: number, limits: IntakeLimits, where: Location): DubanError {
  return overLimit(
    'DUBAN_PROGRESS_CELL_TOO_LONG',
    `a cell holds ${length} characters; the limit is ${limits.maxCellChars}`,
    where,
    'maxCellChars',
  );
}
