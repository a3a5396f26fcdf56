import { type DeadlineRules, defaultDeadlineRules } from './_deadline.js';
import { type FlatRow, findFlatTables, findSpacedTables } from './_flat.js';
import { hasLabels, hasRoleVerb, LABEL_LINE } from './_roles.js';
import { type Cell, cellsOf, type TableColumns, tableHeader } from './_table.js';
import { chineseNumber, trimAll } from './_text.js';

/** A numbered task as found in the text: its lines, before any interpretation. */
export interface TaskBlock {
  number: number;
  section: number;
  /** 1-based line numbers of the task's text lines (the first one carries the number). */
  textLines: number[];
  /** 1-based line numbers of label lines (牵头单位：…) that belong to the task. */
  labelLines: number[];
  /** Offset of the text after the number on the first line. */
  bodyStart: number;
  /** Cell offsets when the task is a table row. */
  cells?: Cell[];
  /** Cell texts by column role when the task is a row of a table flattened one cell per line. */
  fields?: FlatRow['fields'];
}

/** A section heading (一、…). */
export interface SectionBlock {
  number: number;
  title: string;
  line: number;
}

/** The notice cut into free lines, sections and task blocks. */
export interface Layout {
  /** Lines outside any task, section heading or page noise (the covering letter, signature …). */
  loose: number[];
  sections: SectionBlock[];
  tasks: TaskBlock[];
  /** The column map of a task table, when the tasks come as rows. */
  columns?: TableColumns;
}

// Headings run long in some notices (70–120 characters); a heading is never a sentence (no 。).
const SECTION = /^([一二三四五六七八九十]+)、\s*([^。]{1,160})$/;
/** Headings longer than this are unusual enough to be worth a look (a paragraph without its 。?). */
export const LONG_HEADING = 60;
// 1.5万亩 is a figure, not task 1; 1.6月底前 is task 1 starting with a date.
const ARABIC = /^(\d{1,6})\s*[.．、﹒](?!\d+(?![\d月日]))\s*/;
// 11.121人才梯队项目: a number whose text starts with a figure; a task only when it is the next number.
const ARABIC_FIGURE = /^(\d{1,6})\s*[.．、﹒](?=\d+(?:[^\d万亿千百%％倍.．]|$))\s*/;
const PAREN = /^（([一二三四五六七八九十]+)）\s*/;
// Other numbering styles offices use, at several levels: （1）, ①, 第一条, 一是, and 一、 itself when it numbers tasks.
const PAREN_AR = /^（(\d{1,3})）\s*/;
const CIRCLED = /^([①-⑳])\s*/;
const ARTICLE = /^第([一二三四五六七八九十]+|\d{1,3})条\s*/;
const YISHI = /^([一二三四五六七八九十]+)是[，、：]?\s*/;
const TOP = /^([一二三四五六七八九十]+)、\s*/;

/** A numbering style: its pattern, its usual depth (一、 above （一） above 1. above （1） above ①), and how to read its number. */
interface Style {
  re: RegExp;
  level: number;
  value: (m: RegExpExecArray) => number;
}
const digits = (m: RegExpExecArray) => (/^\d+$/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!));
const STYLES: Style[] = [
  { re: ARTICLE, level: 0, value: digits },
  { re: TOP, level: 1, value: digits },
  { re: PAREN, level: 2, value: digits },
  { re: ARABIC, level: 3, value: digits },
  { re: PAREN_AR, level: 4, value: digits },
  { re: YISHI, level: 4.5, value: digits },
  { re: CIRCLED, level: 5, value: (m) => m[1]!.charCodeAt(0) - 0x2460 + 1 },
];
const styleOf = (re: RegExp) => STYLES.find((s) => s.re === re)!;
// Web-page furniture around a scraped notice.
const NOISE =
  /扫一扫|打印本页|关闭窗口|您当前的位置|当前位置[：]|索引号|公开日期|公开形式|公开目录|公开责任部门|有效性|【字体|字号：|分享到|相关附件|相关链接|原件[：]|语音播报|我是安安|切换$|^(?:首页|返回顶部|上一篇|下一篇)/;

// Page numbers of a PDF copy (— 3 —, -3-, 第3页): skipped without ending the task they interrupt.
const PAGE = /^(?:[-—－–]+\s*\d{1,4}\s*[-—－–]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?)$/;

/** True when the line (trimmed) is web-page noise. */
export function isNoise(line: string): boolean {
  return NOISE.test(line);
}

/** True when a line ends with a parenthesis that names responsibilities (…牵头，…负责）). */
function endsWithDuty(wide: string): boolean {
  const t = wide.replace(/[。\s]+$/, '');
  if (!t.endsWith('）')) return false;
  const open = t.lastIndexOf('（');
  const inner = t.slice(open + 1, -1);
  return hasRoleVerb(inner) || hasLabels(inner);
}

/** True when the numbered line at `i` carries its duties: a duty parenthesis or label lines before the next number. */
function ownsDuties(lines: string[], i: number): boolean {
  for (let j = i; j < Math.min(lines.length, i + 4); j++) {
    const l = lines[j]!;
    if (j > i && STYLES.some((s) => s.re.test(l))) return false;
    if (endsWithDuty(l) || (j > i && LABEL_LINE.test(l))) return true;
  }
  return false;
}

/** Task numbering: the style whose lines carry duties (1. steps inside （一） tasks do not), else the more frequent. */
function pickNumbering(lines: string[]): RegExp {
  const count = { arabic: 0, paren: 0, arabicDuty: 0, parenDuty: 0 };
  lines.forEach((l, i) => {
    const style = ARABIC.test(l) ? 'arabic' : PAREN.test(l) ? 'paren' : undefined;
    if (!style) return;
    count[style]++;
    if (ownsDuties(lines, i)) count[`${style}Duty`]++;
  });
  const best =
    count.arabicDuty !== count.parenDuty
      ? count.arabicDuty > count.parenDuty
        ? ARABIC
        : PAREN
      : count.arabic >= count.paren
        ? ARABIC
        : PAREN;
  // Another style wins only when more of its lines carry duties than the usual 1. / （一） tasks do.
  let other: RegExp | undefined;
  let otherDuty = Math.max(count.arabicDuty, count.parenDuty);
  for (const style of [PAREN_AR, CIRCLED, ARTICLE, YISHI, TOP]) {
    let duty = 0;
    lines.forEach((l, i) => {
      if (style.test(l) && ownsDuties(lines, i)) duty++;
    });
    if (duty > otherDuty) {
      other = style;
      otherDuty = duty;
    }
  }
  return other ?? best;
}

/** Cuts widened lines into free lines, sections and tasks (see pickNumbering for 1. versus （一）). */
export function cutLayout(
  wideLines: string[],
  rawLines: string[] = wideLines,
  rules: DeadlineRules = defaultDeadlineRules,
): Layout {
  const trimmed = wideLines.map(trimAll);
  // Tables flattened one cell per line are read first; their lines are theirs alone.
  const flat = new Set<number>();
  const rowAt = new Map<number, FlatRow>();
  for (const t of [...findFlatTables(rawLines, 2000, rules), ...findSpacedTables(rawLines, 2000, rules)]) {
    for (const n of t.consumed) flat.add(n);
    for (const r of t.rows) rowAt.set(r.lines[0]!, r);
  }
  const taskRe = pickNumbering(trimmed);
  const taskStyle = styleOf(taskRe);
  const subRe = taskRe === ARABIC ? PAREN : ARABIC;
  // Without 一、 headings, （一） lines above 1. tasks are the sections.
  const subSections = taskRe === ARABIC && !trimmed.some((l) => SECTION.test(l) && !LABEL_LINE.test(l));
  const layout: Layout = { loose: [], sections: [], tasks: [] };
  const headerAt = trimmed.findIndex((l) => l.length < 200 && /序号|编号/.test(l) && tableHeader(l) !== null);
  const columns = headerAt >= 0 ? tableHeader(trimmed[headerAt]!)! : undefined;
  if (columns) layout.columns = columns;
  let task: TaskBlock | undefined;
  let open = false; // the task still accepts continuation text
  let gap = false; // a blank line since the task's last line
  let section = 0;
  trimmed.forEach((l, i) => {
    const line = i + 1;
    if (flat.has(line)) {
      const r = rowAt.get(line);
      if (r)
        layout.tasks.push({
          number: r.number,
          section,
          textLines: r.lines,
          labelLines: [],
          bodyStart: 0,
          fields: r.fields,
        });
      task = undefined;
      return;
    }
    if (!l) {
      gap = true;
      return;
    }
    if (PAGE.test(l)) return;
    // 二二、 or （十十） are not numerals: such lines are plain text.
    const sec = SECTION.exec(l);
    const next = taskRe === ARABIC ? ARABIC_FIGURE.exec(l) : null;
    const num = taskRe.exec(l) ?? (next && Number(next[1]) === (layout.tasks.at(-1)?.number ?? 0) + 1 ? next : null);
    const n = num ? taskStyle.value(num) : Number.NaN;
    if (isNoise(l)) {
      task = undefined;
      return;
    }
    if (columns && i > headerAt) {
      const cells = cellsOf(wideLines[i]!);
      const n = cells[columns.number];
      const num = n && /^\d{1,6}$/.test(wideLines[i]!.slice(n[0], n[1])) ? Number(wideLines[i]!.slice(n[0], n[1])) : 0;
      if (num && cells.length > columns.text) {
        layout.tasks.push({ number: num, section, textLines: [line], labelLines: [], bodyStart: 0, cells });
        task = undefined;
        return;
      }
    }
    if (num && !Number.isNaN(n)) {
      task = {
        number: n,
        section,
        textLines: [line],
        labelLines: [],
        bodyStart: wideLines[i]!.indexOf(l) + num[0].length,
      };
      layout.tasks.push(task);
      open = !endsWithDuty(l);
      gap = false;
      return;
    }
    if (sec && taskRe !== TOP && !LABEL_LINE.test(l) && !Number.isNaN(chineseNumber(sec[1]!))) {
      section = chineseNumber(sec[1]!);
      layout.sections.push({ number: section, title: sec[2]!, line });
      task = undefined;
      return;
    }
    // A numbered line of another style: steps of the open task when deeper (（1） inside 1.), a heading when shallower.
    const otherStyle =
      taskRe === ARABIC || taskRe === PAREN
        ? undefined
        : STYLES.find((st) => st.re !== taskRe && st.re !== TOP && st.re.test(l));
    if (otherStyle) {
      if (otherStyle.level > taskStyle.level && task) {
        task.textLines.push(line);
        open = !endsWithDuty(l);
        return;
      }
      task = undefined;
      if (otherStyle.level < taskStyle.level && !l.includes('。')) return;
    }
    const sub = taskRe === ARABIC || taskRe === PAREN ? subRe.exec(l) : null;
    // Numbered steps (1. 2.) inside a （一） task are part of its text.
    if (sub && task && taskRe === PAREN) {
      task.textLines.push(line);
      open = !endsWithDuty(l);
      return;
    }
    if (sub) {
      task = undefined;
      if (subSections && !l.includes('。') && !Number.isNaN(chineseNumber(sub[1]!))) {
        section = chineseNumber(sub[1]!);
        layout.sections.push({ number: section, title: l.slice(sub[0].length), line });
      }
      return;
    }
    if (task && LABEL_LINE.test(l)) {
      task.labelLines.push(line);
      open = false;
      gap = false;
      return;
    }
    if (task && open && !gap) {
      task.textLines.push(line);
      open = !endsWithDuty(l);
      return;
    }
    task = undefined;
    layout.loose.push(line);
  });
  return layout;
}
