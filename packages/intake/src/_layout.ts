/**
 * The intake workbook's layout, shared by the template writer and the reader so
 * the two can never disagree about which column is which.
 */

/** Name of the sheet units fill in. */
export const INPUT_SHEET = '进展填报';
/** Name of the instructions sheet. */
export const HELP_SHEET = '填报说明';
/** Name of the very-hidden sheet carrying plan version and unit. */
export const META_SHEET = '_duban';
/** Format tag written into the metadata sheet; bumped if the layout changes. */
export const TEMPLATE_FORMAT = 'duban-progress-template/1';
/** Row holding the column headers (rows above are title and unit line). */
export const HEADER_ROW = 3;

/** A workbook column: header, width, whether units type into it, and what it holds. */
export interface LayoutColumn {
  key:
    | 'seq'
    | 'task'
    | 'title'
    | 'role'
    | 'deadline'
    | 'last'
    | 'indicatorKey'
    | 'indicator'
    | 'target'
    | 'measure'
    | 'lastValue'
    | 'value'
    | 'percent'
    | 'state'
    | 'progress'
    | 'problems'
    | 'nextSteps'
    | 'date'
    | 'evidence';
  header: string;
  width: number;
  input: boolean;
  /** Task-level columns are merged over a task's indicator rows. */
  perTask: boolean;
}

/** Columns in order, A first. */
export const LAYOUT: readonly LayoutColumn[] = [
  { key: 'seq', header: '序号', width: 6, input: false, perTask: true },
  { key: 'task', header: '任务编号', width: 9, input: false, perTask: true },
  { key: 'title', header: '重点任务', width: 40, input: false, perTask: true },
  { key: 'role', header: '本单位角色', width: 10, input: false, perTask: true },
  { key: 'deadline', header: '完成时限', width: 12, input: false, perTask: true },
  { key: 'last', header: '上次填报情况', width: 18, input: false, perTask: true },
  { key: 'indicatorKey', header: '指标序号', width: 8, input: false, perTask: false },
  { key: 'indicator', header: '指标', width: 28, input: false, perTask: false },
  { key: 'target', header: '目标值', width: 10, input: false, perTask: false },
  { key: 'measure', header: '计量单位', width: 9, input: false, perTask: false },
  { key: 'lastValue', header: '上次填报值', width: 11, input: false, perTask: false },
  { key: 'value', header: '本期实际值', width: 11, input: true, perTask: false },
  { key: 'percent', header: '完成百分比', width: 11, input: true, perTask: true },
  { key: 'state', header: '状态', width: 9, input: true, perTask: true },
  { key: 'progress', header: '进展情况', width: 36, input: true, perTask: true },
  { key: 'problems', header: '存在问题', width: 24, input: true, perTask: true },
  { key: 'nextSteps', header: '下一步措施', width: 24, input: true, perTask: true },
  { key: 'date', header: '填报日期', width: 12, input: true, perTask: true },
  { key: 'evidence', header: '佐证材料', width: 18, input: true, perTask: true },
];

/** 1-based column number of a layout key. */
export function colOf(key: LayoutColumn['key']): number {
  return LAYOUT.findIndex((c) => c.key === key) + 1;
}

/** Column letter (A, B, … Z, AA) of a 1-based column number. */
export function letter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A file name for a unit's workbook: characters Windows refuses become full-width. */
export function fileNameForUnit(unit: string): string {
  return (
    unit
      .replace(/</g, '（')
      .replace(/>/g, '）')
      .replace(/[\\/:*?"|]/g, '_') + '.xlsx'
  );
}
