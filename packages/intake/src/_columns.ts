/**
 * The CSV columns units send, with the Chinese headers clerks actually type.
 * One table so the reader, the writer and the README agree.
 */

/** Canonical CSV column keys, in the order the writer emits them. */
export const CSV_COLUMNS = [
  'task',
  'unit',
  'date',
  'percent',
  'state',
  'values',
  'progress',
  'problems',
  'nextSteps',
  'evidence',
] as const;
/** One canonical CSV column key. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Optional extra column: the plan version the file was prepared for. */
export const OPTIONAL_COLUMNS = ['planVersion'] as const;
/** One optional column key. */
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** Chinese header for each column, used when writing and accepted when reading. */
export const CSV_HEADERS_ZH: Record<CsvColumn | OptionalColumn, string> = {
  task: '任务编号',
  unit: '填报单位',
  date: '填报日期',
  percent: '完成百分比',
  state: '状态',
  values: '指标实际值',
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下一步措施',
  evidence: '佐证材料',
  planVersion: '方案版本',
};

// Extra spellings seen in the wild; matched after trimming and lower-casing.
const EXTRA_ALIASES: Record<string, CsvColumn | OptionalColumn> = {
  next_steps: 'nextSteps',
  nextsteps: 'nextSteps',
  plan_version: 'planVersion',
  planversion: 'planVersion',
  任务序号: 'task',
  单位: 'unit',
  日期: 'date',
  完成进度: 'percent',
  '完成百分比(%)': 'percent',
  '完成百分比（%）': 'percent',
  完成状态: 'state',
  实际值: 'values',
  佐证: 'evidence',
};

const lookup = new Map<string, CsvColumn | OptionalColumn>();
for (const key of [...CSV_COLUMNS, ...OPTIONAL_COLUMNS]) {
  lookup.set(key.toLowerCase(), key);
  lookup.set(CSV_HEADERS_ZH[key], key);
}
for (const [alias, key] of Object.entries(EXTRA_ALIASES)) lookup.set(alias, key);

/** Maps a header cell (English key or Chinese alias) to its column key, or undefined. */
export function columnFor(header: string): CsvColumn | OptionalColumn | undefined {
  const h = header.replace(/^\uFEFF/, '').trim();
  return lookup.get(h) ?? lookup.get(h.toLowerCase());
}

/** Columns every CSV must have; the rest may be absent. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['task', 'unit', 'date'];
