/**
 * Writes a unit's intake workbook: exactly the tasks it is assigned to, with
 * read-only context columns, validated input cells, an instructions sheet and a
 * very-hidden metadata sheet so an import can check plan version and unit.
 */
import type { Plan, ProgressReport, Task } from '@duban/core';
import { roleLabels, stateLabels } from '@duban/core';
import { bindingOf } from './_binding.js';
import { helpLines } from './_help.js';
import { colOf, HEADER_ROW, HELP_SHEET, INPUT_SHEET, LAYOUT, letter, META_SHEET, TEMPLATE_FORMAT } from './_layout.js';
import { tasksOfUnit } from './_units.js';

/** What a template is made from. */
export interface TemplateInput {
  plan: Plan;
  planVersion: number;
  /** Canonical unit name (or an unexpanded group's name). */
  unit: string;
  /** The unit's earlier reports (any order); the latest per task fills 上次填报. */
  previous?: readonly ProgressReport[];
  /** Document creation date; fixed for reproducible sample files, else now. */
  fixedDate?: Date;
  /** The office key: binds the workbook to its unit and plan version (see `bindingOf`). */
  officeKey?: Uint8Array;
}

const CMP = { ge: '≥', le: '≤', eq: '=' } as const;
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const INPUT = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;

/** Builds the workbook for one unit and returns it as xlsx bytes. */
export async function buildTemplate(input: TemplateInput): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { plan, planVersion, unit } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duban';
  if (input.fixedDate) wb.created = wb.modified = input.fixedDate;
  wb.title = `${plan.year}年重点任务进展填报表（${unit}）`;
  const ws = wb.addWorksheet(INPUT_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }] });
  const last = latestByTask(input.previous ?? []);
  const width = LAYOUT.length;

  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = `${plan.year}年《政府工作报告》重点任务进展填报表`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value =
    `填报单位：${unit}　　依据：${plan.docNumber ?? plan.title}（方案第${planVersion}版）　　只填黄色单元格，填写方法见“${HELP_SHEET}”`;
  LAYOUT.forEach((c, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = c.input ? INPUT : GREY;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    ws.getColumn(i + 1).width = c.width;
  });

  let r = HEADER_ROW + 1;
  tasksOfUnit(plan, unit).forEach(({ task, role }, i) => {
    const first = r;
    const inds = task.indicators.length ? task.indicators : [undefined];
    const prev = last.get(task.number);
    for (const ind of inds) {
      const row = ws.getRow(r);
      if (ind) {
        row.getCell(colOf('indicatorKey')).value = ind.key;
        row.getCell(colOf('indicator')).value = ind.metric || ind.text;
        row.getCell(colOf('target')).value = `${CMP[ind.comparator]}${ind.value}`;
        row.getCell(colOf('measure')).value = ind.unit;
        const lv = prev?.values[ind.key];
        if (lv !== undefined) row.getCell(colOf('lastValue')).value = lv;
      }
      r++;
    }
    const top = ws.getRow(first);
    top.getCell(colOf('seq')).value = i + 1;
    top.getCell(colOf('task')).value = task.number;
    top.getCell(colOf('title')).value = task.title;
    top.getCell(colOf('role')).value = roleLabels[role];
    top.getCell(colOf('deadline')).value = task.deadline.phrase
      ? `${task.deadline.phrase}（${task.deadline.date}）`
      : task.deadline.date;
    if (prev)
      top.getCell(colOf('last')).value =
        `${prev.date} ${prev.percent !== undefined ? prev.percent + '% ' : ''}${stateLabels[prev.state]}`;
    styleTask(ws, first, r - 1, task, plan.year);
  });

  // Protect the sheet so only the yellow cells can be typed into; no password, it guards against slips.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    spinCount: 1,
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 100;
  helpLines(unit, plan.year).forEach((line, i) => {
    const c = help.getCell(i + 1, 1);
    c.value = line;
    c.alignment = { wrapText: true };
    if (i === 0) c.font = { bold: true, size: 14 };
  });

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', TEMPLATE_FORMAT],
    ['planVersion', planVersion],
    ['unit', unit],
    ['planDigest', plan.sourceDigest],
    ['year', plan.year],
    ...(input.officeKey
      ? [['binding', bindingOf(input.officeKey, { planVersion, planDigest: plan.sourceDigest, unit })]]
      : []),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Sheet = import('exceljs').Worksheet;

function styleTask(ws: Sheet, top: number, bottom: number, task: Task, year: number): void {
  for (const [i, c] of LAYOUT.entries()) {
    const col = i + 1;
    if (c.perTask && bottom > top) ws.mergeCells(top, col, bottom, col);
    for (let r = top; r <= (c.perTask ? top : bottom); r++) {
      const cell = ws.getCell(r, col);
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      cell.alignment = { vertical: 'middle', wrapText: true };
      const open = c.input && (c.key !== 'value' || task.indicators.length > 0);
      if (!open) {
        cell.fill = GREY;
        continue;
      }
      cell.fill = INPUT;
      cell.protection = { locked: false };
      // Set here, not when filling: a loaded workbook shares style objects between cells.
      if (c.key === 'date') cell.numFmt = 'yyyy-mm-dd';
      cell.dataValidation = validationFor(c.key, year) ?? {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [2000],
        allowBlank: true,
      };
    }
  }
}

function validationFor(key: string, year: number): import('exceljs').DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, errorTitle: '填写有误' } as const;
  switch (key) {
    case 'value':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        error: '本期实际值请填数字（不带单位）',
        promptTitle: '本期实际值',
        prompt: '填数字，单位见“计量单位”列',
      };
    case 'percent':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        error: '完成百分比请填 0 到 100 之间的数字',
        promptTitle: '完成百分比',
        prompt: '0–100，如 45 表示完成45%',
      };
    case 'state':
      return {
        ...common,
        type: 'list',
        formulae: [`"${['推进中', '已完成', '受阻'].join(',')}"`],
        error: '请从下拉列表选择：推进中、已完成、受阻',
      };
    case 'date':
      return {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31))],
        error: `填报日期须在${year}年内，如 ${year}-03-31`,
        promptTitle: '填报日期',
        prompt: `如 ${year}-03-31`,
      };
    default:
      return undefined;
  }
}

function latestByTask(reports: readonly ProgressReport[]): Map<number, ProgressReport> {
  const out = new Map<number, ProgressReport>();
  for (const r of reports) {
    const p = out.get(r.task);
    if (!p || r.date >= p.date) out.set(r.task, r);
  }
  return out;
}

/** Column letter of the per-indicator input column (for tests and docs). */
export const VALUE_COLUMN = letter(colOf('value'));
