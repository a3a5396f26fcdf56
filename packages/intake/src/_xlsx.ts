/**
 * Reads intake workbooks back: checks it is really xlsx, that the layout and
 * headers are the template's, takes plan version and unit from the metadata
 * sheet, and turns each filled-in task into one row for validation.
 */
import { DubanError, type Problem } from '@duban/core';
import { columnFor, type CsvColumn, type OptionalColumn } from './_columns.js';
import { HEADER_ROW, INPUT_SHEET, LAYOUT, letter, META_SHEET, TEMPLATE_FORMAT, type LayoutColumn } from './_layout.js';
import type { CellValue, ProgressRow, RawCell, RowField } from './_row.js';

type Workbook = import('exceljs').Workbook;
type Worksheet = import('exceljs').Worksheet;

/** True when the bytes start like a zip archive (every xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** What a workbook says about itself in its metadata sheet. */
export interface WorkbookMeta {
  planVersion: number | undefined;
  unit: string | undefined;
}

/** Loads xlsx bytes; throws DUBAN_PROGRESS_NOT_XLSX when they are not a workbook. */
export async function loadWorkbook(bytes: Uint8Array, file: string): Promise<Workbook> {
  const notXlsx = (why: string, cause?: unknown) =>
    new DubanError('DUBAN_PROGRESS_NOT_XLSX', `${file} is not an Excel .xlsx workbook (${why})`, {
      where: { file },
      hint: 'send the workbook made by `duban progress template`, saved as .xlsx (not .xls or .et); or export the data as CSV UTF-8',
      cause,
    });
  if (!looksLikeZip(bytes)) throw notXlsx(bytes[0] === 0xd0 && bytes[1] === 0xcf ? 'it is an old .xls file' : 'its content is not a zip archive');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw notXlsx('it cannot be opened as a workbook', e);
  }
  return wb;
}

/** Reads rows from a loaded workbook: the intake template, or a sheet with CSV columns. */
export function readWorkbook(wb: Workbook, file: string): ProgressRow[] {
  const meta = wb.getWorksheet(META_SHEET);
  const input = wb.getWorksheet(INPUT_SHEET);
  if (meta && input) return readTemplate(input, readMeta(meta, file), file);
  const first = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  if (!first) throw new DubanError('DUBAN_PROGRESS_NOT_TEMPLATE', `${file} has no worksheets`, { where: { file } });
  const headers = rowTexts(first, 1);
  if (headers.length && headers.every((h) => columnFor(h))) return readTable(first, headers, file);
  throw new DubanError('DUBAN_PROGRESS_NOT_TEMPLATE', `${file} is neither a duban intake workbook nor a sheet with progress CSV columns`, {
    where: { file, sheet: first.name },
    hint: 'fill in the workbook made by `duban progress template --unit <unit>`, keeping its sheets; or use the CSV columns task, unit, date, percent, state, values, …',
  });
}

function readMeta(ws: Worksheet, file: string): WorkbookMeta {
  const kv = new Map<string, CellValue>();
  ws.eachRow((row) => kv.set(String(plain(row.getCell(1).value)), plain(row.getCell(2).value)));
  if (kv.get('format') !== TEMPLATE_FORMAT) {
    throw new DubanError('DUBAN_PROGRESS_NOT_TEMPLATE', `${file} was made by another version of the intake template (${String(kv.get('format'))})`, {
      where: { file, sheet: META_SHEET },
      hint: 'make a fresh template with `duban progress template` and copy the entries over',
    });
  }
  const v = kv.get('planVersion');
  return { planVersion: typeof v === 'number' ? v : undefined, unit: kv.get('unit') === undefined ? undefined : String(kv.get('unit')) };
}

function readTemplate(ws: Worksheet, meta: WorkbookMeta, file: string): ProgressRow[] {
  checkHeaders(ws, file);
  const sheet = ws.name;
  const col = (key: LayoutColumn['key']) => LAYOUT.findIndex((c) => c.key === key) + 1;
  const label = (key: LayoutColumn['key']) => `${letter(col(key))}（${LAYOUT[col(key) - 1]!.header}）`;
  const templateColumns: ProgressRow['columns'] = { task: label('task'), unit: `${META_SHEET}!unit`, planVersion: `${META_SHEET}!planVersion` };
  for (const [field, key] of TEMPLATE_FIELDS) templateColumns[field] = label(key);
  const rows: ProgressRow[] = [];
  let current: { taskValue: CellValue; row: ProgressRow; filled: boolean } | undefined;
  const flush = () => {
    if (current?.filled) rows.push(current.row);
  };
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const xrow = ws.getRow(r);
    const get = (key: LayoutColumn['key']): RawCell => toRaw(xrow.getCell(col(key)).value, label(key));
    const task = get('task');
    const taskCell = xrow.getCell(col('task'));
    const isMerged = taskCell.isMerged && taskCell.master.address !== taskCell.address;
    if (!isMerged) {
      flush();
      if (task.value === null || task.value === undefined || task.value === '') {
        current = undefined;
        continue;
      }
      const fields: ProgressRow['fields'] = { task: task.value, unit: meta.unit, planVersion: meta.planVersion };
      const formulas: RowField[] = task.formula ? ['task'] : [];
      for (const [field, key] of TEMPLATE_FIELDS) {
        const c = get(key);
        fields[field] = c.value;
        if (c.formula) formulas.push(field);
      }
      const filled = formulas.length > 0 || (['percent', 'state', 'progress', 'problems', 'nextSteps', 'evidence'] as const).some((k) => !blankValue(fields[k]));
      const row: ProgressRow = { where: { file, sheet, row: r }, fields, columns: templateColumns, indicatorValues: [] };
      if (formulas.length) row.formulas = formulas;
      current = { taskValue: task.value, row, filled };
    }
    if (!current) continue;
    const key = get('indicatorKey');
    const value = get('value');
    if (!blank(value)) {
      current.filled = true;
      if (!blank(key)) current.row.indicatorValues!.push({ key: String(key.value), cell: value });
      else (current.row.formulaCells ??= []).push(value);
    }
  }
  flush();
  return rows;
}

function readTable(ws: Worksheet, headers: string[], file: string): ProgressRow[] {
  const keys = headers.map((h) => columnFor(h)!) as (CsvColumn | OptionalColumn)[];
  const columns: ProgressRow['columns'] = {};
  keys.forEach((k, i) => (columns[k] = `${letter(i + 1)}（${headers[i]}）`));
  const rows: ProgressRow[] = [];
  ws.eachRow((xrow, r) => {
    if (r === 1) return;
    const fields: ProgressRow['fields'] = {};
    const formulas: RowField[] = [];
    keys.forEach((k, i) => {
      const c = toRaw(xrow.getCell(i + 1).value, '');
      fields[k] = c.value;
      if (c.formula) formulas.push(k);
    });
    if (!formulas.length && Object.values(fields).every(blankValue)) return;
    rows.push(formulas.length ? { where: { file, sheet: ws.name, row: r }, fields, columns, formulas } : { where: { file, sheet: ws.name, row: r }, fields, columns });
  });
  return rows;
}

function checkHeaders(ws: Worksheet, file: string): void {
  const found = rowTexts(ws, HEADER_ROW);
  const expected = LAYOUT.map((c) => c.header);
  const problems: Problem[] = [];
  found.forEach((h, i) => {
    if (h && !expected.includes(h)) problems.push({ code: 'DUBAN_PROGRESS_EXTRA_COLUMN', message: `unexpected column “${h}”`, where: { file, sheet: ws.name, row: HEADER_ROW, column: letter(i + 1) } });
  });
  for (const h of expected) if (!found.includes(h)) problems.push({ code: 'DUBAN_PROGRESS_MISSING_COLUMN', message: `missing column “${h}”`, where: { file, sheet: ws.name, row: HEADER_ROW } });
  if (!problems.length) expected.forEach((h, i) => {
    if (found[i] !== h) problems.push({ code: 'DUBAN_PROGRESS_MOVED_COLUMN', message: `column ${letter(i + 1)} should be “${h}” but is “${found[i] ?? ''}”`, where: { file, sheet: ws.name, row: HEADER_ROW, column: letter(i + 1) } });
  });
  if (problems.length) {
    throw new DubanError('DUBAN_PROGRESS_COLUMNS', `${file}: sheet ${ws.name} does not have the template's columns`, {
      where: { file, sheet: ws.name, row: HEADER_ROW },
      problems,
      hint: 'do not add, remove or move columns; make a fresh template with `duban progress template` and copy the entries over',
    });
  }
}

function rowTexts(ws: Worksheet, r: number): string[] {
  const out: string[] = [];
  ws.getRow(r).eachCell({ includeEmpty: true }, (c, col) => (out[col - 1] = String(plain(c.value) ?? '').trim()));
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
  if (v === null || v === undefined) return v;
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
