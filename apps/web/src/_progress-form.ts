import type { Problem, ProgressReport, Task } from '@duban/core';
import { createProgressValidator, type ProgressRow, type ProgressValidator } from '@duban/intake';
import type { StoredPlan } from '@duban/store';
import { field } from './_app.js';

/** Form fields of the progress report form, in order; the validator's column names are these. */
export const REPORT_FIELDS = ['date', 'percent', 'state', 'progress', 'problems', 'nextSteps'] as const;

/** Chinese messages for the validator's codes; its English message stays beside them for the office. */
const MESSAGES: Record<string, string> = {
  DUBAN_PROGRESS_PERCENT_RANGE: '完成比例应在 0 到 100 之间',
  DUBAN_PROGRESS_NOT_A_NUMBER: '请填写数字',
  DUBAN_PROGRESS_BAD_DATE: '日期格式应为 2019-06-30',
  DUBAN_PROGRESS_DATE_OUT_OF_RANGE: '日期须在方案年度内且不晚于今天',
  DUBAN_PROGRESS_MISSING_VALUE: '此项必填',
  DUBAN_PROGRESS_BAD_STATE: '请选择推进中、已完成或受阻',
  DUBAN_PROGRESS_EMPTY_REPORT: '请至少填写完成比例、指标实际值、状态或进展情况中的一项',
  DUBAN_PROGRESS_UNKNOWN_INDICATOR: '该任务没有这个指标',
  DUBAN_PROGRESS_UNIT_NOT_ASSIGNED: '本单位未承担该任务',
};

/** The form as submitted, echoed back into the form when it has errors. */
export type ReportForm = Record<string, string>;

/** Reads the report form of one task: the fixed fields and one value per indicator. */
export function readReportForm(body: unknown, task: Task): ReportForm {
  const form: ReportForm = {};
  for (const f of REPORT_FIELDS) form[f] = field(body, f);
  for (const i of task.indicators) form[`value-${i.key}`] = field(body, `value-${i.key}`);
  return form;
}

/**
 * Validates one web report with the same validator as workbook import (one
 * validator, one set of rules); problems come back keyed by form field.
 */
export function validateReport(
  form: ReportForm,
  task: Task,
  unit: string,
  stored: StoredPlan,
  today: string,
): { report?: ProgressReport; errors: Record<string, string> } {
  const columns: ProgressRow['columns'] = { task: 'task', unit: 'unit' };
  for (const f of REPORT_FIELDS) columns[f] = f;
  const row: ProgressRow = {
    where: { file: '网页填报', row: 1 },
    fields: { task: String(task.number), unit, ...Object.fromEntries(REPORT_FIELDS.map((f) => [f, form[f]])) },
    columns,
    indicatorValues: task.indicators.map((i) => ({
      key: i.key,
      cell: { value: form[`value-${i.key}`], column: `value-${i.key}` },
    })),
  };
  const checked = validatorFor(stored, today)([row]);
  const errors: Record<string, string> = {};
  for (const p of checked.errors) {
    const key = String(p.where?.column ?? 'form');
    errors[key] = errors[key] ? `${errors[key]}；${message(p)}` : message(p);
  }
  const report = checked.value?.[0];
  return report ? { report, errors } : { errors };
}

// The validator indexes the whole plan; build it once per plan version and working date, not per request.
const validators = new WeakMap<StoredPlan, Map<string, ProgressValidator>>();
function validatorFor(stored: StoredPlan, today: string): ProgressValidator {
  let byDay = validators.get(stored);
  if (!byDay) validators.set(stored, (byDay = new Map()));
  let v = byDay.get(today);
  if (!v)
    byDay.set(
      today,
      (v = createProgressValidator({
        plan: stored.plan,
        directory: stored.directory,
        planVersion: stored.version,
        today,
      })),
    );
  return v;
}

function message(p: Problem): string {
  const zh = MESSAGES[p.code];
  return zh ? `${zh}（${p.message}）` : p.message;
}
