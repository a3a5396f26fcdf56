/**
 * Formats points as printed on a sheet: at most two decimals, no trailing zeros
 * (100, 97.5, 2.25), so 合计 reads exactly as the sum of its rows.
 */
export function formatPoints(points: number): string {
  const rounded = roundPoints(points);
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Rounds to hundredths; sums are compared after rounding so float noise never breaks 合计. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** `2019-12-31` → `2019年12月31日` (Arabic numerals, no leading zeros, as GB/T 9704 dates are written). */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

// Characters Windows, macOS or Linux refuse in a file name, plus controls.
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * A file-system-safe name for a unit (市发改委<市飞地办> → 市发改委＜市飞地办＞):
 * unsafe ASCII becomes its full-width form so the Chinese name stays readable.
 */
export function safeFileName(name: string, maxLength = 80): string {
  const fullWidth: Record<string, string> = { '\\': '＼', '/': '／', ':': '：', '*': '＊', '?': '？', '"': '＂', '<': '＜', '>': '＞', '|': '｜' };
  let out = name.replace(UNSAFE, (c) => fullWidth[c] ?? '_').replace(/\s+/g, ' ').trim();
  out = out.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if ([...out].length > maxLength) out = [...out].slice(0, maxLength).join('');
  return out || 'unit';
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
