/**
 * Reads intake workbooks back, streaming (_sheet.ts: one row in memory at a time,
 * after the archive passed the zip-bomb checks): checks the layout and headers are
 * the template's, takes plan version, unit and binding from the metadata sheet,
 * and turns each filled-in task into one row; a sheet with the CSV columns is
 * read row by row like a CSV.
 *
 * Streaming knows nothing of merged cells (they are listed after the rows), so a
 * task's indicator rows are recognised by what they hold: the template leaves the
 * merged task cells of those rows empty and fills their indicator key.
 */
import { DubanError, type Problem } from '@duban/core';
import { type CsvColumn, columnFor, type OptionalColumn } from './_columns.js';
import { HEADER_ROW, INPUT_SHEET, LAYOUT, type LayoutColumn, letter, META_SHEET, TEMPLATE_FORMAT } from './_layout.js';
import { type IntakeLimits, overLimit } from './_limits.js';
import type { CellValue, ProgressRow, RawCell, RowField } from './_row.js';
import { openXlsx, type SheetRow } from './_sheet.js';
import { checkArchive } from './_zip.js';

type Row = SheetRow;
type SheetReader = AsyncIterable<Row> & { name: string };

/** True when the bytes start like a zip archive (every xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** What a workbook says about itself in its metadata sheet. */
export interface WorkbookMeta {
  planVersion: number | undefined;
  unit: string | undefined;
  /** plan.sourceDigest of the plan the template was made for. */
  planDigest: string | undefined;
  /** The office's MAC over format, plan version, plan digest and unit (see `bindingOf`). */
  binding: string | undefined;
}

/** A workbook read: its rows and, for an intake template, what its metadata sheet says. */
export interface WorkbookRead {
  rows: ProgressRow[];
  /** Present for intake templates; absent for sheets with CSV columns. */
  meta?: WorkbookMeta;
}

function notXlsx(file: string, why: string, cause?: unknown): DubanError {
  return new DubanError('DUBAN_PROGRESS_NOT_XLSX', `${file} is not an Excel .xlsx workbook (${why})`, {
    where: { file },
    hint: 'send the workbook made by `duban progress template`, saved as .xlsx (not .xls or .et); or export the data as CSV UTF-8',
    cause,
  });
}

/** Reads xlsx bytes: zip-bomb checks first, then one streaming pass over the sheets. With `onRow`, rows go there and `rows` is empty. */
export async function readWorkbookBytes(
  bytes: Buffer,
  file: string,
  limits: IntakeLimits,
  onRow?: (row: ProgressRow) => void,
): Promise<WorkbookRead> {
  if (!looksLikeZip(bytes))
    throw notXlsx(
      file,
      bytes[0] === 0xd0 && bytes[1] === 0xcf ? 'it is an old .xls file' : 'its content is not a zip archive',
    );
  const entries = await checkArchive(bytes, file, limits);
  const book = await openXlsx(bytes, file, limits, entries);
  const rowsSeen = { n: 0 };
  const reader = (name: string): SheetReader => {
    const info = book.sheets.find((s) => s.name === name)!;
    return { name, [Symbol.asyncIterator]: () => book.rows(info) };
  };
  const hasMeta = book.sheets.some((s) => s.name === META_SHEET);
  const hasInput = book.sheets.some((s) => s.name === INPUT_SHEET);
  let input: Map<number, unknown[]> | undefined;
  let meta: Map<string, CellValue> | undefined;
  let table: ProgressRow[] | null | undefined;
  let tableSheet: string | undefined;
  if (hasMeta && hasInput) {
    meta = await readKv(reader(META_SHEET), file, limits, rowsSeen);
    input = await collect(reader(INPUT_SHEET), file, limits, rowsSeen);
  } else {
    const first = book.sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? book.sheets[0];
    if (first) {
      tableSheet = first.name;
      table = await readTable(reader(first.name), file, limits, rowsSeen, onRow);
    }
  }
  if (meta && input) {
    const m = checkMeta(meta, file);
    const rows = readTemplate(input, m, file);
    if (!onRow) return { rows, meta: m };
    for (const r of rows) onRow(r);
    return { rows: [], meta: m };
  }
  if (table) return { rows: table };
  const sheet = input ? INPUT_SHEET : tableSheet;
  if (!sheet) throw new DubanError('DUBAN_PROGRESS_NOT_TEMPLATE', `${file} has no worksheets`, { where: { file } });
  throw new DubanError(
    'DUBAN_PROGRESS_NOT_TEMPLATE',
    `${file} is neither a duban intake workbook nor a sheet with progress CSV columns`,
    {
      where: { file, sheet },
      hint: 'fill in the workbook made by `duban progress template --unit <unit>`, keeping its sheets; or use the CSV columns task, unit, date, percent, state, values, …',
    },
  );
}

/** Counts a data row against the per-file limit. */
function count(rowsSeen: { n: number }, file: string, sheet: string, limits: IntakeLimits): void {
  if (++rowsSeen.n > limits.maxRows) {
    throw overLimit(
      'DUBAN_PROGRESS_TOO_MANY_ROWS',
      `${file} has more than ${limits.maxRows} rows`,
      { file, sheet },
      'maxRows',
    );
  }
}

/** The values of a streamed row, 1-based (the reader already refused cells past the length limit). */
function valuesOf(row: Row, width: number): unknown[] {
  return row.values.length > width + 1 ? row.values.slice(0, width + 1) : row.values;
}

async function collect(
  ws: SheetReader,
  file: string,
  limits: IntakeLimits,
  rowsSeen: { n: number },
): Promise<Map<number, unknown[]>> {
  const rows = new Map<number, unknown[]>();
  for await (const row of ws) {
    count(rowsSeen, file, ws.name, limits);
    // The header row is read in full, so added columns can be named; data rows need only the template's.
    const width = row.number === HEADER_ROW ? Math.max(LAYOUT.length, row.values.length - 1) : LAYOUT.length;
    rows.set(row.number, valuesOf(row, width));
  }
  return rows;
}

async function readKv(
  ws: SheetReader,
  file: string,
  limits: IntakeLimits,
  rowsSeen: { n: number },
): Promise<Map<string, CellValue>> {
  const kv = new Map<string, CellValue>();
  for await (const row of ws) {
    count(rowsSeen, file, ws.name, limits);
    const v = valuesOf(row, 2);
    kv.set(String(plain(v[1])), plain(v[2]));
  }
  return kv;
}

function checkMeta(kv: Map<string, CellValue>, file: string): WorkbookMeta {
  if (kv.get('format') !== TEMPLATE_FORMAT) {
    throw new DubanError(
      'DUBAN_PROGRESS_NOT_TEMPLATE',
      `${file} was made by another version of the intake template (${String(kv.get('format'))})`,
      {
        where: { file, sheet: META_SHEET },
        hint: 'make a fresh template with `duban progress template` and copy the entries over',
      },
    );
  }
  const v = kv.get('planVersion');
  const str = (k: string) => (kv.get(k) === undefined || kv.get(k) === null ? undefined : String(kv.get(k)));
  return {
    planVersion: typeof v === 'number' ? v : undefined,
    unit: str('unit'),
    planDigest: str('planDigest'),
    binding: str('binding'),
  };
}

const col = (key: LayoutColumn['key']) => LAYOUT.findIndex((c) => c.key === key) + 1;
const label = (key: LayoutColumn['key']) => `${letter(col(key))}（${LAYOUT[col(key) - 1]!.header}）`;

function readTemplate(input: Map<number, unknown[]>, meta: WorkbookMeta, file: string): ProgressRow[] {
  checkHeaders(input.get(HEADER_ROW) ?? [], file);
  const sheet = INPUT_SHEET;
  const templateColumns: ProgressRow['columns'] = {
    task: label('task'),
    unit: `${META_SHEET}!unit`,
    planVersion: `${META_SHEET}!planVersion`,
  };
  for (const [field, key] of TEMPLATE_FIELDS) templateColumns[field] = label(key);
  const rows: ProgressRow[] = [];
  let current: { row: ProgressRow; filled: boolean } | undefined;
  const flush = () => {
    if (current?.filled) rows.push(current.row);
    current = undefined;
  };
  let previous = HEADER_ROW;
  for (const r of [...input.keys()].filter((n) => n > HEADER_ROW).sort((a, b) => a - b)) {
    const values = input.get(r)!;
    const get = (key: LayoutColumn['key']): RawCell => toRaw(values[col(key)], label(key));
    if (r !== previous + 1) flush(); // a blank row ends a task
    previous = r;
    const task = get('task');
    const key = get('indicatorKey');
    // An indicator row of the task above: its merged task cells are empty, its indicator key is not.
    const continues = current !== undefined && blankValue(task.value) && !task.formula && !blank(key);
    if (!continues) {
      flush();
      if (blankValue(task.value) && !task.formula) continue;
      const fields: ProgressRow['fields'] = { task: task.value, unit: meta.unit, planVersion: meta.planVersion };
      const formulas: RowField[] = task.formula ? ['task'] : [];
      for (const [field, k] of TEMPLATE_FIELDS) {
        const c = get(k);
        fields[field] = c.value;
        if (c.formula) formulas.push(field);
      }
      const filled =
        formulas.length > 0 ||
        (['percent', 'state', 'progress', 'problems', 'nextSteps', 'evidence'] as const).some(
          (k) => !blankValue(fields[k]),
        );
      const row: ProgressRow = {
        where: { file, sheet, row: r },
        fields,
        columns: templateColumns,
        indicatorValues: [],
      };
      if (formulas.length) row.formulas = formulas;
      current = { row, filled };
    }
    const value = get('value');
    if (!blank(value)) {
      current!.filled = true;
      if (!blank(key)) current!.row.indicatorValues!.push({ key: String(key.value), cell: value });
      else (current!.row.formulaCells ??= []).push(value);
    }
  }
  flush();
  return rows;
}

/** Reads a sheet whose first row has CSV column names; null when row 1 is not such a header. */
async function readTable(
  ws: SheetReader,
  file: string,
  limits: IntakeLimits,
  rowsSeen: { n: number },
  onRow?: (row: ProgressRow) => void,
): Promise<ProgressRow[] | null> {
  let keys: (CsvColumn | OptionalColumn)[] | null | undefined;
  const columns: ProgressRow['columns'] = {};
  const rows: ProgressRow[] = [];
  for await (const xrow of ws) {
    if (keys === null) break; // not a table: stop reading it
    count(rowsSeen, file, ws.name, limits);
    if (keys === undefined) {
      if (xrow.number !== 1) {
        keys = null;
        continue;
      }
      const headers = texts(xrow.values);
      keys = headers.length && headers.every((h) => columnFor(h)) ? headers.map((h) => columnFor(h)!) : null;
      if (keys) keys.forEach((k, i) => (columns[k] = `${letter(i + 1)}（${headers[i]}）`));
      continue;
    }
    const values = valuesOf(xrow, keys.length);
    const fields: ProgressRow['fields'] = {};
    const formulas: RowField[] = [];
    keys.forEach((k, i) => {
      const c = toRaw(values[i + 1], '');
      fields[k] = c.value;
      if (c.formula) formulas.push(k);
    });
    if (!formulas.length && Object.values(fields).every(blankValue)) continue;
    const where = { file, sheet: ws.name, row: xrow.number };
    const row: ProgressRow = formulas.length ? { where, fields, columns, formulas } : { where, fields, columns };
    if (onRow) onRow(row);
    else rows.push(row);
  }
  return keys ? rows : null;
}

function checkHeaders(values: unknown[], file: string): void {
  const found = texts(values);
  const expected = LAYOUT.map((c) => c.header);
  const problems: Problem[] = [];
  const sheet = INPUT_SHEET;
  found.forEach((h, i) => {
    if (h && !expected.includes(h))
      problems.push({
        code: 'DUBAN_PROGRESS_EXTRA_COLUMN',
        message: `unexpected column “${h}”`,
        where: { file, sheet, row: HEADER_ROW, column: letter(i + 1) },
      });
  });
  for (const h of expected)
    if (!found.includes(h))
      problems.push({
        code: 'DUBAN_PROGRESS_MISSING_COLUMN',
        message: `missing column “${h}”`,
        where: { file, sheet, row: HEADER_ROW },
      });
  if (!problems.length)
    expected.forEach((h, i) => {
      if (found[i] !== h)
        problems.push({
          code: 'DUBAN_PROGRESS_MOVED_COLUMN',
          message: `column ${letter(i + 1)} should be “${h}” but is “${found[i] ?? ''}”`,
          where: { file, sheet, row: HEADER_ROW, column: letter(i + 1) },
        });
    });
  if (problems.length) {
    throw new DubanError('DUBAN_PROGRESS_COLUMNS', `${file}: sheet ${sheet} does not have the template's columns`, {
      where: { file, sheet, row: HEADER_ROW },
      problems,
      hint: 'do not add, remove or move columns; make a fresh template with `duban progress template` and copy the entries over',
    });
  }
}

/** Trimmed texts of a 1-based row, trailing blanks dropped. */
function texts(values: unknown[]): string[] {
  const out: string[] = [];
  for (let c = 1; c < values.length; c++) out[c - 1] = String(plain(values[c]) ?? '').trim();
  while (out.length && !out[out.length - 1]) out.pop();
  return Array.from(out, (s) => s ?? '');
}

function blank(c: RawCell): boolean {
  // A formula counts as filled in even without a cached result, so it gets reported.
  return !c.formula && blankValue(c.value);
}

function blankValue(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Template columns that map to report fields. */
const TEMPLATE_FIELDS: readonly [RowField, LayoutColumn['key']][] = [
  ['date', 'date'],
  ['percent', 'percent'],
  ['state', 'state'],
  ['progress', 'progress'],
  ['problems', 'problems'],
  ['nextSteps', 'nextSteps'],
  ['evidence', 'evidence'],
];

/** Flattens exceljs cell values (rich text, hyperlinks, formula results) to plain values. */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return v as CellValue;
  if (typeof v !== 'object' || v instanceof Date) return v as CellValue;
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
  if (o.text !== undefined) return o.text;
  if (o.error !== undefined) return o.error;
  return String(v);
}

function toRaw(v: unknown, column: string): RawCell {
  const isFormula = typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
  return isFormula ? { value: plain(v), column, formula: true } : { value: plain(v), column };
}
