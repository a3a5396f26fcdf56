/**
 * Lenient parsing of what clerks type: dates in several Chinese and ISO forms,
 * numbers with thousands separators or a trailing %, states in Chinese or English.
 */
import type { ProgressState } from '@duban/core';
import type { CellValue } from './_row.js';

/** Text of a cell, trimmed; '' for empty cells. */
export function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoOf(value);
  return String(value).trim();
}

/** True when a cell holds nothing. */
export function isBlank(value: CellValue): boolean {
  return text(value) === '';
}

/** Parses a finite number; undefined when it is not one (1e309 overflows to Infinity: not a number a unit reported). Accepts 3,000 and 45%. */
export function parseNumber(value: CellValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // Fast path for plain decimals, the common case in large files.
  if (typeof value === 'string' && value !== '') {
    const c = value.charCodeAt(0);
    const n = Number(value);
    if (((c >= 48 && c <= 57) || c === 45 || c === 46) && Number.isFinite(n) && !/[xob]/i.test(value)) return n;
  }
  const s = text(value)
    .replace(/[,，\s]/g, '')
    .replace(/[%％]$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function isoOf(d: Date): string {
  // Workbook dates are midnight UTC; use UTC parts so the day never shifts.
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Parses a date to YYYY-MM-DD: 2019-03-31, 2019/3/31, 2019.3.31, 2019年3月31日, a Date or an Excel serial. */
export function parseDate(value: CellValue): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoOf(value);
  if (typeof value === 'number') {
    // Excel serial day numbers (1900 system) for cells typed as plain numbers.
    if (value < 20000 || value > 80000) return undefined;
    return isoOf(new Date(Math.round((value - 25569) * 86400_000)));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(value));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return isoOf(date);
}

const STATES: Record<string, ProgressState> = {
  in_progress: 'in_progress',
  done: 'done',
  blocked: 'blocked',
  推进中: 'in_progress',
  进行中: 'in_progress',
  正在推进: 'in_progress',
  已完成: 'done',
  完成: 'done',
  受阻: 'blocked',
  停滞: 'blocked',
};

/** Parses a state (推进中/已完成/受阻 or in_progress/done/blocked); undefined when unknown. */
export function parseState(value: CellValue): ProgressState | undefined {
  return STATES[text(value).toLowerCase()] ?? STATES[text(value)];
}

/** Splits `1=3000;2=12` (also ；, full-width ＝ and :) into key/value text pairs; undefined on bad syntax. */
export function splitValues(value: CellValue): { key: string; value: string }[] | undefined {
  const s = text(value);
  if (!s) return [];
  // Fast path: 1=3000;2=12 with plain keys.
  if (/^[^=;；\n:：＝]+=[^=;；\n]*(;[^=;；\n:：＝]+=[^=;；\n]*)*;?$/.test(s)) {
    return s
      .split(';')
      .filter(Boolean)
      .map((p) => {
        const i = p.indexOf('=');
        return { key: p.slice(0, i).trim(), value: p.slice(i + 1).trim() };
      });
  }
  const out: { key: string; value: string }[] = [];
  for (const part of s.split(/[;；\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.+?)\s*[=＝:：]\s*(.*)$/.exec(p);
    if (!m) return undefined;
    out.push({ key: m[1]!.trim(), value: m[2]!.trim() });
  }
  return out;
}

/** Splits an evidence cell into references (; ； or newlines). */
export function splitList(value: CellValue): string[] {
  if (value === '' || value === null || value === undefined) return [];
  return text(value)
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
