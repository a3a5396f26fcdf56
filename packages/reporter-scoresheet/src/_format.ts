import { fileNameOf } from '@duban/reporter-api';

/**
 * Formats points as printed on a sheet: at most two decimals, no trailing zeros
 * (100, 97.5), so 合计 reads exactly as the sum of its rows.
 */
export function formatPoints(points: number): string {
  const rounded = roundPoints(points);
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Rounds to hundredths; sums are compared after rounding so float noise never breaks 合计. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** A unit's score-sheet file name: 考核评分表-<printed name>.pdf, the name made file-safe by the one core rule. */
export function sheetFileName(unitName: string): string {
  return `考核评分表-${fileNameOf(unitName)}`;
}

/** Makes names unique by appending -2, -3 … to repeats (two units sanitised to the same name). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const key = n.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? n : `${n}-${count}`;
  });
}
