/**
 * Row-by-row validation of progress input against the current plan. Pure: no
 * I/O. Every bad cell becomes a Problem with file, sheet, row and column, so
 * one run tells the clerk everything that must be fixed.
 */
import type { Indicator, Plan, Problem, ProgressReport, Task, UnitDirectory, Validated } from '@duban/core';
import { isBlank, parseDate, parseNumber, parseState, splitList, splitValues, text } from './_parse.js';
import type { CellValue, ProgressRow, RawCell, RowField } from './_row.js';
import { directoryResolver, type UnitResolver } from './_units.js';

/** What rows are checked against. */
export interface ValidationContext {
  plan: Plan;
  directory: UnitDirectory;
  /** Ledger version of `plan`; rows that name another version are rejected. */
  planVersion: number;
  /** Today, YYYY-MM-DD: report dates after it are rejected. */
  today: string;
  /** Unit-name canonicaliser tried first (e.g. the importer's); the directory and plan names are the fallback. */
  resolveUnit?: (written: string) => string | null | undefined;
}

interface TaskIndex {
  task: Task;
  reporters: Set<string>;
  aliases: Map<string, string>;
  indicators: Map<string, Indicator>;
}

/** Validation fed one row at a time (rows streamed from a file are never all held); `finish` gives the result. */
export interface ValidationSession {
  add(row: ProgressRow): void;
  finish(): Validated<ProgressReport[]>;
}

/** A validator with the plan indexed once, for validating many batches quickly; `session()` validates a stream. */
export type ProgressValidator = ((rows: Iterable<ProgressRow>) => Validated<ProgressReport[]>) & {
  session(): ValidationSession;
};

/** Builds a validator for one plan; indexes tasks, units and indicators once. */
export function createProgressValidator(ctx: ValidationContext): ProgressValidator {
  const own: UnitResolver = directoryResolver(ctx.directory, ctx.plan);
  const given = ctx.resolveUnit;
  const resolve: UnitResolver = given ? (n) => given(n) ?? own(n) : own;
  const tasks = new Map<number, TaskIndex>();
  for (const task of ctx.plan.tasks) {
    const indicators = new Map<string, Indicator>();
    for (const ind of task.indicators) indicators.set(ind.key, ind);
    // Metric text works as a key too, when it is unambiguous within the task.
    for (const ind of task.indicators)
      for (const k of [ind.metric, ind.text]) if (k && !indicators.has(k)) indicators.set(k, ind);
    const aliases = new Map<string, string>();
    for (const a of task.assignments) if (a.alias) aliases.set(a.alias, a.unit);
    tasks.set(task.number, { task, reporters: new Set(task.assignments.map((a) => a.unit)), aliases, indicators });
  }
  const year = String(ctx.plan.year);
  const unitCache = new Map<string, string | undefined>();
  const resolveCached = (name: string) => {
    if (!unitCache.has(name)) unitCache.set(name, resolve(name));
    return unitCache.get(name);
  };

  // Dates repeat across thousands of rows; parse each spelling once.
  const dateCache = new Map<unknown, string | undefined>();
  const dateOf = (v: RawCell['value']) => {
    if (typeof v !== 'string') return parseDate(v);
    let d = dateCache.get(v);
    if (d === undefined && !dateCache.has(v)) dateCache.set(v, (d = parseDate(v)));
    return d;
  };
  const sources = new Map<string, string>();
  // Dates are within one plan year (checked above), so fewer than 1024 distinct ones reach the key.
  const unitIds = new Map<string, number>();
  const dayIds = new Map<string, number>();

  const session = (): ValidationSession => {
    const errors: Problem[] = [];
    const value: ProgressReport[] = [];
    const seen = new Map<number, { index: number; row: number }>();
    // One problem list and one reporter for all rows: per-row closures cost real time at 100k rows.
    const problems: Problem[] = [];
    let row!: ProgressRow;
    const bad = (code: string, at: RowField | RawCell | undefined, message: string) =>
      problems.push({
        code,
        message,
        where: { ...row.where, column: typeof at === 'string' ? (row.columns[at] ?? at) : (at?.column ?? '') },
      });
    const add = (next: ProgressRow): void => {
      row = next;
      problems.length = 0;
      const f = row.fields;

      for (const k of row.formulas ?? [])
        bad('DUBAN_PROGRESS_FORMULA', k, 'cell holds a formula; type the value itself');
      for (const v of row.indicatorValues ?? [])
        if (v.cell.formula) bad('DUBAN_PROGRESS_FORMULA', v.cell, 'cell holds a formula; type the value itself');
      for (const c of row.formulaCells ?? [])
        if (c.formula) bad('DUBAN_PROGRESS_FORMULA', c, 'cell holds a formula; type the value itself');
      if (problems.length) {
        errors.push(...problems);
        return;
      }

      if (!isBlank(f.planVersion)) {
        const v = parseNumber(f.planVersion);
        if (v !== ctx.planVersion)
          bad(
            'DUBAN_PROGRESS_PLAN_VERSION',
            'planVersion',
            `prepared for plan version ${text(f.planVersion)}, but the ledger's current plan is version ${ctx.planVersion}`,
          );
      }

      // Task
      let entry: TaskIndex | undefined;
      const taskText = text(f.task);
      const taskNo = parseNumber(f.task);
      if (!taskText) bad('DUBAN_PROGRESS_MISSING_VALUE', 'task', 'task number is empty');
      else if (taskNo === undefined || !Number.isInteger(taskNo) || !(entry = tasks.get(taskNo)))
        bad(
          'DUBAN_PROGRESS_UNKNOWN_TASK',
          'task',
          `no task ${taskText} in plan version ${ctx.planVersion} (tasks 1–${ctx.plan.tasks.length})`,
        );

      // Unit
      let unit: string | undefined;
      const unitText = text(f.unit);
      if (!unitText) bad('DUBAN_PROGRESS_MISSING_VALUE', 'unit', 'reporting unit is empty');
      else if (entry) {
        unit = entry.aliases.get(unitText) ?? resolveCached(unitText);
        if (unit === undefined)
          bad('DUBAN_PROGRESS_UNKNOWN_UNIT', 'unit', `unknown unit ${unitText}: not in the unit directory or the plan`);
        else if (!entry.reporters.has(unit)) {
          bad(
            'DUBAN_PROGRESS_UNIT_NOT_ASSIGNED',
            'unit',
            `${unitText}${unit !== unitText ? ` (${unit})` : ''} is not assigned to task ${entry.task.number}; assigned: ${[...entry.reporters].join('、')}`,
          );
          unit = undefined;
        }
      }

      // Date
      const dateText = text(f.date);
      const date = dateOf(f.date);
      if (!dateText) bad('DUBAN_PROGRESS_MISSING_VALUE', 'date', 'report date is empty');
      else if (!date) bad('DUBAN_PROGRESS_BAD_DATE', 'date', `not a date: ${dateText} (write 2019-03-31)`);
      else if (date.slice(0, 4) !== year)
        bad('DUBAN_PROGRESS_DATE_OUT_OF_RANGE', 'date', `date ${date} is outside the plan year ${year}`);
      else if (date > ctx.today)
        bad('DUBAN_PROGRESS_DATE_OUT_OF_RANGE', 'date', `date ${date} is in the future (today is ${ctx.today})`);

      // Percent
      let percent: number | undefined;
      if (!isBlank(f.percent)) {
        percent = parseNumber(f.percent);
        if (percent === undefined)
          bad('DUBAN_PROGRESS_NOT_A_NUMBER', 'percent', `percent is not a number: ${text(f.percent)}`);
        else if (percent < 0 || percent > 100)
          bad('DUBAN_PROGRESS_PERCENT_RANGE', 'percent', `percent ${percent} is outside 0–100`);
      }

      // State
      let state = parseState(f.state);
      if (!isBlank(f.state) && !state)
        bad('DUBAN_PROGRESS_BAD_STATE', 'state', `unknown state ${text(f.state)}; use 推进中, 已完成 or 受阻`);

      // Indicator values
      const values: Record<string, number> = {};
      const pairs: { key: string; value: CellValue; at: RowField | RawCell }[] = [];
      for (const v of row.indicatorValues ?? [])
        if (!isBlank(v.cell.value)) pairs.push({ key: v.key, value: v.cell.value, at: v.cell });
      if (!isBlank(f.values)) {
        const split = splitValues(f.values);
        if (!split)
          bad(
            'DUBAN_PROGRESS_BAD_VALUES',
            'values',
            `cannot read indicator values ${text(f.values)}; write KEY=VALUE;KEY=VALUE, e.g. 1=3000;2=12`,
          );
        else for (const p of split) pairs.push({ key: p.key, value: p.value, at: 'values' });
      }
      for (const p of pairs) {
        const ind = entry?.indicators.get(p.key);
        if (entry && !ind) {
          const keys = entry.task.indicators.map((i) => `${i.key}=${i.metric}`).join('; ');
          bad(
            'DUBAN_PROGRESS_UNKNOWN_INDICATOR',
            p.at,
            `task ${entry.task.number} has no indicator ${p.key}${keys ? ` (indicators: ${keys})` : ' (it has no indicators)'}`,
          );
          continue;
        }
        const n = parseNumber(p.value);
        if (n === undefined)
          bad('DUBAN_PROGRESS_NOT_A_NUMBER', p.at, `value of indicator ${p.key} is not a number: ${text(p.value)}`);
        else if (ind) values[ind.key] = n;
      }

      const progress = text(f.progress);
      if (!problems.length && percent === undefined && !state && !pairs.length && !progress) {
        bad(
          'DUBAN_PROGRESS_EMPTY_REPORT',
          row.columns.percent ? 'percent' : 'task',
          'row reports nothing: give a percent, indicator values, a state or 进展情况',
        );
      }
      if (problems.length || !entry || !unit || !date) {
        errors.push(...problems);
        return;
      }
      state ??= percent === 100 ? 'done' : 'in_progress';
      const report: ProgressReport = {
        task: entry.task.number,
        unit,
        date,
        values,
        state,
        progress,
        problems: text(f.problems),
        nextSteps: text(f.nextSteps),
        evidence: splitList(f.evidence),
        source: sourceOf(row.where, sources),
      };
      if (percent !== undefined) report.percent = percent;
      // Two different rows for one (task, unit, date) in one batch: which wins would be arbitrary.
      // A numeric key: hashing 100k concatenated strings was the validator's largest cost.
      const key = (report.task * 65536 + idOf(unitIds, unit)) * 1024 + idOf(dayIds, date);
      const prior = seen.get(key);
      if (prior) {
        // Compare content only on a collision, which is rare: stringify is the costly part.
        if (content(value[prior.index]!) !== content(report)) {
          errors.push({
            code: 'DUBAN_PROGRESS_DUPLICATE_ROW',
            message: `second, different report for task ${report.task}, ${unit}, ${date} (first at row ${prior.row}); keep one`,
            where: { ...row.where, column: row.columns.date ?? 'date' },
          });
        }
        return;
      }
      seen.set(key, { index: value.length, row: row.where.row });
      value.push(report);
    };
    return { add, finish: () => ({ value: errors.length ? undefined : value, warnings: [], errors }) };
  };
  const validate = (rows: Iterable<ProgressRow>) => {
    const s = session();
    for (const r of rows) s.add(r);
    return s.finish();
  };
  return Object.assign(validate, { session });
}

function idOf(ids: Map<string, number>, s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}

function content(r: ProgressReport): string {
  return JSON.stringify({ ...r, source: undefined });
}

function sourceOf(where: ProgressRow['where'], cache: Map<string, string>): string {
  let prefix = cache.get(where.file + '\u0000' + (where.sheet ?? ''));
  if (prefix === undefined) {
    prefix = (where.file.split(/[\\/]/).pop() ?? where.file) + (where.sheet ? `#${where.sheet}` : '');
    cache.set(where.file + '\u0000' + (where.sheet ?? ''), prefix);
  }
  return `${prefix}!row ${where.row}`;
}

/** Validates rows against the plan: every bad cell is a Problem; `value` only when there are none. */
export function validateProgressRows(rows: Iterable<ProgressRow>, ctx: ValidationContext): Validated<ProgressReport[]> {
  return createProgressValidator(ctx)(rows);
}
