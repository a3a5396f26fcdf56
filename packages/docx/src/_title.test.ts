import { describe, expect, it } from 'vitest';
import { packWords, textWidth } from './_table.js';
import { titleLines } from './_title.js';

describe('title lines', () => {
  it('keeps a short title on one line', () => {
    expect(titleLines('2019年度目标责任考核评分表', 20)).toEqual(['2019年度目标责任考核评分表']);
  });
  it('breaks a long title between phrases into even lines, where the PDF breaks it', () => {
    const lines = titleLines('关于2019年《政府工作报告》重点任务（上半年）落实情况的通报', 20);
    expect(lines).toEqual(['关于2019年《政府工作报告》', '重点任务（上半年）落实情况的通报']);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(20);
  });
  it('fills lines when no phrase boundary fits', () => {
    const lines = titleLines('一二三四五六七八九十一二三四五六七八九十一二三', 20);
    expect(lines.map((l) => [...l].length)).toEqual([20, 3]);
  });
});

describe('packing unit names', () => {
  it('breaks only between words, each line within the width', () => {
    expect(packWords(['安康高新区', '管委会、', '市发改委、', '市财政局'], 6)).toEqual([
      '安康高新区',
      '管委会、',
      '市发改委、',
      '市财政局',
    ]);
    expect(packWords(['市发改委、', '市财政局'], 10)).toEqual(['市发改委、市财政局']);
  });
  it('counts Latin letters and digits as half a character', () => {
    expect(textWidth('2019年')).toBe(3);
  });
});
