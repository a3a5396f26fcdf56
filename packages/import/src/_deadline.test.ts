import { describe, expect, it } from 'vitest';
import { type DeadlineRules, defaultDeadlineRules, resolveDeadline, scanDeadlines } from './_deadline.js';

describe('resolveDeadline', () => {
  it.each([
    ['3月8日12时前', '2019-03-08'],
    ['2019年3月8日12时前', '2019-03-08'],
    ['8月底前', '2019-08-31'],
    ['2月底前', '2019-02-28'],
    ['6月中旬', '2019-06-20'],
    ['年内', '2019-12-31'],
    ['年底前', '2019-12-31'],
    ['2020年底前', '2020-12-31'],
    ['秋季开学前', '2019-09-01'],
    ['上半年', '2019-06-30'],
    ['三季度末', '2019-09-30'],
    ['2021年12月底', '2021-12-31'],
  ])('%s → %s', (phrase, date) => {
    expect(resolveDeadline(phrase, 2019)).toEqual({ phrase, date });
  });

  it('reads a bare month or date as a whole deadline field, but never in running text', () => {
    expect(resolveDeadline('2021年6月', 2021)?.date).toBe('2021-06-30');
    expect(resolveDeadline('6月份', 2021)?.date).toBe('2021-06-30');
    expect(resolveDeadline('2021年12月31日', 2021)?.date).toBe('2021-12-31');
    expect(scanDeadlines('6月召开现场会，12月31日通报', 2021)).toEqual([]);
  });

  it('uses the leap day of a leap year for 2月底', () => {
    expect(resolveDeadline('2月底前', 2020)?.date).toBe('2020-02-29');
  });

  it('returns null for phrases no rule covers and for impossible dates', () => {
    expect(resolveDeadline('长期坚持', 2019)).toBeNull();
    expect(resolveDeadline('2月30日前', 2019)).toBeNull();
    expect(resolveDeadline('13月底前', 2019)).toBeNull();
  });

  it('reads N年内 as a span whose first year is the plan year, never as this year', () => {
    expect(resolveDeadline('三年内', 2019)?.date).toBe('2021-12-31');
    expect(resolveDeadline('5年内', 2012)?.date).toBe('2016-12-31');
    expect(resolveDeadline('两年之内', 2018)?.date).toBe('2019-12-31');
    expect(scanDeadlines('5年内重点引进100名人才', 2012).map((d) => d.date)).toEqual(['2016-12-31']);
    // 近3年内 looks back: it qualifies who is meant and sets no deadline.
    expect(scanDeadlines('近3年内获得过表彰的企业', 2019)).toEqual([]);
  });

  it('takes rules as data that a config can extend', () => {
    const rules: DeadlineRules = [
      ...defaultDeadlineRules,
      { name: 'spring-festival-2019', pattern: '春节前', month: 2, day: 4 },
    ];
    expect(resolveDeadline('春节前', 2019)).toBeNull();
    expect(resolveDeadline('春节前', 2019, rules)).toEqual({ phrase: '春节前', date: '2019-02-04' });
  });
});

describe('scanDeadlines', () => {
  it('finds phrases with offsets and the hour', () => {
    const text = '并于2019年3月8日12时前报市政府督查室';
    const [d] = scanDeadlines(text, 2019);
    expect(d).toMatchObject({ phrase: '2019年3月8日12时前', date: '2019-03-08', time: '12:00' });
    expect(text.slice(d!.start, d!.end)).toBe('2019年3月8日12时前');
  });

  it('keeps the longest phrase where rules overlap', () => {
    const found = scanDeadlines('确保8月底前完成，年底前全部建成', 2019);
    expect(found.map((f) => f.phrase)).toEqual(['8月底前', '年底前']);
  });
});
