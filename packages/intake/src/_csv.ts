/**
 * CSV intake, streamed: bytes are decoded as UTF-8 chunk by chunk (a GBK/GB18030
 * file is refused with a clear error rather than guessed at: a wrong guess would
 * import garbled unit names silently), and lines become rows as they arrive, so
 * a file of any size within the limits is read without ever being one string.
 * Lines before the first double quote are split plainly (exact, and much faster);
 * from the first quote on, csv-parse handles quoted commas and line breaks.
 */
import { DubanError, type Problem } from '@duban/core';
import { parse } from 'csv-parse';
import { CSV_HEADERS_ZH, type CsvColumn, columnFor, type OptionalColumn, REQUIRED_COLUMNS } from './_columns.js';
import { cellTooLong, DEFAULT_LIMITS, type IntakeLimits, overLimit } from './_limits.js';
import type { ProgressRow } from './_row.js';

function encodingError(file: string, from: number): DubanError {
  return new DubanError(
    'DUBAN_PROGRESS_ENCODING',
    `${file} is not UTF-8 text (invalid bytes after byte ${from}; it looks like GBK/GB18030, the default of Chinese Excel and WPS)`,
    {
      where: { file },
      hint: 'open it in Excel or WPS and save as “CSV UTF-8 (逗号分隔)”, or convert it: iconv -f GB18030 -t UTF-8 in.csv > out.csv',
    },
  );
}

/**
 * Reads progress CSV from byte chunks (a file's, or one buffer); throws
 * DUBAN_PROGRESS_ENCODING, _COLUMNS, _BAD_CSV or a limit error. With `onRow`, rows
 * go there as they are read and the result is empty (a large file is never held).
 */
export async function readCsv(
  chunks: Iterable<Uint8Array>,
  file: string,
  limits: IntakeLimits = DEFAULT_LIMITS,
  onRow?: (row: ProgressRow) => void,
): Promise<ProgressRow[]> {
  const rows = new CsvRows(file, limits, onRow);
  const decoder = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM
  let carry = '';
  let line = 0; // lines consumed before `carry`
  let quoted: QuotedTail | undefined;
  let offset = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw encodingError(file, offset);
    }
  };
  // Complete lines only (text ends with \n). Walked with indexOf: runs of blank lines cost no allocation.
  const plain = (text: string) => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end > start) rows.add(text.slice(start, end).split(','), line);
      start = nl + 1;
    }
  };
  for (const chunk of chunks) {
    const text = decode(chunk);
    offset += chunk.length;
    if (quoted) {
      await quoted.write(text);
      continue;
    }
    const all = carry + text;
    const q = all.indexOf('"');
    const cut = q === -1 ? all.lastIndexOf('\n') + 1 : all.lastIndexOf('\n', q) + 1;
    plain(all.slice(0, cut));
    carry = all.slice(cut);
    if (q !== -1) {
      quoted = new QuotedTail(rows, line, limits);
      await quoted.write(carry);
      carry = '';
    }
  }
  const rest = decode();
  if (quoted) {
    await quoted.write(rest);
    await quoted.end();
  } else plain(carry + rest + '\n');
  return rows.finish();
}

/** The part of a file from its first quoted line on, through csv-parse's streaming parser. */
class QuotedTail {
  readonly #parser;
  readonly #done: Promise<void>;
  #failure: unknown;

  constructor(rows: CsvRows, lineOffset: number, limits: IntakeLimits) {
    this.#parser = parse({
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: limits.maxCellChars * 64,
    });
    // csv-parse reports the line a record ends on; line breaks inside quoted fields move the start up.
    const breaks = (rec: string[]) => rec.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    this.#done = new Promise((resolve, reject) => {
      this.#parser.on('data', (d: { record: string[]; info: { lines: number } }) => {
        try {
          rows.add(d.record, lineOffset + d.info.lines - breaks(d.record));
        } catch (e) {
          this.#failure = e;
          this.#parser.destroy(e as Error);
        }
      });
      this.#parser.on('error', (e: Error & { lines?: number }) =>
        reject(this.#failure ?? badCsv(rows.file, e, lineOffset)),
      );
      this.#parser.on('end', resolve);
    });
    this.#done.catch(() => undefined); // observed by end(); avoids an unhandled rejection meanwhile
  }

  async write(text: string): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (text && !this.#parser.write(text))
      await Promise.race([new Promise((r) => this.#parser.once('drain', r)), this.#done]);
    if (this.#failure) throw this.#failure;
  }

  async end(): Promise<void> {
    this.#parser.end();
    await this.#done;
  }
}

function badCsv(file: string, e: Error & { lines?: number }, lineOffset: number): DubanError {
  return new DubanError(
    'DUBAN_PROGRESS_BAD_CSV',
    `${file} is not well-formed CSV: ${e.message.replace(/^Invalid Record Length:.*$/, 'a row has too many fields')}`,
    {
      where: { file, ...(e.lines ? { line: lineOffset + e.lines } : {}) },
      hint: 'check quotes: a field containing commas or line breaks must be wrapped in double quotes',
    },
  );
}

/** Turns records into rows: the header maps columns, every later record is checked and kept. */
class CsvRows {
  readonly file: string;
  readonly #limits: IntakeLimits;
  #keys: (CsvColumn | OptionalColumn)[] | undefined;
  readonly #columns: ProgressRow['columns'] = {};
  readonly #rows: ProgressRow[] = [];
  readonly #problems: Problem[] = [];
  readonly #onRow: ((row: ProgressRow) => void) | undefined;
  #count = 0;

  constructor(file: string, limits: IntakeLimits, onRow?: (row: ProgressRow) => void) {
    this.file = file;
    this.#limits = limits;
    this.#onRow = onRow;
  }

  add(rec: string[], line: number): void {
    const where = { file: this.file, row: line };
    const max = this.#limits.maxCellChars;
    for (let c = 0; c < rec.length; c++)
      if (rec[c]!.length > max) throw cellTooLong(rec[c]!.length, this.#limits, { ...where, column: c + 1 });
    if (!this.#keys) {
      this.#keys = mapHeader(rec, this.file);
      this.#keys.forEach((k, c) => (this.#columns[k] = rec[c]!.trim()));
      return;
    }
    if (++this.#count > this.#limits.maxRows) {
      throw overLimit(
        'DUBAN_PROGRESS_TOO_MANY_ROWS',
        `${this.file} has more than ${this.#limits.maxRows} rows`,
        { file: this.file, row: line },
        'maxRows',
      );
    }
    const keys = this.#keys;
    if (rec.length !== keys.length) {
      this.#problems.push({
        code: 'DUBAN_PROGRESS_ROW_WIDTH',
        message: `row has ${rec.length} fields, the header has ${keys.length}`,
        where,
      });
      return;
    }
    const fields: ProgressRow['fields'] = {};
    let formulas: ProgressRow['formulas'];
    for (let c = 0; c < keys.length; c++) {
      const key = keys[c]!;
      const v = rec[c]!;
      fields[key] = v;
      // A leading = is how spreadsheets mark formulas; its value would be the formula text, not a number.
      if (v.charCodeAt(0) === 61 /* = */ && key !== 'progress' && key !== 'problems' && key !== 'nextSteps')
        (formulas ??= []).push(key);
    }
    const row: ProgressRow = formulas
      ? { where, fields, columns: this.#columns, formulas }
      : { where, fields, columns: this.#columns };
    if (this.#onRow) this.#onRow(row);
    else this.#rows.push(row);
  }

  finish(): ProgressRow[] {
    if (!this.#keys)
      throw new DubanError('DUBAN_PROGRESS_EMPTY_FILE', `${this.file} is empty`, {
        where: { file: this.file },
        hint: 'a progress CSV starts with a header row: ' + headerHint(),
      });
    if (this.#problems.length) {
      throw new DubanError(
        'DUBAN_PROGRESS_BAD_CSV',
        `${this.file}: ${this.#problems.length} row(s) do not have as many fields as the header`,
        { where: { file: this.file }, problems: this.#problems, hint: 'quote fields that contain commas' },
      );
    }
    return this.#rows;
  }
}

function headerHint(): string {
  return Object.entries(CSV_HEADERS_ZH)
    .filter(([k]) => k !== 'planVersion')
    .map(([k, zh]) => `${k}(${zh})`)
    .join(', ');
}

function mapHeader(header: string[], file: string): (CsvColumn | OptionalColumn)[] {
  const keys: (CsvColumn | OptionalColumn)[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    const key = columnFor(h);
    // Only short names are echoed: a file named by mistake (/etc/passwd) must not have its first line printed.
    const shown = h.trim().length > 20 ? `of ${h.trim().length} characters` : h.trim();
    if (!key)
      problems.push({
        code: 'DUBAN_PROGRESS_EXTRA_COLUMN',
        message: `unknown column “${shown}”`,
        where: { file, row: 1, column: i + 1 },
      });
    else if (seen.has(key))
      problems.push({
        code: 'DUBAN_PROGRESS_DUPLICATE_COLUMN',
        message: `column “${shown}” appears twice`,
        where: { file, row: 1, column: i + 1 },
      });
    else {
      seen.add(key);
      keys.push(key);
    }
  });
  for (const req of REQUIRED_COLUMNS) {
    if (!seen.has(req))
      problems.push({
        code: 'DUBAN_PROGRESS_MISSING_COLUMN',
        message: `missing column ${req} (${CSV_HEADERS_ZH[req]})`,
        where: { file, row: 1 },
      });
  }
  if (problems.length) {
    const extra = problems.filter((p) => p.code !== 'DUBAN_PROGRESS_MISSING_COLUMN').length;
    const missing = problems.length - extra;
    throw new DubanError(
      'DUBAN_PROGRESS_COLUMNS',
      `${file}: the header row does not match the progress CSV format (${extra} unknown or repeated, ${missing} missing)`,
      {
        where: { file, row: 1 },
        problems: problems.slice(0, 50),
        hint: `columns are: ${headerHint()}; task, unit and date are required`,
      },
    );
  }
  return keys;
}
