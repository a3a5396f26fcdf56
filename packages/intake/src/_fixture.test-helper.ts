// A small plan and directory for unit tests (not exported from the package).
import type { Plan, Task, UnitDirectory } from '@duban/core';

const task = (
  number: number,
  assignments: Task['assignments'],
  indicators: Task['indicators'] = [],
  deadline = '2019-12-31',
): Task => ({
  number,
  section: 1,
  text: `任务${number}的全文。`,
  title: `任务${number}`,
  source: { startLine: number, endLine: number },
  assignments,
  indicators,
  deadline: { phrase: deadline === '2019-12-31' ? null : '上半年', date: deadline },
});

/** Three tasks: a lead+co task with two indicators, a group task, an unexpanded-group task. */
export const testPlan: Plan = {
  issuer: '安康市人民政府',
  docNumber: '安政发〔2019〕6号',
  title: '测试方案',
  date: '2019-02-28',
  year: 2019,
  headline: [],
  milestones: [],
  sections: [{ number: 1, title: '一、测试' }],
  tasks: [
    task(
      1,
      [
        { unit: '市发改委', role: 'lead' },
        { unit: '市财政局', role: 'co' },
      ],
      [
        { key: '1', text: '完成投资490亿元', metric: '完成投资', value: 490, unit: '亿元', comparator: 'ge' },
        { key: '2', text: '抓实200个项目', metric: '抓实项目', value: 200, unit: '个', comparator: 'ge' },
      ],
    ),
    task(
      2,
      [
        { unit: '汉滨区政府', role: 'responsible', group: '各县区政府', convener: true },
        { unit: '安康高新区管委会', role: 'responsible', group: '各县区政府' },
      ],
      [],
      '2019-06-30',
    ),
    task(3, [{ unit: '市政府有关工作部门', role: 'responsible', isGroup: true }]),
  ],
  units: ['安康高新区管委会', '市发改委', '市政府有关工作部门', '市财政局', '汉滨区政府'],
  warnings: [],
  sourceDigest: 'test',
};

/** Directory with full names and a group. */
export const testDirectory: UnitDirectory = {
  units: [
    { name: '市发改委', fullName: '安康市发展和改革委员会', aliases: ['发改委'], kind: 'city_department' },
    { name: '市财政局', fullName: '安康市财政局', aliases: [], kind: 'city_department' },
    { name: '汉滨区政府', fullName: '汉滨区人民政府', aliases: [], kind: 'county_government' },
    { name: '安康高新区管委会', aliases: ['高新区管委会'], kind: 'zone_committee' },
  ],
  groups: [{ name: '各县区政府', aliases: [], members: ['汉滨区政府', '安康高新区管委会'] }],
};
