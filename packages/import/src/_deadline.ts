import type { Deadline } from '@duban/core';
import { chineseNumber, pad2 } from './_text.js';

/** One deadline rule: a regular expression over the text and how its match becomes a date. */
export interface DeadlineRule {
  /** What the rule covers (shown in docs and tests). */
  name: string;
  /** Regular expression source, no flags; capture groups are referenced as "$1", "$2" … */
  pattern: string;
  /** Year as "$n"; when absent or the group did not match, the plan year. */
  year?: string;
  /** Month 1–12, or "$n". */
  month: number | string;
  /** Day of month, "$n", or "last" for the month's last day. */
  day: number | string;
  /**
   * Years the phrase spans as "$n" (5年内, 三年之内): the plan year counts as the first, so the
   * date falls in plan year + n − 1. Arabic or Chinese numerals.
   */
  span?: string;
  /** Hour of day as "$n" when the phrase gives a time (12时 → 12:00). */
  hour?: string;
  /** Why this date was chosen, for phrases that do not name one. */
  note?: string;
  /** Only for a whole deadline field (完成时限：2021年6月), never searched for in running text. */
  fieldOnly?: boolean;
}

/** Ordered deadline rules: the first rule that matches a phrase decides its date. */
export type DeadlineRules = readonly DeadlineRule[];

const Y = '(?:(\\d{4})年)?';
const BEFORE = '(?:之前|以前|前)';

/** Deadline phrase → date rules; data, not code, so a config can override or extend them. */
export const defaultDeadlineRules: DeadlineRules = [
  {
    name: 'date',
    pattern: `${Y}(\\d{1,2})月(\\d{1,2})日(?:(\\d{1,2})[时点])?${BEFORE}`,
    year: '$1',
    month: '$2',
    day: '$3',
    hour: '$4',
  },
  { name: 'month-end', pattern: `${Y}(\\d{1,2})月(?:底|末|下旬)${BEFORE}?`, year: '$1', month: '$2', day: 'last' },
  { name: 'month-middle', pattern: `${Y}(\\d{1,2})月中旬${BEFORE}?`, year: '$1', month: '$2', day: 20 },
  { name: 'month-start', pattern: `${Y}(\\d{1,2})月上旬${BEFORE}?`, year: '$1', month: '$2', day: 10 },
  { name: 'first-half', pattern: '上半年', month: 6, day: 30 },
  { name: 'second-half', pattern: '下半年', month: 12, day: 31 },
  { name: 'q1', pattern: `(?:第)?一季度(?:末|底)?${BEFORE}?`, month: 3, day: 31 },
  { name: 'q2', pattern: `(?:第)?二季度(?:末|底)?${BEFORE}?`, month: 6, day: 30 },
  { name: 'q3', pattern: `(?:第)?三季度(?:末|底)?${BEFORE}?`, month: 9, day: 30 },
  { name: 'q4', pattern: `(?:第)?四季度(?:末|底)?${BEFORE}?`, month: 12, day: 31 },
  {
    name: 'autumn-term',
    pattern: `秋季开学${BEFORE}`,
    month: 9,
    day: 1,
    note: 'the autumn term of Chinese schools starts on 1 September',
  },
  {
    name: 'spring-term',
    pattern: `春季开学${BEFORE}`,
    month: 3,
    day: 1,
    note: 'the spring term starts late February or early March; 1 March is the latest usual date',
  },
  {
    name: 'flood-season',
    pattern: `(?:主)?汛(?:期)?${BEFORE}`,
    month: 5,
    day: 31,
    note: 'the main flood season in Shaanxi starts in June',
  },
  { name: 'national-day', pattern: `国庆(?:节)?${BEFORE}`, month: 9, day: 30 },
  // In a 完成时限 field a bare month or date is the deadline; in running text it is often just a date.
  {
    name: 'field-date',
    pattern: `^${Y}(\\d{1,2})月(\\d{1,2})日$`,
    year: '$1',
    month: '$2',
    day: '$3',
    fieldOnly: true,
  },
  { name: 'field-month', pattern: `^${Y}(\\d{1,2})月份?$`, year: '$1', month: '$2', day: 'last', fieldOnly: true },
  // 9月投入使用, 6月完成, 10月开工: a month and what happens in it, as a whole 完成时限 cell.
  {
    name: 'field-month-action',
    pattern: `^${Y}(\\d{1,2})月份?(?:内|底|末)?(?:前)?(?:完成|建成|投入使用|投用|开工|动工|竣工|交付|启动|实施|出台|印发|运营|开放)`,
    year: '$1',
    month: '$2',
    day: 'last',
    fieldOnly: true,
  },
  // 2012年起5年内 / 5年内重点引进100名…: a programme of N years, the plan year being its first (近3年内 looks back).
  {
    name: 'years-within',
    pattern: `(?<![近前去])(\\d{1,2}|[一二两三四五六七八九十])年(?:之)?内`,
    span: '$1',
    month: 12,
    day: 31,
    note: 'N年内 counts the plan year as the first of the N years',
  },
  {
    name: 'year-end',
    pattern: `(?:(\\d{4})|(?<![\\d一二三四五六七八九十两几多数]))年(?:内|底|末|度内)${BEFORE}?`,
    year: '$1',
    month: 12,
    day: 31,
  },
];

/** A deadline phrase found in text, with its offsets and resolved date. */
export interface FoundDeadline extends Deadline {
  start: number;
  end: number;
  /** HH:MM when the phrase names an hour. */
  time?: string;
}

const compiled = new WeakMap<DeadlineRules, RegExp[]>();

function regexes(rules: DeadlineRules): RegExp[] {
  let list = compiled.get(rules);
  if (!list) {
    list = rules.map((r) => new RegExp(r.pattern, 'g'));
    compiled.set(rules, list);
  }
  return list;
}

function field(spec: number | string | undefined, m: RegExpExecArray): number | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'number') return spec;
  const g = /^\$(\d+)$/.exec(spec);
  if (!g) return undefined;
  const v = m[Number(g[1])];
  return v === undefined ? undefined : Number(v);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The number a "$n" spec points at, in Arabic or Chinese numerals. */
function count(spec: string | undefined, m: RegExpExecArray): number | undefined {
  const g = spec === undefined ? null : /^\$(\d+)$/.exec(spec);
  const v = g ? m[Number(g[1])] : undefined;
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : chineseNumber(v);
  return Number.isNaN(n) ? undefined : n;
}

function toFound(rule: DeadlineRule, m: RegExpExecArray, year: number): FoundDeadline | null {
  const span = count(rule.span, m);
  if (span !== undefined && span < 1) return null;
  const y = (field(rule.year, m) ?? year) + (span ? span - 1 : 0);
  const month = field(rule.month, m);
  if (month === undefined || month < 1 || month > 12) return null;
  const day = rule.day === 'last' ? daysIn(y, month) : field(rule.day, m);
  if (day === undefined || day < 1 || day > daysIn(y, month)) return null;
  const hour = field(rule.hour, m);
  const found: FoundDeadline = {
    phrase: m[0],
    date: `${y}-${pad2(month)}-${pad2(day)}`,
    start: m.index,
    end: m.index + m[0].length,
  };
  if (hour !== undefined && hour >= 0 && hour <= 24) found.time = `${pad2(hour)}:00`;
  return found;
}

/** Every deadline phrase in `text`, left to right, without overlaps (earlier rules win ties). */
export function scanDeadlines(
  text: string,
  year: number,
  rules: DeadlineRules = defaultDeadlineRules,
): FoundDeadline[] {
  const all: FoundDeadline[] = [];
  regexes(rules).forEach((re, i) => {
    if (rules[i]!.fieldOnly) return;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const f = toFound(rules[i]!, m, year);
      if (f) all.push(f);
    }
  });
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundDeadline[] = [];
  for (const f of all) if (!out.length || f.start >= out[out.length - 1]!.end) out.push(f);
  return out;
}

/** Resolves a deadline phrase (3月8日12时前, 8月底前, 年内 …) to a date in `year`; null when no rule matches. */
export function resolveDeadline(
  phrase: string,
  year: number,
  rules: DeadlineRules = defaultDeadlineRules,
): Deadline | null {
  const list = regexes(rules);
  for (let i = 0; i < list.length; i++) {
    const re = new RegExp(list[i]!.source);
    const m = re.exec(phrase.trim());
    const f = m && toFound(rules[i]!, m as RegExpExecArray, year);
    if (f) return { phrase, date: f.date };
  }
  return null;
}

/** Year-end deadline for tasks that name none. */
export function yearEnd(year: number): Deadline {
  return { phrase: null, date: `${year}-12-31` };
}
