import { describe, expect, it } from 'vitest';
import { periodLabel } from './_period.js';

describe('periodLabel', () => {
  it('names quarters and the half year at their ends', () => {
    expect(periodLabel('2019-03-31')).toBe('一季度');
    expect(periodLabel('2019-06-30')).toBe('上半年');
    expect(periodLabel('2019-09-30')).toBe('前三季度');
    expect(periodLabel('2019-12-31')).toBe('全年');
  });
  it('uses 1—N月 for other month ends and the previous month end mid-month', () => {
    expect(periodLabel('2019-05-31')).toBe('1—5月');
    expect(periodLabel('2019-07-15')).toBe('上半年');
    expect(periodLabel('2019-02-28')).toBe('1—2月');
    expect(periodLabel('2019-01-31')).toBe('1月');
  });
});
