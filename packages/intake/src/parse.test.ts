import { describe, expect, it } from 'vitest';
import { parseDate, parseNumber, parseState, splitValues } from './_parse.js';

describe('lenient cell parsing', () => {
  it('reads dates the way clerks write them and rejects impossible ones', () => {
    for (const s of ['2019-03-31', '2019/3/31', '2019.3.31', '2019年3月31日', 43555])
      expect(parseDate(s)).toBe('2019-03-31');
    expect(parseDate(new Date(Date.UTC(2019, 2, 31)))).toBe('2019-03-31');
    expect(parseDate('2019-02-30')).toBeUndefined();
    expect(parseDate('三月底')).toBeUndefined();
  });
  it('reads numbers with separators and percent signs, not words', () => {
    expect(parseNumber('3,000')).toBe(3000);
    expect(parseNumber('45%')).toBe(45);
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('十二')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });
  it('maps Chinese and English states', () => {
    expect([
      parseState('推进中'),
      parseState('已完成'),
      parseState('受阻'),
      parseState('DONE'),
      parseState('好'),
    ]).toEqual(['in_progress', 'done', 'blocked', 'done', undefined]);
  });
  it('splits indicator values on ; and ； with = or ：', () => {
    expect(splitValues('1=3000；2：12')).toEqual([
      { key: '1', value: '3000' },
      { key: '2', value: '12' },
    ]);
    expect(splitValues('3000')).toBeUndefined();
  });
});
