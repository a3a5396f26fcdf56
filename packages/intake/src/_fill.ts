/**
 * Fills an intake workbook with reports, the way a unit's clerk would: typing
 * into the yellow cells of each task's rows. Used for sample workbooks.
 */
import type { ProgressReport } from '@duban/core';
import { stateLabels } from '@duban/core';
import { colOf, HEADER_ROW, INPUT_SHEET } from './_layout.js';

/** Returns a copy of template bytes with each report typed into its task's rows. */
export async function fillTemplate(
  template: Uint8Array,
  reports: readonly ProgressReport[],
  options: { fixedDate?: Date } = {},
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(INPUT_SHEET);
  if (!ws) throw new Error(`not an intake workbook: no sheet ${INPUT_SHEET}`);
  const byTask = new Map(reports.map((r) => [r.task, r]));
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const taskCell = row.getCell(colOf('task'));
    const report = byTask.get(Number(taskCell.value));
    if (!report) continue;
    const key = row.getCell(colOf('indicatorKey')).value;
    if (key !== null && key !== undefined && report.values[String(key)] !== undefined)
      row.getCell(colOf('value')).value = report.values[String(key)]!;
    if (taskCell.isMerged && taskCell.master.address !== taskCell.address) continue;
    if (report.percent !== undefined) row.getCell(colOf('percent')).value = report.percent;
    row.getCell(colOf('state')).value = stateLabels[report.state];
    row.getCell(colOf('progress')).value = report.progress;
    row.getCell(colOf('problems')).value = report.problems;
    row.getCell(colOf('nextSteps')).value = report.nextSteps;
    row.getCell(colOf('date')).value = new Date(`${report.date}T00:00:00Z`);
    row.getCell(colOf('evidence')).value = report.evidence.join(';');
  }
  if (options.fixedDate) {
    // Fixed document dates keep generated sample workbooks stable between runs.
    wb.created = options.fixedDate;
    wb.modified = options.fixedDate;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
