import type { Assignment } from './_plan.js';

// How names and text print, decided once: every document, table, JSON view and
// file name goes through these functions, so a unit never prints two ways.

const FULL_WIDTH_FILE: Readonly<Record<string, string>> = {
  '\\': '＼',
  '/': '／',
  ':': '：',
  '*': '＊',
  '?': '？',
  '"': '＂',
  '<': '＜',
  '>': '＞',
  '|': '｜',
};
// Characters Windows, macOS or Linux refuse in a file name, plus controls.
const UNSAFE_FILE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * A unit's name as printed. The importer keeps a notice's bracketed qualifier in
 * ASCII angle brackets (恒口示范区<试验区>管委会); official text writes it in
 * full-width parentheses: 恒口示范区（试验区）管委会.
 */
export function unitName(name: string): string {
  return name
    .replace(/\s*[<＜〈]\s*/g, '（')
    .replace(/\s*[>＞〉]\s*/g, '）')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** One assignment as printed: the unit, with the alias it acts under (市发改委（市飞地办）), or the group's name. */
export function assignmentName(a: Pick<Assignment, 'unit' | 'alias' | 'isGroup'>): string {
  if (a.isGroup) return unitName(a.unit);
  return a.alias ? `${unitName(a.unit)}（${unitName(a.alias)}）` : unitName(a.unit);
}

/**
 * Assignments as the notice lists them: members expanded from a collective name
 * (各县区政府) print once, by that name; repeats print once; order is kept.
 */
export function assignmentNames(
  assignments: readonly Pick<Assignment, 'unit' | 'alias' | 'isGroup' | 'group'>[],
): string[] {
  const out: string[] = [];
  for (const a of assignments) {
    const name = a.group && !a.isGroup ? unitName(a.group) : assignmentName(a);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Official text uses full-width punctuation; notices scraped from web pages bring
 * half-width , ; : ( ). Digit groups (1,000) and times (12:00) stay as they are.
 */
export function printable(text: string): string {
  return text
    .replace(/(?<!\d),|,(?!\d)/g, '，')
    .replace(/;/g, '；')
    .replace(/(?<!\d):|:(?!\d)/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/**
 * Quotation marks as GB/T 15834 nests them: “ ” outside, ‘ ’ inside. `text` is
 * what goes inside an outer pair of “ ”, so its own double quotes become single.
 */
export function quoteInner(text: string): string {
  return text
    .replace(/“/g, '‘')
    .replace(/”/g, '’')
    .replace(/"([^"]*)"/g, '‘$1’');
}

/**
 * A file name for a document about a unit: the printed name, with the few
 * characters file systems refuse turned into their full-width forms.
 */
export function fileNameOf(name: string, maxLength = 80): string {
  let out = name
    .replace(UNSAFE_FILE, (c) => FULL_WIDTH_FILE[c] ?? '_')
    .replace(/\s+/g, ' ')
    .trim();
  out = out.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if ([...out].length > maxLength) out = [...out].slice(0, maxLength).join('');
  return out || 'unit';
}
