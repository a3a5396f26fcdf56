const DAY = 86_400_000;

// A year has few distinct dates and a province plan asks for each of them ~10^5 times.
const dayCache = new Map<string, number>();

/** Days since 1970-01-01 for an ISO date, in UTC so no time zone shifts a day. */
export function dayNumber(iso: string): number {
  let n = dayCache.get(iso);
  if (n === undefined) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    n = Math.round(Date.UTC(y, m - 1, d) / DAY);
    if (dayCache.size < 100_000) dayCache.set(iso, n);
  }
  return n;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const textCache = new Map<string, string>();

/** 2019-08-31 → 2019年8月31日, the form official documents print. */
export function chineseDate(iso: string): string {
  let t = textCache.get(iso);
  if (t === undefined) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    t = `${y}年${m}月${d}日`;
    if (textCache.size < 100_000) textCache.set(iso, t);
  }
  return t;
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
