/**
 * CSV intake: UTF-8 with or without BOM. A GBK/GB18030 file is refused with a
 * clear error rather than guessed at, because a wrong guess would silently
 * import garbled unit names.
 */
import { DubanError, type Problem } from '@duban/core';
import { parse } from 'csv-parse/sync';
import { columnFor, CSV_HEADERS_ZH, REQUIRED_COLUMNS, type CsvColumn, type OptionalColumn } from './_columns.js';
import type { ProgressRow } from './_row.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes CSV bytes as UTF-8 (BOM stripped); throws DUBAN_PROGRESS_ENCODING otherwise. */
export function decodeCsv(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DubanError('DUBAN_PROGRESS_ENCODING', `${file} is not UTF-8 text (it looks like GBK/GB18030, the default of Chinese Excel and WPS)`, {
      where: { file },
      hint: 'open it in Excel or WPS and save as “CSV UTF-8 (逗号分隔)”, or convert it: iconv -f GB18030 -t UTF-8 in.csv > out.csv',
    });
  }
}

/** Parses progress CSV text into rows; throws DUBAN_PROGRESS_COLUMNS when headers are wrong. */
export function readCsvText(textIn: string, file: string): ProgressRow[] {
  let records: string[][];
  // Line on which each record starts: what a clerk sees as the row number when the file is opened.
  let lines: number[];
  try {
    ({ records, lines } = textIn.includes('"') ? parseQuoted(textIn) : splitPlain(textIn));
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new DubanError('DUBAN_PROGRESS_BAD_CSV', `${file} is not well-formed CSV: ${err.message ?? String(e)}`, {
      where: { file, ...(err.lines ? { line: err.lines } : {}) },
      hint: 'check quotes: a field containing commas or line breaks must be wrapped in double quotes',
    });
  }
  const header = records[0];
  if (!header) throw new DubanError('DUBAN_PROGRESS_EMPTY_FILE', `${file} is empty`, { where: { file }, hint: 'a progress CSV starts with a header row: ' + headerHint() });
  const keys = mapHeader(header, file);
  const rows: ProgressRow[] = [];
  const width = header.length;
  const problems: Problem[] = [];
  const columns: ProgressRow['columns'] = {};
  keys.forEach((k, c) => (columns[k] = header[c]!.trim()));
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    const where = { file, row: lines[i]! };
    if (rec.length !== width) {
      problems.push({ code: 'DUBAN_PROGRESS_ROW_WIDTH', message: `row has ${rec.length} fields, the header has ${width}`, where });
      continue;
    }
    const fields: ProgressRow['fields'] = {};
    let formulas: ProgressRow['formulas'];
    for (let c = 0; c < width; c++) {
      const key = keys[c]!;
      const v = rec[c]!;
      fields[key] = v;
      // A leading = is how spreadsheets mark formulas; its value would be the formula text, not a number.
      if (v.charCodeAt(0) === 61 /* = */ && key !== 'progress' && key !== 'problems' && key !== 'nextSteps') (formulas ??= []).push(key);
    }
    rows.push(formulas ? { where, fields, columns, formulas } : { where, fields, columns });
  }
  if (problems.length) {
    throw new DubanError('DUBAN_PROGRESS_BAD_CSV', `${file}: ${problems.length} row(s) do not have as many fields as the header`, { where: { file }, problems, hint: 'quote fields that contain commas' });
  }
  return rows;
}

/** CSV without a single quote character cannot escape commas or line breaks: plain splitting is exact, and much faster. */
function splitPlain(textIn: string): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  const all = textIn.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (l === '') continue;
    records.push(l.split(','));
    lines.push(i + 1);
  }
  return { records, lines };
}

function parseQuoted(textIn: string): { records: string[][]; lines: number[] } {
  const out = parse(textIn, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  // csv-parse reports the line a record ends on; line breaks inside quoted fields move the start up.
  const breaks = (rec: string[]) => rec.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
  return { records: out.map((o) => o.record), lines: out.map((o) => o.info.lines - breaks(o.record)) };
}

function headerHint(): string {
  return Object.entries(CSV_HEADERS_ZH).filter(([k]) => k !== 'planVersion').map(([k, zh]) => `${k}(${zh})`).join(', ');
}

function mapHeader(header: string[], file: string): (CsvColumn | OptionalColumn)[] {
  const keys: (CsvColumn | OptionalColumn)[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    const key = columnFor(h);
    if (!key) problems.push({ code: 'DUBAN_PROGRESS_EXTRA_COLUMN', message: `unknown column “${h.trim()}”`, where: { file, row: 1, column: i + 1 } });
    else if (seen.has(key)) problems.push({ code: 'DUBAN_PROGRESS_DUPLICATE_COLUMN', message: `column “${h.trim()}” appears twice`, where: { file, row: 1, column: i + 1 } });
    else {
      seen.add(key);
      keys.push(key);
    }
  });
  for (const req of REQUIRED_COLUMNS) {
    if (!seen.has(req)) problems.push({ code: 'DUBAN_PROGRESS_MISSING_COLUMN', message: `missing column ${req} (${CSV_HEADERS_ZH[req]})`, where: { file, row: 1 } });
  }
  if (problems.length) {
    const extra = problems.filter((p) => p.code !== 'DUBAN_PROGRESS_MISSING_COLUMN').length;
    const missing = problems.length - extra;
    throw new DubanError('DUBAN_PROGRESS_COLUMNS', `${file}: the header row does not match the progress CSV format (${extra} unknown or repeated, ${missing} missing)`, {
      where: { file, row: 1 },
      problems,
      hint: `columns are: ${headerHint()}; task, unit and date are required`,
    });
  }
  return keys;
}
