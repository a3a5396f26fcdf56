import type { Plan, ProgressReport, UnitDirectory } from '@duban/core';

// A small plan shaped like the seed notice (安康 2019): three sections, six tasks,
// a lead/co task, a convener task, a group and a correction. Made up for tests:
// the numbers are plausible, not real. The judged view of it is made by the same
// code path as a real run (@duban/rules with the default rules), never by hand.

const task = (
  number: number,
  section: number,
  title: string,
  rest: string,
  assignments: Plan['tasks'][number]['assignments'],
  deadline: { phrase: string | null; date: string },
  line: number,
  indicators: Plan['tasks'][number]['indicators'] = [],
): Plan['tasks'][number] => ({
  number,
  section,
  title,
  text: `${title}${rest}`,
  source: { startLine: line, endLine: line },
  assignments,
  indicators,
  deadline,
});

/** The fixture plan (示例市人民政府, 2019). */
export const fixturePlan: Plan = {
  issuer: '示例市人民政府',
  docNumber: '示政发〔2019〕1号',
  title: '示例市人民政府关于印发2019年重点工作任务分解方案的通知',
  date: '2019-02-20',
  year: 2019,
  headline: [{ key: '1', text: '生产总值增长9%', metric: '生产总值增长', value: 9, unit: '%', comparator: 'ge' }],
  milestones: [
    {
      key: '1',
      text: '3月8日12时前报送推进方案',
      deadline: { phrase: '3月8日12时前', date: '2019-03-08' },
      time: '12:00',
    },
  ],
  sections: [
    { number: 1, title: '强化关键支撑，推动经济高质量发展' },
    { number: 2, title: '坚持城乡融合，加快基础设施建设' },
    { number: 3, title: '增进民生福祉，办好民生实事' },
  ],
  tasks: [
    task(
      1,
      1,
      '完成固定资产投资增长10%以上',
      '，全年实施重点项目300个。',
      [
        { unit: '市发改委', role: 'lead' },
        { unit: '市财政局', role: 'co' },
      ],
      { phrase: '年底前', date: '2019-12-31' },
      5,
      [{ key: '1', text: '实施重点项目300个', metric: '实施重点项目', value: 300, unit: '个', comparator: 'ge' }],
    ),
    task(
      2,
      1,
      '上半年完成营商环境评估',
      '，形成评估报告。',
      [{ unit: '市发改委', role: 'lead' }],
      { phrase: '上半年', date: '2019-06-30' },
      6,
    ),
    task(
      3,
      2,
      '新改建农村公路1200公里',
      '，8月底前完成年度任务的80%。',
      [
        { unit: '市交通局', role: 'lead' },
        { unit: '各县区政府', role: 'co', isGroup: true },
      ],
      { phrase: '年内', date: '2019-12-31' },
      9,
      [
        {
          key: '1',
          text: '新改建农村公路1200公里',
          metric: '新改建农村公路',
          value: 1200,
          unit: '公里',
          comparator: 'ge',
        },
      ],
    ),
    task(
      4,
      2,
      '3月底前完成棚户区改造项目开工',
      '。',
      [
        { unit: '市住建局', role: 'responsible', convener: true },
        { unit: '市财政局', role: 'responsible' },
      ],
      { phrase: '3月底前', date: '2019-03-31' },
      10,
    ),
    task(
      5,
      3,
      '秋季开学前建成中小学校舍5所',
      '。',
      [{ unit: '市教育局', role: 'lead' }],
      { phrase: '秋季开学前', date: '2019-08-31' },
      13,
      [{ key: '1', text: '建成中小学校舍5所', metric: '建成中小学校舍', value: 5, unit: '所', comparator: 'ge' }],
    ),
    task(
      6,
      3,
      '办好十件民生实事',
      '，按季度报送进展。',
      [
        { unit: '市财政局', role: 'lead' },
        { unit: '各县区政府', role: 'co', isGroup: true },
      ],
      { phrase: null, date: '2019-12-31' },
      14,
    ),
  ],
  units: ['各县区政府', '市住建局', '市发改委', '市教育局', '市财政局', '市交通局'],
  warnings: [],
  sourceDigest: '0'.repeat(64),
  sourceName: 'fixture-notice.txt',
};

/** The fixture unit directory. */
export const fixtureDirectory: UnitDirectory = {
  name: '示例市单位名录（测试用）',
  units: [
    {
      name: '市发改委',
      fullName: '示例市发展和改革委员会',
      aliases: ['市发展改革委'],
      kind: 'city_department',
      contact: { person: '李华', phone: '0915-3211001' },
    },
    {
      name: '市财政局',
      fullName: '示例市财政局',
      aliases: [],
      kind: 'city_department',
      contact: { person: '赵敏', phone: '0915-3211002' },
    },
    {
      name: '市交通局',
      fullName: '示例市交通运输局',
      aliases: [],
      kind: 'city_department',
      contact: { person: '陈刚', phone: '0915-3211003' },
    },
    { name: '市住建局', fullName: '示例市住房和城乡建设局', aliases: [], kind: 'city_department' },
    { name: '市教育局', fullName: '示例市教育局', aliases: [], kind: 'city_department' },
    { name: '甲县人民政府', aliases: ['甲县政府'], kind: 'county_government' },
    { name: '乙区人民政府', aliases: ['乙区政府'], kind: 'county_government' },
  ],
  groups: [{ name: '各县区政府', aliases: [], members: ['甲县人民政府', '乙区人民政府'], source: 'fixture' }],
  office: { name: '示例市人民政府督查室', contact: { person: '王明', phone: '0915-3210000' } },
};

const report = (
  id: number,
  task: number,
  unit: string,
  date: string,
  state: ProgressReport['state'],
  percent: number,
  progress: string,
  extra: Partial<ProgressReport> = {},
): ProgressReport => ({
  id,
  task,
  unit,
  date,
  state,
  percent,
  values: {},
  progress,
  problems: '',
  nextSteps: '',
  evidence: [],
  source: 'fixture',
  ...extra,
});

/** Progress entries, oldest first (entry 7 supersedes entry 6). */
export const fixtureProgress: ProgressReport[] = [
  report(1, 1, '市发改委', '2019-05-31', 'in_progress', 50, '已开工重点项目152个。', { values: { '1': 152 } }),
  report(2, 1, '市财政局', '2019-05-31', 'in_progress', 45, '下达项目前期经费2.1亿元。'),
  report(3, 2, '市发改委', '2019-06-20', 'done', 100, '评估报告已印发。'),
  report(4, 3, '市交通局', '2019-06-25', 'in_progress', 30, '完成农村公路360公里。', {
    values: { '1': 360 },
    problems: '雨季施工受阻。',
    nextSteps: '增加施工班组。',
  }),
  report(5, 4, '市住建局', '2019-03-20', 'in_progress', 60, '已开工项目12个，尚有8个未开工。', {
    problems: '征迁进度慢。',
  }),
  report(6, 6, '市财政局', '2019-06-10', 'in_progress', 40, '已办结四件。'),
  report(7, 6, '市财政局', '2019-06-12', 'in_progress', 70, '已办结七件。', { supersedes: 6 }),
];
