/**
 * Task tables flattened to one cell per line: what copying a web-page or PDF table
 * gives (序号 / 民生实事 / 责任单位 / 完成时限 each on a line, then the rows). Rows are
 * found by their numbers; cells are matched to columns by what they look like (a unit
 * list, a person, a deadline, a figure, prose), because cells wrap over several lines,
 * merged cells go missing and a row may carry a second sub-item after its deadline.
 */

import { splitList } from './_assign.js';
import { type ColumnRole, columnRole, isTaskTable } from './_columns.js';
import { type DeadlineRules, resolveDeadline, scanDeadlines } from './_deadline.js';
import { trimAll, widen } from './_text.js';
import { looksLikeGroup } from './_units.js';

/** One row: its number, the lines it spans and its cell texts per column role. */
export interface FlatRow {
  number: number;
  lines: number[];
  /** Cell texts by role, in order; several cells may share a role (wrapped units, a second deadline). */
  fields: Partial<Record<ColumnRole, string[]>>;
}

/** A flattened table: the lines it covers and its rows. */
export interface FlatTable {
  consumed: Set<number>;
  rows: FlatRow[];
}

/** Cells of one line: `a |`, `||`, or a bare line (one cell). */
function cellsOfLine(line: string): string[] {
  if (!/[|｜]/.test(line)) return [trimAll(line)];
  const parts = line.split(/[|｜]/).map(trimAll);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const NUMBER = /^\d{1,4}$/;
const UNIT_END =
  /(?:局|委|办|处|室|厅|部|中心|政府|公司|街道|镇|乡|所|站|队|院|会|社|行|组|团|联|集团|海关|分局|管委会|指挥部|办公室|开发区|园区|高新区|示范区|新区|风景区|保护区|试验区)$/;
const PERSON = /^[\u4e00-\u9fa5]{2,3}(?:、[\u4e00-\u9fa5]{2,3})*$/;
const STOP = /^(?:分享到|扫一扫|打印|关闭|上一篇|下一篇|附件\d*[：:]?$)/;

type Kind = 'empty' | 'number' | 'units' | 'person' | 'deadline' | 'figure' | 'prose' | 'short';

function kindOf(cell: string, year: number, rules: DeadlineRules): Kind {
  const c = cell.replace(/\s/g, '');
  if (!c) return 'empty';
  if (NUMBER.test(c)) return 'number';
  const w = widen(c);
  if (
    c.length <= 24 &&
    !c.includes('。') &&
    (resolveDeadline(w, year, rules) ||
      scanDeadlines(w, year, rules).length ||
      /^\d{1,2}月|年底|年内|长期|持续|季度/.test(c))
  )
    return 'deadline';
  if (/^\d+(?:\.\d+)?[^\d\s。、，]{0,4}$/.test(c)) return 'figure';
  const names = splitList(w);
  if (
    !c.includes('。') &&
    names.length &&
    names.every((n) => UNIT_END.test(n.replace(/[<（(][^>）)]*[>）)]$/, '')) || looksLikeGroup(n))
  )
    return 'units';
  if (PERSON.test(c) && !UNIT_END.test(c)) return 'person';
  if (/^\d+(?:\.\d+)?[^\d\s。]{0,4}$/.test(c)) return 'figure';
  return c.includes('。') || c.length > 12 ? 'prose' : 'short';
}

const SCORE: Record<ColumnRole, Partial<Record<Kind, number>>> = {
  number: { number: 5 },
  text: { prose: 3, short: 1, units: -3, person: -3, deadline: -2, number: -2, figure: -1, empty: -1 },
  lead: { units: 4, empty: 0, short: -1, person: -4, prose: -5, number: -4, deadline: -3, figure: -4 },
  co: { units: 4, empty: 0, short: -1, person: -4, prose: -5, number: -4, deadline: -3, figure: -4 },
  plain: { units: 4, empty: 0, short: -1, person: -4, prose: -5, number: -4, deadline: -3, figure: -4 },
  leader: { person: 4, empty: 0, units: -4, short: -3, prose: -4, number: -4, deadline: -4, figure: -4 },
  deadline: { deadline: 4, empty: 0, short: -3, prose: -3, units: -4, person: -4, number: -3, figure: -3 },
  target: { figure: 3, number: 3, empty: 0, short: -1, prose: -1, units: -3, person: -3, deadline: -2 },
  other: { units: -1, person: -1 },
};
// A second cell in the same column: natural for wrapped prose and unit lists, rare elsewhere.
const AGAIN: Record<ColumnRole, number> = {
  number: -9,
  text: -0.5,
  lead: -1.5,
  co: -0.5,
  plain: -0.5,
  leader: -3,
  deadline: -3,
  target: -4,
  other: -0.5,
};
const SECOND_ROUND = -3;

/** Best monotone assignment of cells to columns (a second pass over the columns is allowed once: a row's sub-item). */
function align(cells: Kind[], roles: ColumnRole[]): number[] {
  const cols = [...roles, ...roles.slice(1)];
  const n = cells.length;
  const m = cols.length;
  // best[i][j]: best score with cells[0..i] placed and cell i in column j.
  const best: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(-Infinity));
  const from: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(-1));
  best[0]![0] = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < m; j++) {
      const role = cols[j]!;
      const s = SCORE[role][cells[i]!] ?? 0;
      for (let k = 0; k <= j; k++) {
        const prev = best[i - 1]![k]!;
        if (prev === -Infinity) continue;
        const round2 = k < roles.length && j >= roles.length;
        // A second sub-item starts only after the first one's deadline (…12月底前 / 开工建设老年大学。/ 12月底前).
        if (round2 && cols[k] !== 'deadline') continue;
        const v = prev + s + (k === j ? AGAIN[role] : 0) + (round2 ? SECOND_ROUND : 0);
        if (v > best[i]![j]!) {
          best[i]![j] = v;
          from[i]![j] = k;
        }
      }
    }
  }
  let j = best[n - 1]!.indexOf(Math.max(...best[n - 1]!));
  const out = new Array<number>(n).fill(0);
  for (let i = n - 1; i > 0; i--) {
    out[i] = j;
    j = from[i]![j]!;
  }
  return out.map((c) => (c >= roles.length ? c - roles.length + 1 : c));
}

interface Cell {
  text: string;
  line: number;
}

/** Fields of one row from its cells (the first is the number), matched to the column roles by kind. */
function rowFields(cells: Cell[], roles: ColumnRole[], year: number, rules: DeadlineRules): FlatRow['fields'] {
  const placed = align(
    cells.map((c) => kindOf(c.text, year, rules)),
    roles,
  );
  const fields: FlatRow['fields'] = {};
  cells.forEach((c, x) => {
    if (x === 0 || !c.text) return;
    (fields[roles[placed[x]!]!] ??= []).push(c.text);
  });
  return fields;
}

/**
 * Tables aligned with single spaces, one row per line: "序号 工作任务 牵头单位 完成时限" then
 * "1 加快…建设 市交通局 12月底前". A unit list written with spaces ("市发改委 市财政局") gives more
 * words than columns; the words are matched to the columns by kind, like flattened cells.
 */
export function findSpacedTables(lines: string[], year: number, rules: DeadlineRules): FlatTable[] {
  const out: FlatTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = trimAll(lines[i]!);
    if (/\t|[|｜]|[ \u3000]{2,}/.test(line)) continue;
    const words = line.split(/[ \u3000]+/);
    if (words.length < 3 || columnRole(words[0]!) !== 'number') continue;
    const roles = words.map((w) => columnRole(w) ?? 'other');
    if (!isTaskTable(roles)) continue;
    const table: FlatTable = { consumed: new Set([i + 1]), rows: [] };
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = trimAll(lines[j]!);
      if (!l) continue;
      const cells = l.split(/[ \u3000]+/);
      const n = NUMBER.test(cells[0]!) ? Number(cells[0]) : NaN;
      const last = table.rows[table.rows.length - 1];
      if (Number.isNaN(n) || (last && n !== last.number + 1) || cells.length < 2) break;
      table.consumed.add(j + 1);
      table.rows.push({
        number: n,
        lines: [j + 1],
        fields: rowFields(
          cells.map((text) => ({ text, line: j + 1 })),
          roles,
          year,
          rules,
        ),
      });
    }
    if (table.rows.length) out.push(table);
    i = j - 1;
  }
  return out;
}

/** Finds flattened task tables in the lines (1-based line numbers in the result). */
export function findFlatTables(lines: string[], year: number, rules: DeadlineRules): FlatTable[] {
  const out: FlatTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = cellsOfLine(lines[i]!);
    if (first.length !== 1 || columnRole(first[0]!) !== 'number') continue;
    // Header cells follow, one per line, until the first row number.
    const headers: string[] = [];
    let j = i + 1;
    for (; j < lines.length && headers.length < 16; j++) {
      const cs = cellsOfLine(lines[j]!).filter((c) => c !== '');
      if (!cs.length) continue;
      if (cs.length === 1 && NUMBER.test(cs[0]!)) break;
      headers.push(...cs);
    }
    const roles = ['number' as ColumnRole, ...headers.map((h) => columnRole(h) ?? 'other')];
    if (headers.length < 2 || j >= lines.length || !isTaskTable(roles)) continue;
    const table: FlatTable = { consumed: new Set(), rows: [] };
    for (let k = i; k < j; k++) table.consumed.add(k + 1);
    let row: { number: number; cells: Cell[] } | undefined;
    const finish = () => {
      if (!row) return;
      table.rows.push({
        number: row.number,
        lines: [...new Set(row.cells.map((c) => c.line))],
        fields: rowFields(row.cells, roles, year, rules),
      });
    };
    for (; j < lines.length; j++) {
      const raw = trimAll(lines[j]!);
      if (!raw) continue;
      if (STOP.test(raw)) break;
      for (const text of cellsOfLine(lines[j]!)) {
        const n = NUMBER.test(text) ? Number(text) : NaN;
        // A row starts at its number: the first, or the one after the current row's (a figure cell of the same value is rare).
        if (!Number.isNaN(n) && (!row ? true : n === row.number + 1 && row.cells.length > 2)) {
          finish();
          row = { number: n, cells: [{ text, line: j + 1 }] };
        } else if (row) row.cells.push({ text, line: j + 1 });
      }
      table.consumed.add(j + 1);
    }
    finish();
    if (table.rows.length) out.push(table);
    i = j;
  }
  return out;
}
