/** Reads progress files from disk, choosing the reader by content as well as by name. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DubanError } from '@duban/core';
import { decodeCsv, readCsvText } from './_csv.js';
import type { ProgressRow } from './_row.js';
import { loadWorkbook, looksLikeZip, readWorkbook } from './_xlsx.js';

/** Reads one .xlsx or .csv progress file into rows for validation. */
export async function readProgressFile(file: string): Promise<ProgressRow[]> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).isDirectory()) throw new DubanError('DUBAN_PROGRESS_NOT_A_FILE', `${file} is a directory`, { where: { file }, hint: 'name the files, e.g. dir/*.xlsx' });
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof DubanError) throw e;
    throw new DubanError('DUBAN_PROGRESS_FILE_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { where: { file }, hint: 'check the path', exitCode: 3 });
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et' || (ext !== '.csv' && ext !== '.txt' && looksLikeZip(bytes))) {
    return readWorkbook(await loadWorkbook(bytes, file), file);
  }
  return readCsvText(decodeCsv(bytes, file), file);
}

/** Reads several files, in order; the first unreadable file stops the import. */
export async function readProgressFiles(files: readonly string[]): Promise<ProgressRow[]> {
  const out: ProgressRow[] = [];
  for (const f of files) for (const r of await readProgressFile(f)) out.push(r);
  return out;
}
