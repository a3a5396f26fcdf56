import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumber, fitSize, helpers } from './_helpers.js';

describe('template helpers', () => {
  it('writes dates in Arabic numerals without leading zeros', () => {
    expect(chineseDate('2019-07-05')).toBe('2019年7月5日');
    expect(chineseDate('2019-12-31')).toBe('2019年12月31日');
  });
  it('numbers sections in Chinese', () => {
    expect([1, 6, 10, 11, 20, 23].map(chineseNumber)).toEqual(['一', '六', '十', '十一', '二十', '二十三']);
  });
  it('ends recipients with exactly one full-width colon', () => {
    expect(helpers.endWith!('各县区人民政府', '：')).toBe('各县区人民政府：');
    expect(helpers.endWith!('各县区人民政府：', '：')).toBe('各县区人民政府：');
    expect(helpers.endWith!('各县区人民政府:', '：')).toBe('各县区人民政府：');
  });
  it('shrinks a masthead that would not fit the 156 mm type area, and only then', () => {
    expect(fitSize('督查通报', 44)).toBe(44);
    const long = '安康市人民政府办公室督查通报专刊';
    const size = fitSize(long, 44);
    expect(size).toBeLessThan(44);
    // At that size the name with its letter-spacing is within 156 mm (in pt).
    expect([...long].length * size * 1.3).toBeLessThanOrEqual((156 * 72) / 25.4);
    expect(helpers.fitSize!(long, 44, 0.3)).toBe(size);
  });
});
