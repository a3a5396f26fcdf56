import type { Location } from '@duban/core';

/** A raw cell value as a reader found it, before validation. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** One cell: its value, whether it held a formula, and the column name to report. */
export interface RawCell {
  value: CellValue;
  /** The column as the user sees it: the header text, or header plus letter in a workbook. */
  column: string;
  /** True when the cell held a formula instead of a typed value. */
  formula?: boolean;
}

/** Report fields a row may carry, beside per-indicator values. */
export type RowField =
  | 'task'
  | 'unit'
  | 'date'
  | 'percent'
  | 'state'
  | 'values'
  | 'progress'
  | 'problems'
  | 'nextSteps'
  | 'evidence'
  | 'planVersion';

/**
 * One input row (a CSV line, or a task's rows in a workbook), ready for validation.
 * Values and column names are kept apart so a 100,000-row file does not allocate a
 * cell object per field: `columns` is shared by every row of a file.
 */
export interface ProgressRow {
  where: Location & { file: string; row: number };
  /** Cell values by field. */
  fields: Partial<Record<RowField, CellValue>>;
  /** The column each field came from, as the user sees it (shared by a file's rows). */
  columns: Partial<Record<RowField, string>>;
  /** Fields whose cell held a formula instead of a typed value. */
  formulas?: RowField[];
  /** Per-indicator actual values from a workbook (indicator key → cell). */
  indicatorValues?: { key: string; cell: RawCell }[];
  /** Cells that must not hold formulas but are not fields (e.g. extra input cells). */
  formulaCells?: RawCell[];
}

/** Makes a cell from a plain value (for the CLI `progress add` command and tests). */
export function cell(value: CellValue, column: string): RawCell {
  return { value, column };
}
