import { describe, expect, it } from 'vitest';
import { formatChineseDate, formatPoints, safeFileName, uniqueNames } from './_format.js';
import { itemsByLine, reasonText } from './_reasons.js';

describe('formatting', () => {
  it('prints points without float noise or trailing zeros', () => {
    expect(formatPoints(0.1 + 0.2)).toBe('0.3');
    expect(formatPoints(100)).toBe('100');
    expect(formatPoints(97.5)).toBe('97.5');
    expect(formatPoints(-0)).toBe('0');
  });

  it('writes dates without leading zeros', () => {
    expect(formatChineseDate('2019-03-08')).toBe('2019年3月8日');
  });

  it('makes unit names safe for every file system and keeps them readable', () => {
    expect(safeFileName('市发改委<市飞地办>')).toBe('市发改委＜市飞地办＞');
    expect(safeFileName('a/b\\c:d*e?f"g|h')).toBe('a／b＼c：d＊e？f＂g｜h');
    expect(safeFileName('..')).toBe('unit');
    expect(safeFileName('x\u0000y ')).toBe('x_y');
    expect(uniqueNames(['A', 'a', 'B', 'A'])).toEqual(['A', 'a-2', 'B', 'A-3']);
  });

  it('states the points of a reason once, and always the rule', () => {
    expect(reasonText({ task: null, role: null, points: -2, rule: '推进方案逾期扣分', reason: '未在时限内报送推进方案（1项），扣2分' })).toBe('未在时限内报送推进方案（1项），扣2分（规则：推进方案逾期扣分）');
    expect(reasonText({ task: 5, role: 'co', points: 1, rule: '提前完成', reason: '' })).toBe('第5项（配合）：加1分（规则：提前完成）');
  });

  it('never drops an item that fits no line', () => {
    const byLine = itemsByLine(
      [{ task: 1, role: 'lead', item: 'x', max: 5, score: 5 }],
      [{ task: 9, role: 'co', points: -1, rule: 'r', reason: 'y' }],
    );
    expect(byLine[0]).toHaveLength(1);
  });
});
