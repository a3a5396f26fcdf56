/** A reporting period: a month (2019-06) or a quarter (2019-Q2). */
export interface Period {
  key: string;
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Parses a period key; undefined when malformed. */
export function parsePeriod(key: string): Period | undefined {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return { key, label: `${y}年${mo}月`, from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const end = q * 3;
    return {
      key,
      label: `${y}年第${'一二三四'[q - 1]}季度`,
      from: `${y}-${pad(end - 2)}-01`,
      to: `${y}-${pad(end)}-${pad(lastDay(y, end))}`,
    };
  }
  return undefined;
}

/** Every month and quarter of a year, for the period picker. */
export function periodsOf(year: number): Period[] {
  const months = Array.from({ length: 12 }, (_, i) => parsePeriod(`${year}-${pad(i + 1)}`)!);
  const quarters = [1, 2, 3, 4].map((q) => parsePeriod(`${year}-Q${q}`)!);
  return [...months, ...quarters];
}

/** The month containing a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
