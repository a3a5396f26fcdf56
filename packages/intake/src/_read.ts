/** Reads progress files from disk, choosing the reader by content as well as by name. */
import { extname } from 'node:path';
import { readCsv } from './_csv.js';
import { chunks, openInput, readAll } from './_input.js';
import { DEFAULT_LIMITS, type IntakeLimits } from './_limits.js';
import type { ProgressRow } from './_row.js';
import { looksLikeZip, readWorkbookBytes, type WorkbookMeta } from './_xlsx.js';

/** One progress file read: its rows, and for an intake template what its metadata sheet says. */
export interface ProgressFile {
  file: string;
  kind: 'template' | 'table' | 'csv';
  /** The rows; empty when they were handed to `onRow` instead. */
  rows: ProgressRow[];
  /** Rows read (handed over or kept). */
  count: number;
  /** Intake templates only: unit, plan version, plan digest and binding MAC from the metadata sheet. */
  meta?: WorkbookMeta;
}

/**
 * Reads one .xlsx or .csv progress file within `limits` (defaults: DEFAULT_LIMITS).
 * With `onRow`, each row goes there as it is read and `rows` comes back empty, so
 * a 100,000-row file is validated as it streams rather than held twice.
 */
export async function readProgressInput(
  file: string,
  limits: IntakeLimits = DEFAULT_LIMITS,
  onRow?: (row: ProgressRow) => void,
): Promise<ProgressFile> {
  const input = openInput(file, limits);
  let count = 0;
  const counted = onRow ? (row: ProgressRow) => (count++, onRow(row)) : undefined;
  try {
    const ext = extname(file).toLowerCase();
    const workbookName = ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et';
    if (workbookName || (ext !== '.csv' && ext !== '.txt' && sniffZip(input))) {
      const wb = await readWorkbookBytes(readAll(input), file, limits, counted);
      count += wb.rows.length;
      return wb.meta
        ? { file, kind: 'template', rows: wb.rows, count, meta: wb.meta }
        : { file, kind: 'table', rows: wb.rows, count };
    }
    const rows = await readCsv(chunks(input), file, limits, counted);
    return { file, kind: 'csv', rows, count: count + rows.length };
  } finally {
    input.close();
  }
}

function sniffZip(input: ReturnType<typeof openInput>): boolean {
  const first = chunks(input, 4).next();
  return !first.done && looksLikeZip(Buffer.concat([first.value, Buffer.alloc(1)]));
}

/** Reads one progress file's rows (see `readProgressInput` for what else a file says). */
export async function readProgressFile(file: string, limits?: IntakeLimits): Promise<ProgressRow[]> {
  return (await readProgressInput(file, limits)).rows;
}

/** Reads several files, in order; the first unreadable file stops the import. */
export async function readProgressFiles(files: readonly string[], limits?: IntakeLimits): Promise<ProgressFile[]> {
  const out: ProgressFile[] = [];
  for (const f of files) out.push(await readProgressInput(f, limits));
  return out;
}
