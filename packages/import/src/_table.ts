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
}

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
  while (out.length && out[out.length - 1]![0] === out[out.length - 1]![1] && /^[\s|｜]*$/.test(line.slice(out[out.length - 1]![0]))) out.pop();
  return out;
}

function trimmed(line: string, s: number, e: number): Cell {
  while (s < e && /\s/.test(line[s]!)) s++;
  while (e > s && /\s/.test(line[e - 1]!)) e--;
  return [s, e];
}

const HEADS: Array<[keyof TableColumns, RegExp]> = [
  ['number', /^(?:序号|编号)$/],
  ['text', /(?:任务|工作|内容|事项|目标)/],
  ['lead', /^(?:牵头单位|牵头部门|主责单位)$/],
  ['co', /^(?:配合单位|配合部门|协同责任单位|协同单位|协办单位|参与单位)$/],
  ['plain', /^(?:责任单位|责任部门|实施单位|承办单位)$/],
  ['leader', /^(?:责任领导|分管领导|牵头负责领导|牵头领导|包抓领导|联系领导)$/],
  ['deadline', /^(?:完成时限|完成时间|时限要求|时间要求|时间节点|时限)$/],
];

/** Reads a header row (序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限); null when the line is not one. */
export function tableHeader(line: string): TableColumns | null {
  const cells = cellsOf(line);
  if (cells.length < 3) return null;
  const found: Partial<TableColumns> = {};
  cells.forEach(([s, e], i) => {
    const name = line.slice(s, e).replace(/\s/g, '');
    // Unit and leader columns first: 牵头单位 must not be taken for the task text column.
    const hit = HEADS.slice(2).find(([, re]) => re.test(name)) ?? HEADS.slice(0, 2).find(([, re]) => re.test(name));
    if (hit && found[hit[0]] === undefined) found[hit[0]] = i;
  });
  if (found.number === undefined || found.text === undefined) return null;
  if (found.lead === undefined && found.plain === undefined) return null;
  return found as TableColumns;
}
