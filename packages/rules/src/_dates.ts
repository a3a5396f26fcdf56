const DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO date, in UTC so no time zone shifts a day. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 2019-08-31 → 2019年8月31日, the form official documents print. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Rounds to one decimal: percentages are printed as 45% or 45.5%, never 45.4999%. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
