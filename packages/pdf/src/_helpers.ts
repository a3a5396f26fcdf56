/**
 * Handlebars helpers available to every template. They format values; they
 * never return unescaped markup.
 */

import { chineseDate as printDate } from '@duban/core';

/** 2019-07-05 → 2019年7月5日: the one date format of @duban/core, for templates. */
export function chineseDate(iso: unknown): string {
  return printDate(String(iso ?? ''));
}

/** 1 → 一, 12 → 十二 (section and list numbering up to 99). */
export function chineseNumber(n: unknown): string {
  const digits = '〇一二三四五六七八九';
  const v = Number(n);
  if (!Number.isInteger(v) || v < 0 || v > 99) return String(n);
  if (v < 10) return digits[v]!;
  const tens = Math.floor(v / 10);
  const ones = v % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}

/** The type area's width in pt (156 mm, GB/T 9704). */
const TYPE_AREA_PT = (156 * 72) / 25.4;

/**
 * The largest font size (pt, at most `max`) at which `text` fits on one line of
 * the type area with `spacing` em of letter-spacing per character: a long
 * publication name in the masthead shrinks instead of being cut off.
 */
export function fitSize(text: unknown, max: unknown = 44, spacing: unknown = 0.3): number {
  const chars = [...String(text ?? '')].length || 1;
  const limit = Number(max) || 44;
  const fit = TYPE_AREA_PT / (chars * (1 + (Number(spacing) || 0)));
  return Math.floor(Math.min(limit, fit) * 10) / 10;
}

/** Helpers registered on every template set. */
export const helpers: Record<string, (...args: unknown[]) => unknown> = {
  chineseDate: (v) => chineseDate(v),
  chineseNumber: (v) => chineseNumber(v),
  eq: (a, b) => a === b,
  add: (a, b) => Number(a) + Number(b),
  endWith: (text, suffix) => {
    const t = String(text ?? '');
    const s = String(suffix ?? '');
    return t.endsWith(s) ? t : t.replace(/[：:。.，,；;]$/, '') + s;
  },
  fitSize: (text, max, spacing) =>
    fitSize(text, typeof max === 'number' ? max : undefined, typeof spacing === 'number' ? spacing : undefined),
  join: (list, sep) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''),
};
