import { describe, expect, it } from 'vitest';
import { cellsOf, tableHeader } from './_table.js';

const texts = (line: string) => cellsOf(line).map(([s, e]) => line.slice(s, e));

describe('cellsOf', () => {
  it('splits on every tab, keeping empty cells', () => {
    expect(texts('3\t新增就业\t县人社局\t\t王强\t')).toEqual(['3', '新增就业', '县人社局', '', '王强']);
  });

  it('splits on bars without the outer ones', () => {
    expect(texts('| 1 | 建成厂房 | 县住建局 |  |')).toEqual(['1', '建成厂房', '县住建局']);
  });

  it('splits on runs of spaces when there are no tabs or bars', () => {
    expect(texts('  1  建成厂房 5万平方米   县住建局')).toEqual(['1', '建成厂房 5万平方米', '县住建局']);
  });
});

describe('tableHeader', () => {
  it('maps the columns by their names', () => {
    expect(tableHeader('序号\t重点任务\t牵头单位\t配合单位\t责任领导\t完成时限')).toEqual({
      number: 0,
      text: 1,
      lead: 2,
      co: 3,
      leader: 4,
      deadline: 5,
    });
  });

  it('is null for lines that are not a task table header', () => {
    expect(tableHeader('序号\t姓名\t职务')).toBeNull();
    expect(tableHeader('1.实施2019“项目攻坚年”行动')).toBeNull();
    expect(tableHeader('重点任务\t牵头单位\t责任单位')).toBeNull();
  });
});
