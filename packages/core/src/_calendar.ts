import { z } from 'zod';
import { addDays, dayNumber, isIsoDate } from './_dates.js';
import { CN_HOLIDAYS } from './_holidays-cn.js';

// The working-day calendar: "请于5个工作日内" counts Monday–Friday, minus the
// statutory holidays, plus the weekend days declared working days (调休上班).
// Which days those are is announced once a year, so it is data (CalendarYear),
// with the built-in years in _holidays-cn.ts and more from a calendar file.

const Day = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');

/** One year of holidays: days off (single dates or [first, last] ranges) and make-up working days, with the notice they come from. */
export const CalendarYear = z.object({
  year: z.number().int().min(1949).max(2200),
  /** The notice the dates come from (国办发明电〔2018〕15号). */
  source: z.string().default(''),
  /** 放假: single days or inclusive [first, last] ranges. */
  off: z.array(z.union([Day, z.tuple([Day, Day])])).default([]),
  /** 调休上班: weekend days that are working days. */
  work: z.array(Day).default([]),
});
export type CalendarYear = z.input<typeof CalendarYear>;

/** A calendar file (duban.config.json "calendar"): years that add to or replace the built-in ones. */
export const CalendarFile = z.object({ years: z.array(CalendarYear) }).strict();
export type CalendarFile = z.infer<typeof CalendarFile>;

/** Working days by an official calendar. */
export interface WorkingCalendar {
  /** The years with holiday data; other years count Monday–Friday only. */
  readonly years: readonly number[];
  /** True when `date`'s year has holiday data. */
  covers(date: string): boolean;
  /** True for a working day: a weekday that is no holiday, or a 调休上班 weekend day. */
  isWorkingDay(date: string): boolean;
  /** The `n`th working day after `date` (`date` itself not counted): the reply date of "请于n个工作日内". */
  addWorkingDays(date: string, n: number): string;
  /** Working days after `from` up to and including `to` (0 when `to` is not later). */
  workingDaysBetween(from: string, to: string): number;
}

/**
 * Builds a calendar from year entries; later entries for the same year replace
 * earlier ones, so `[...CN_HOLIDAYS, ...fromFile]` lets a file correct a year.
 */
export function createWorkingCalendar(years: readonly CalendarYear[] = CN_HOLIDAYS): WorkingCalendar {
  const byYear = new Map<number, z.output<typeof CalendarYear>>();
  for (const y of years) byYear.set(y.year, CalendarYear.parse(y));
  const off = new Set<string>();
  const work = new Set<string>();
  for (const y of byYear.values()) {
    for (const entry of y.off) {
      const [first, last] = typeof entry === 'string' ? [entry, entry] : entry;
      for (let d = first; d <= last; d = addDays(d, 1)) off.add(d);
    }
    for (const d of y.work) work.add(d);
  }
  const covered = new Set(byYear.keys());
  const isWorkingDay = (date: string): boolean => {
    if (work.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  };
  return {
    years: [...covered].sort((a, b) => a - b),
    covers: (date) => covered.has(Number(date.slice(0, 4))),
    isWorkingDay,
    addWorkingDays(date, n) {
      let d = date;
      for (let left = Math.max(0, Math.trunc(n)); left > 0; ) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      return count;
    },
  };
}

/** The reply date of a document issued on `date`: `days` calendar days later, or `days` working days by `calendar`. */
export function replyByDate(
  date: string,
  days: number,
  counting: 'calendar' | 'working',
  calendar: WorkingCalendar,
): string {
  return counting === 'working' ? calendar.addWorkingDays(date, days) : addDays(date, days);
}
