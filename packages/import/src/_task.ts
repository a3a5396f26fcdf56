import type { Deadline, ImportWarning, Task } from '@duban/core';
import { assign, splitList } from './_assign.js';
import { resolveDeadline, scanDeadlines, yearEnd, type DeadlineRules } from './_deadline.js';
import { extractIndicators } from './_indicators.js';
import type { TaskBlock } from './_layout.js';
import { hasLabels, hasRoleVerb, parseLabelled, parseRoleSentence, type RoleInfo } from './_roles.js';
import type { Cell, TableColumns } from './_table.js';
import { trimAll } from './_text.js';
import { looksLikeGroup, looksLikeUnit, type UnitIndex } from './_units.js';

const INLINE_LABEL = /(?:牵头单位|责任单位|配合单位|实施单位|协同责任单位|责任领导|分管领导|牵头负责领导|部门分工|完成时限)：/;

/** What building a task needs besides its block. */
export interface TaskContext {
  raw: string[];
  wide: string[];
  year: number;
  rules: DeadlineRules;
  index: UnitIndex;
  /** Column map when the tasks come as table rows. */
  columns?: TableColumns;
}

/** Offset of the `（` that opens the parenthesis closing `wide` (ignoring a final 。), or -1. */
function trailingParen(wide: string): { open: number; close: number } {
  let close = wide.length - 1;
  while (close >= 0 && /[。\s；]/.test(wide[close]!)) close--;
  if (wide[close] !== '）') return { open: -1, close: -1 };
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (wide[i] === '）') depth++;
    else if (wide[i] === '（' && --depth === 0) return { open: i, close };
  }
  return { open: -1, close: -1 };
}

/** A parenthesis with no role word counts as a unit list only when every name is a known (or, without a directory, unit-like) name. */
function isPlainUnitList(inner: string, index: UnitIndex): boolean {
  const names = splitList(inner);
  const known = (n: string) => (index.hasDirectory ? index.resolve(n).kind !== 'unknown' : looksLikeUnit(n) || looksLikeGroup(n));
  return names.length > 0 && names.every(known);
}

/** The first clause of the text, capped so tables stay readable. */
function titleOf(text: string): string {
  const first = text.split(/[，。；：！？,;:!?]/)[0] ?? text;
  const t = trimAll(first);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** A task's text with its duties taken out, and what the duties said. */
interface Read {
  raw: string;
  wide: string;
  info: RoleInfo;
  warnings: ImportWarning[];
  dutyLine: number;
}

/** Text lines plus a duty parenthesis, inline labels or label lines. */
function readLines(block: TaskBlock, ctx: TaskContext): Read {
  const pieces = block.textLines.map((n, i) => {
    const from = i === 0 ? block.bodyStart : 0;
    return { line: n, raw: trimAll(ctx.raw[n - 1]!.slice(from)), wide: trimAll(ctx.wide[n - 1]!.slice(from)) };
  });
  const info: RoleInfo = { parts: [] };
  const warnings: ImportWarning[] = [];
  const last = block.textLines[block.textLines.length - 1]!;
  let dutyLine: number | undefined;
  // The duty parenthesis ends the task's text, or the line before numbered steps (（一）…（X牵头）\n1.…).
  for (let i = pieces.length - 1; i >= 0 && dutyLine === undefined; i--) {
    const p = pieces[i]!;
    const { open, close } = trailingParen(p.wide);
    if (open < 0) continue;
    const inner = p.wide.slice(open + 1, close);
    const known = hasLabels(inner) ? parseLabelled(inner, info) : hasRoleVerb(inner) || isPlainUnitList(inner, ctx.index) ? parseRoleSentence(inner, info) : null;
    if (known) {
      pieces[i] = { line: p.line, raw: trimAll(p.raw.slice(0, open) + p.raw.slice(close + 1)), wide: trimAll(p.wide.slice(0, open) + p.wide.slice(close + 1)) };
      dutyLine = p.line;
    } else if (i === pieces.length - 1 && !block.labelLines.length) {
      warnings.push({ code: 'DUBAN_IMPORT_UNPARSED_PARENTHESIS', message: `task ${block.number}: the parenthesis "${p.raw.slice(open, close + 1)}" names no units or roles; kept as text`, line: p.line });
    }
  }
  let raw = pieces.map((p) => p.raw).join('');
  let wide = pieces.map((p) => p.wide).join('');
  // Labels written inline after the text (…。牵头单位：X；责任单位：Y).
  const inline = dutyLine === undefined && !block.labelLines.length ? INLINE_LABEL.exec(wide) : null;
  if (inline && inline.index > 0) {
    parseLabelled(wide.slice(inline.index), info);
    raw = trimAll(raw.slice(0, inline.index));
    wide = trimAll(wide.slice(0, inline.index));
    dutyLine = last;
  }
  for (const n of block.labelLines) parseLabelled(trimAll(ctx.wide[n - 1]!), info);
  return { raw, wide, info, warnings, dutyLine: dutyLine ?? block.labelLines[0] ?? last };
}

/** One row of a task table: each column says what it holds. */
function readRow(block: TaskBlock, cells: Cell[], columns: TableColumns, ctx: TaskContext): Read {
  const line = block.textLines[0]!;
  const cell = (i: number | undefined) => {
    const c = i === undefined ? undefined : cells[i];
    return c ? { raw: ctx.raw[line - 1]!.slice(c[0], c[1]), wide: ctx.wide[line - 1]!.slice(c[0], c[1]) } : { raw: '', wide: '' };
  };
  const info: RoleInfo = { parts: [] };
  for (const kind of ['lead', 'co', 'plain'] as const) {
    const list = cell(columns[kind]).wide;
    if (list) parseRoleSentence(list, info);
    // A bare list in a 牵头单位 column is read as "plain" by the sentence parser; the column decides.
    const added = info.parts[info.parts.length - 1];
    if (list && added && added.kind === 'plain' && kind !== 'plain' && !/[（<]牵头/.test(list)) added.kind = kind;
  }
  const leader = cell(columns.leader).raw;
  if (leader) info.leader = leader;
  const deadline = cell(columns.deadline).wide;
  if (deadline) info.deadline = deadline;
  const text = cell(columns.text);
  return { raw: text.raw, wide: text.wide, info, warnings: [], dutyLine: line };
}

/** Builds one Task from its block: text, title, assignments, indicators, deadline, leader. */
export function buildTask(block: TaskBlock, ctx: TaskContext): { task: Omit<Task, 'section'>; warnings: ImportWarning[] } {
  const first = block.textLines[0]!;
  const last = block.textLines[block.textLines.length - 1]!;
  const { raw, wide, info, warnings, dutyLine } = block.cells && ctx.columns ? readRow(block, block.cells, ctx.columns, ctx) : readLines(block, ctx);
  const { assignments, warnings: unitWarnings } = assign(info, ctx.index, dutyLine);
  warnings.push(...unitWarnings);
  if (!assignments.length) warnings.push({ code: 'DUBAN_IMPORT_NO_ASSIGNMENT', message: `task ${block.number} names no responsible unit`, line: first });
  const task: Omit<Task, 'section'> = {
    number: block.number,
    text: raw,
    title: titleOf(raw),
    source: { startLine: first, endLine: Math.max(last, ...block.labelLines) },
    assignments,
    indicators: extractIndicators(raw, wide, ctx.year, ctx.rules),
    deadline: deadlineOf(wide, info.deadline, ctx),
  };
  if (info.leader) task.leader = info.leader;
  return { task, warnings };
}

/** 完成时限 when given; else the latest phrase in the text (the task ends when its last part does); else year end. */
function deadlineOf(wide: string, stated: string | undefined, ctx: TaskContext): Deadline {
  if (stated) return resolveDeadline(stated, ctx.year, ctx.rules) ?? { phrase: stated, date: yearEnd(ctx.year).date };
  const found = scanDeadlines(wide, ctx.year, ctx.rules);
  if (!found.length) return yearEnd(ctx.year);
  const latest = found.reduce((a, b) => (b.date > a.date ? b : a));
  return { phrase: latest.phrase, date: latest.date };
}
