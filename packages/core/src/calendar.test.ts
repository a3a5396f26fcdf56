import { describe, expect, it } from 'vitest';
import { CN_HOLIDAYS, createWorkingCalendar, dayNumber } from './index.js';

const weekday = (d: string) => (dayNumber(d) + 4) % 7;

describe('the built-in holiday data', () => {
  it('declares only weekend days as 调休上班 and orders every range', () => {
    for (const y of CN_HOLIDAYS) {
      for (const d of y.work ?? []) expect([0, 6], `${y.year} ${d}`).toContain(weekday(d));
      for (const r of y.off ?? [])
        if (typeof r !== 'string') expect(r[0] <= r[1], `${y.year} ${r.join('…')}`).toBe(true);
      expect(y.source).toMatch(/国办发明电/);
    }
    expect(CN_HOLIDAYS.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });
});

describe('createWorkingCalendar', () => {
  const cal = createWorkingCalendar();

  it('counts weekdays, skips holidays and works on 调休 weekends', () => {
    expect(cal.isWorkingDay('2019-07-05')).toBe(true); // a Friday
    expect(cal.isWorkingDay('2019-07-06')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2019-10-03')).toBe(false); // 国庆
    expect(cal.isWorkingDay('2019-09-29')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2018-12-31')).toBe(false); // 元旦 2019 starts in 2018
  });

  it('gives the reply date of "N个工作日内" across a holiday', () => {
    // Issued Friday 27 Sep 2019: Sun 29 Sep works, 1–7 Oct off, Sat 12 Oct works.
    expect(cal.addWorkingDays('2019-09-27', 1)).toBe('2019-09-29');
    expect(cal.addWorkingDays('2019-09-27', 3)).toBe('2019-10-08');
    expect(cal.addWorkingDays('2019-07-05', 5)).toBe('2019-07-12');
    expect(cal.workingDaysBetween('2019-09-27', '2019-10-08')).toBe(3);
    expect(cal.addWorkingDays('2019-07-05', 0)).toBe('2019-07-05');
  });

  it('lets a later year entry replace a built-in one, and says which years it covers', () => {
    const local = createWorkingCalendar([
      ...CN_HOLIDAYS,
      { year: 2019, source: '本市调整', off: ['2019-07-08'], work: [] },
    ]);
    expect(local.isWorkingDay('2019-07-08')).toBe(false);
    expect(local.isWorkingDay('2019-10-03')).toBe(true); // the replaced year no longer has 国庆
    expect(cal.covers('2026-03-01')).toBe(true);
    expect(cal.covers('2031-03-01')).toBe(false);
    expect(createWorkingCalendar([]).isWorkingDay('2019-10-03')).toBe(true);
  });

  it('refuses a malformed year', () => {
    expect(() => createWorkingCalendar([{ year: 2027, source: '', off: ['2027-02-30'], work: [] }])).toThrow(
      /YYYY-MM-DD/,
    );
  });
});
