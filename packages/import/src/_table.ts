/**
 * Task tables copied out of Word or Excel (附件：重点任务分解表) arrive as one row per
 * line, cells separated by tabs, runs of spaces or bars. A header row names the columns.
 */

/** Which cell holds what; indexes into a row's cells. */
export interface TableColumns {
  number: number;
  text: number;
  lead?: number;
  co?: number;
  plain?: number;
  leader?: number;
  deadline?: number;
  /** A 目标任务 column holding the figure. */
  target?: number;
}

import { columnRole, isTaskTable } from './_columns.js';

/** A cell's offsets within its line. */
export type Cell = readonly [start: number, end: number];

/** Cells of a line, as offsets, empty cells kept: tabs, else bars, else runs of 2+ spaces separate them. */
export function cellsOf(line: string): Cell[] {
  const sep = line.includes('\t') ? /\t/g : /[|｜]/.test(line) ? /[|｜]/g : /[ \u3000]{2,}/g;
  const out: Cell[] = [];
  let from = 0;
  for (let m = sep.exec(line); m; m = sep.exec(line)) {
    out.push(trimmed(line, from, m.index));
    from = m.index + m[0].length;
  }
  out.push(trimmed(line, from, line.length));
  // Indentation and a bar table's outer bars leave empty cells at the ends.
  while (out.length && out[0]![0] === out[0]![1] && /^[\s|｜]*$/.test(line.slice(0, out[0]![1]))) out.shift();
  while (
    out.length &&
    out[out.length - 1]![0] === out[out.length - 1]![1] &&
    /^[\s|｜]*$/.test(line.slice(out[out.length - 1]![0]))
  )
    out.pop();
  return out;
}

function trimmed(line: string, s: number, e: number): Cell {
  while (s < e && /\s/.test(line[s]!)) s++;
  while (e > s && /\s/.test(line[e - 1]!)) e--;
  return [s, e];
}

/** Reads a header row (序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 …, any wording of the roles); null when the line is not one. */
export function tableHeader(line: string): TableColumns | null {
  const cells = cellsOf(line);
  if (cells.length < 3) return null;
  const roles = cells.map(([s, e]) => columnRole(line.slice(s, e)));
  if (!isTaskTable(roles)) return null;
  const found: Partial<TableColumns> = {};
  roles.forEach((role, i) => {
    if (role && role !== 'other' && found[role] === undefined) found[role] = i;
  });
  return found as TableColumns;
}
