import type { Deadline, ImportWarning, Indicator, ReviewNote, Task } from '@duban/core';
import { assign } from './_assign.js';
import { type DeadlineRules, defaultDeadlineRules, resolveDeadline, scanDeadlines, yearEnd } from './_deadline.js';
import { isPlainUnitList, takeInnerDuties, takeTimeClauses, trailingParen } from './_duties.js';
import { extractIndicators } from './_indicators.js';
import type { TaskBlock } from './_layout.js';
import { hasLabels, hasRoleVerb, parseLabelled, parseRoleSentence, type RoleInfo } from './_roles.js';
import type { Cell, TableColumns } from './_table.js';
import { trimAll, widen } from './_text.js';
import type { UnitIndex } from './_units.js';

const INLINE_LABEL =
  /(?:牵头单位|责任单位|配合单位|实施单位|协同责任单位|责任领导|分管领导|牵头负责领导|部门分工|完成时限)：/;

/** What building a task needs besides its block. */
export interface TaskContext {
  raw: string[];
  wide: string[];
  year: number;
  rules: DeadlineRules;
  index: UnitIndex;
  /** Column map when the tasks come as table rows. */
  columns?: TableColumns;
  /** The notice says once that the first listed unit leads (列第一位者为牵头单位，下同). */
  firstLeads?: boolean;
}

/**
 * A substantive title: the first clause of the text, never cut mid-phrase and
 * never with “…”. A clause over 40 characters is shortened only where it joins
 * two things (以及, 并, 同时 …) and the first already reads as a task; else it is
 * kept whole and wraps where it is printed.
 */
export function titleOf(text: string): string {
  const first = text.split(/[，。；：！？,;:!?]/)[0] ?? text;
  const t = trimAll(first);
  if (t.length <= 40) return t;
  const join = /以及|并且|同时|并/gu;
  let cut = -1;
  for (const m of t.matchAll(join)) if (m.index! >= 8 && m.index! <= 40) cut = m.index!;
  return cut > 0 ? t.slice(0, cut) : t;
}

/** A task's text with its duties taken out, and what the duties said. */
interface Read {
  /** The 目标任务 cell of a table row. */
  target?: string;
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
  // Duties of one sentence each, before the text goes on (…环境。（市场监管总局负责）加强…（体育总局负责）).
  for (let i = 0; i < pieces.length; i++) {
    const cut = takeInnerDuties(pieces[i]!, info, ctx);
    if (cut) {
      pieces[i] = { ...pieces[i]!, ...cut };
      dutyLine ??= pieces[i]!.line;
    }
  }
  const inner = dutyLine;
  dutyLine = undefined;
  // The duty parenthesis ends the task's text, or the line before numbered steps (（一）…（X牵头）\n1.…).
  for (let i = pieces.length - 1; i >= 0 && dutyLine === undefined; i--) {
    const p = pieces[i]!;
    const { open, close } = trailingParen(p.wide);
    if (open < 0) continue;
    const inner = p.wide.slice(open + 1, close);
    const known = hasLabels(inner)
      ? parseLabelled(inner, info)
      : hasRoleVerb(inner) || isPlainUnitList(inner, ctx.index)
        ? parseRoleSentence(takeTimeClauses(inner, info, ctx), info)
        : null;
    if (known) {
      pieces[i] = {
        line: p.line,
        raw: trimAll(p.raw.slice(0, open) + p.raw.slice(close + 1)),
        wide: trimAll(p.wide.slice(0, open) + p.wide.slice(close + 1)),
      };
      dutyLine = p.line;
    } else if (i === pieces.length - 1 && !block.labelLines.length) {
      warnings.push({
        code: 'DUBAN_IMPORT_UNPARSED_PARENTHESIS',
        message: `task ${block.number}: the parenthesis "${p.raw.slice(open, close + 1)}" names no units or roles; kept as text`,
        line: p.line,
      });
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
  return { raw, wide, info, warnings, dutyLine: dutyLine ?? inner ?? block.labelLines[0] ?? last };
}

/** One row of a task table: each column says what it holds. */
function readRow(block: TaskBlock, cells: Cell[], columns: TableColumns, ctx: TaskContext): Read {
  const line = block.textLines[0]!;
  const cell = (i: number | undefined) => {
    const c = i === undefined ? undefined : cells[i];
    return c
      ? { raw: ctx.raw[line - 1]!.slice(c[0], c[1]), wide: ctx.wide[line - 1]!.slice(c[0], c[1]) }
      : { raw: '', wide: '' };
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
  const target = cell(columns.target).raw;
  return { raw: text.raw, wide: text.wide, info, warnings: [], dutyLine: line, ...(target ? { target } : {}) };
}

/** A row of a flattened table: cell texts by role (see _flat.ts). */
function readFields(
  block: TaskBlock,
  fields: NonNullable<TaskBlock['fields']>,
): Read & { extra: Indicator[]; deadlines: string[] } {
  const info: RoleInfo = { parts: [] };
  for (const kind of ['lead', 'co', 'plain'] as const) {
    const list = (fields[kind] ?? []).map(widen).join('、');
    if (!list) continue;
    const before = info.parts.length;
    parseRoleSentence(list, info);
    for (const p of info.parts.slice(before)) if (p.kind === 'plain' && kind !== 'plain') p.kind = kind;
  }
  if (fields.leader?.length) info.leader = fields.leader.join('、');
  const raw = (fields.text ?? []).join('');
  const extra: Indicator[] = [];
  for (const t of fields.target ?? []) {
    const bare = /^\d+(?:\.\d+)?$/.exec(t.trim());
    if (bare) extra.push({ key: '', text: t.trim(), metric: raw, value: Number(bare[0]), unit: '', comparator: 'ge' });
    else
      extra.push(
        ...extractIndicators(t, widen(t), 2000, defaultDeadlineRules).map((i) => ({ ...i, metric: i.metric || raw })),
      );
  }
  return {
    raw,
    wide: widen(raw),
    info,
    warnings: [],
    dutyLine: block.textLines[0]!,
    extra,
    deadlines: (fields.deadline ?? []).map(widen),
  };
}

/** Builds one Task from its block: text, title, assignments, indicators, deadline, leader. */
export function buildTask(
  block: TaskBlock,
  ctx: TaskContext,
): { task: Omit<Task, 'section'>; warnings: ImportWarning[] } {
  const first = block.textLines[0]!;
  const last = block.textLines[block.textLines.length - 1]!;
  const flat = block.fields ? readFields(block, block.fields) : undefined;
  const read =
    flat ?? (block.cells && ctx.columns ? readRow(block, block.cells, ctx.columns, ctx) : readLines(block, ctx));
  const { raw, wide, info, warnings, dutyLine } = read;
  if (flat?.deadlines.length) info.deadline = latestPhrase(flat.deadlines, ctx);
  const { assignments, warnings: unitWarnings } = assign(info, ctx.index, dutyLine, {
    firstLeads: ctx.firstLeads ?? false,
  });
  warnings.push(...unitWarnings);
  if (!assignments.length)
    warnings.push({
      code: 'DUBAN_IMPORT_NO_ASSIGNMENT',
      message: `task ${block.number} names no responsible unit`,
      line: first,
    });
  const task: Omit<Task, 'section'> = {
    number: block.number,
    text: raw,
    title: titleOf(raw),
    source: { startLine: first, endLine: Math.max(last, ...block.labelLines) },
    assignments,
    indicators: indicatorsOf(
      raw,
      wide,
      flat ?? (read.target ? readFields(block, { target: [read.target] }) : undefined),
      ctx,
    ),
    deadline: deadlineOf(wide, info.deadline, ctx),
  };
  if (info.leader) {
    task.leader = info.leader;
    task.leaders =
      info.leaders ??
      info.leader
        .split(/[、，；\s]+/)
        .filter(Boolean)
        .map((name) => ({ name }));
  }
  const review = reviewNotes(task, warnings, info.deadline, ctx);
  if (review.length) task.review = review;
  return { task, warnings };
}

const UNSURE = new Set([
  'DUBAN_IMPORT_UNKNOWN_UNIT',
  'DUBAN_IMPORT_AMBIGUOUS_UNIT',
  'DUBAN_IMPORT_NO_ASSIGNMENT',
  'DUBAN_IMPORT_UNPARSED_PARENTHESIS',
]);

/** What the office should check on this task: the unsure warnings, a deadline not understood, a lead taken from order. */
function reviewNotes(
  task: Omit<Task, 'section'>,
  warnings: ImportWarning[],
  stated: string | undefined,
  ctx: TaskContext,
): ReviewNote[] {
  const notes: ReviewNote[] = warnings
    .filter((w) => UNSURE.has(w.code))
    .map((w) => ({ code: w.code, message: w.message, ...(w.line ? { line: w.line } : {}) }));
  if (stated && !resolveDeadline(stated, ctx.year, ctx.rules)) {
    notes.push({
      code: 'DUBAN_IMPORT_DEADLINE_UNCLEAR',
      message: `deadline "${stated}" names no date; due at year end ${task.deadline.date}`,
      line: task.source.startLine,
    });
  }
  const byOrder = task.assignments.find((a) => a.byOrder);
  if (byOrder)
    notes.push({
      code: 'DUBAN_IMPORT_LEAD_BY_ORDER',
      message: `${byOrder.unit} leads because it is listed first (the notice's convention)`,
      line: task.source.startLine,
    });
  return notes;
}

/** Figures in the text, then those of a 目标任务 column, keyed in order. */
function indicatorsOf(
  raw: string,
  wide: string,
  flat: { extra: Indicator[] } | undefined,
  ctx: TaskContext,
): Indicator[] {
  const found = extractIndicators(raw, wide, ctx.year, ctx.rules);
  const all = [...found, ...(flat?.extra ?? [])];
  return all.map((ind, i) => ({ ...ind, key: String(i + 1) }));
}

/** The latest of several deadline cells (a row with two sub-items is done when its last one is). */
function latestPhrase(phrases: string[], ctx: TaskContext): string {
  let best = phrases[phrases.length - 1]!;
  let bestDate = '';
  for (const p of phrases) {
    const d = resolveDeadline(p, ctx.year, ctx.rules)?.date ?? scanDeadlines(p, ctx.year, ctx.rules).at(-1)?.date;
    if (d && d > bestDate) {
      best = p;
      bestDate = d;
    }
  }
  return best;
}

/** 完成时限 when given; else the latest phrase in the text (the task ends when its last part does); else year end. */
function deadlineOf(wide: string, stated: string | undefined, ctx: TaskContext): Deadline {
  if (stated) return resolveDeadline(stated, ctx.year, ctx.rules) ?? { phrase: stated, date: yearEnd(ctx.year).date };
  const found = scanDeadlines(wide, ctx.year, ctx.rules);
  if (!found.length) return yearEnd(ctx.year);
  const latest = found.reduce((a, b) => (b.date > a.date ? b : a));
  return { phrase: latest.phrase, date: latest.date };
}
