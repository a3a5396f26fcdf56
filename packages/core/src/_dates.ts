// Dates as official documents print them, decided once (GB/T 9704: Arabic
// numerals, no leading zeros). Pure functions over ISO `YYYY-MM-DD` strings.

const DAY = 86_400_000;
// A year has few distinct dates and a province plan asks for each of them ~10^5 times.
const dayCache = new Map<string, number>();
const textCache = new Map<string, string>();

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

/** The ISO date `days` after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** 2019-08-31 → 2019年8月31日, the form official documents print. Anything else is returned as it is. */
export function chineseDate(iso: string): string {
  let t = textCache.get(iso);
  if (t === undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    t = m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
    if (textCache.size < 100_000) textCache.set(iso, t);
  }
  return t;
}

/** 2019-06-30 → 6月30日: a date within the year the text already names. */
export function monthDay(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : iso;
}

/** The last day of a plan year, when tasks without a written deadline fall due. */
export function yearEnd(year: number): string {
  return `${year}-12-31`;
}
