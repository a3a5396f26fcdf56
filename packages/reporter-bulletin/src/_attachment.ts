import type { JudgedTask, ReportContext } from '@duban/reporter-api';
import { excerpt, trimEnd } from './_text.js';

/** One table cell: lines of text, or unit names (each kept whole on a line), optionally spanning columns. */
export interface Cell {
  class: string;
  lines: string[];
  /** Unit names, each as the words it may break between (安康高新区 | 管委会): printed joined with 、; a word is kept whole (`nw`) unless it is wider than its column. */
  names?: { text: string; nw: boolean }[][];
  /** Joined after the names (分工负责). */
  suffix?: string;
  colspan?: number;
}

/** A column: header and width (percent of the table). */
export interface Column {
  label: string;
  width: string;
}

/** The attachment (附件): every task with its units, deadline, figure and verdict. */
export interface AttachmentModel {
  label: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Notes printed under the table (e.g. what the * on a deadline means). */
  notes: string[];
}

// Characters per table line at 五号 (10.5 pt) across the 156 mm type area (442 pt / 10.5 pt).
const LINE = 42;
// What a cell's padding (4 pt a side) and rule take, in characters.
const PAD = 1.2;
// Where a unit name may break when its column is narrower than the name: after a place or
// organisation word, before the kind of body (管委会, 政府, 公司 …) or a bracketed qualifier.
const NAME_BREAK =
  /(?<=^.+[区县市省])(?=[^区县市省）][^区县市省]+$)|(?=（)|(?<=）)|(?=(?:管委会|管理委员会|人民政府|政府|分公司|公司|中心支行|分行|支行|分局|工作处|办公室)$)/u;

/** A unit name as the words a line may break between; each word stays whole. */
export function nameWords(name: string): string[] {
  return name.split(NAME_BREAK).filter(Boolean);
}

/** Builds the attachment table; column widths follow the content so names, dates and 年底前 never break. */
export function attachment(ctx: Pick<ReportContext, 'tasks' | 'plan'>): AttachmentModel {
  const anyDefault = ctx.tasks.some((t) => t.deadline.yearEndDefault);
  // Short columns as wide as their longest word (a unit name's word, a deadline, a verdict), within bounds; the rest to the text.
  const longest = (words: readonly string[], min: number, max: number) =>
    Math.min(max, Math.max(min, ...words.map((s) => [...s].length)));
  const deadline = longest(ctx.tasks.map(deadlineText), 3, 5);
  const verdict = longest(
    ctx.tasks.map((t) => t.verdict.label),
    4,
    5,
  );
  // Unit columns as wide as the longest name up to 6 characters; longer names break between their words.
  const lead = longest(
    ctx.tasks.flatMap((t) => t.lead),
    4,
    6,
  );
  const others = longest(
    ctx.tasks.flatMap((t) => [...t.co, ...t.responsible]),
    4,
    6,
  );
  const rest = LINE - 7 * PAD - (2 + deadline + verdict + lead + others);
  const task = Math.max(6, Math.round(rest * 0.55));
  const progress = Math.max(6, rest - task);
  const widths = [2, task, lead, others, deadline, progress, verdict];
  const rows = ctx.tasks.map((t, i) => row(t, i + 1, progress, Math.min(lead, others)));
  const total = widths.reduce((a, b) => a + b + PAD, 0);
  const pct = (w: number) => `${(((w + PAD) / total) * 100).toFixed(2)}%`;
  const labels = ['序号', '重点任务', '牵头单位', '责任单位', '时限', '进展情况', '评价'];
  return {
    label: '附件',
    title: `${ctx.plan.year}年《政府工作报告》重点任务落实情况表`,
    columns: labels.map((label, i) => ({ label, width: pct(widths[i]!) })),
    rows,
    notes: anyDefault ? ['注：时限栏标“*”的任务，通知未明确完成时限，按年底前计。'] : [],
  };
}

/** The deadline as the table prints it: the notice's phrase, or the resolved date; * when it is the year-end default. */
export function deadlineText(t: Pick<JudgedTask, 'deadline'>): string {
  return `${t.deadline.text}${t.deadline.yearEndDefault ? '*' : ''}`;
}

function row(t: JudgedTask, index: number, progressWidth: number, unitWidth: number): Cell[] {
  const progress = [t.figure.text];
  // One or two lines of the unit's own words, cut only between clauses.
  const said = excerpt(t.narrative.progress, progressWidth * 2);
  if (said) progress.push(said);
  // A task with no lead never shows a 牵头单位: its responsible units span both unit columns, as the notice lists them.
  const words = (names: readonly string[]) =>
    names.map((n) => nameWords(n).map((w) => ({ text: w, nw: [...w].length <= unitWidth })));
  const units: Cell[] = t.noLead
    ? [
        {
          class: 'units',
          lines: [],
          names: words(t.responsible),
          suffix: t.responsible.length > 1 ? '分工负责' : '负责',
          colspan: 2,
        },
      ]
    : [
        { class: 'units', lines: [], names: words(t.lead) },
        t.co.length ? { class: 'units', lines: [], names: words(t.co) } : { class: 'center', lines: ['—'] },
      ];
  return [
    { class: 'center', lines: [String(index)] },
    { class: '', lines: [trimEnd(t.title)] },
    ...units,
    { class: 'center', lines: [deadlineText(t)] },
    { class: '', lines: progress },
    { class: 'center', lines: [t.verdict.label] },
  ];
}
