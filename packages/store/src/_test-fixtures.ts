import type { Plan, ProgressReport, Task, UnitDirectory } from '@duban/core';

/** A small but complete plan for tests: `tasks` tasks in 2 sections, each led by 市发改委. */
export function samplePlan(tasks = 3, year = 2019): Plan {
  const list: Task[] = Array.from({ length: tasks }, (_, i) => ({
    number: i + 1,
    section: i < tasks / 2 ? 1 : 2,
    text: `完成第${i + 1}项任务，新建道路${(i + 1) * 10}公里。(市发改委牵头,市交通局配合)`,
    title: `完成第${i + 1}项任务`,
    source: { startLine: 10 + i, endLine: 10 + i },
    assignments: [
      { unit: '市发改委', role: 'lead' },
      { unit: '市交通局', role: 'co' },
    ],
    indicators: [
      {
        key: '1',
        text: `新建道路${(i + 1) * 10}公里`,
        metric: '新建道路',
        value: (i + 1) * 10,
        unit: '公里',
        comparator: 'ge',
      },
    ],
    deadline: { phrase: null, date: `${year}-12-31` },
  }));
  return {
    issuer: '安康市人民政府',
    docNumber: '安政发〔2019〕6号',
    title: '测试方案',
    date: `${year}-02-28`,
    year,
    headline: [],
    milestones: [],
    sections: [
      { number: 1, title: '一' },
      { number: 2, title: '二' },
    ],
    tasks: list,
    units: ['市交通局', '市发改委'],
    warnings: [],
    sourceDigest: 'x'.repeat(64),
    sourceName: 'test.txt',
  };
}

/** The directory matching `samplePlan`. */
export const sampleDirectory: UnitDirectory = {
  units: [
    { name: '市发改委', fullName: '安康市发展和改革委员会', aliases: ['发改委'], kind: 'city_department' },
    { name: '市交通局', aliases: [], kind: 'city_department' },
  ],
  groups: [],
};

/** A progress report with defaults filled in. */
export function report(
  task: number,
  date: string,
  percent: number,
  extra: Partial<ProgressReport> = {},
): ProgressReport {
  return {
    task,
    unit: '市发改委',
    date,
    percent,
    values: {},
    state: 'in_progress',
    progress: `完成${percent}%`,
    problems: '',
    nextSteps: '',
    evidence: [],
    ...extra,
  };
}
