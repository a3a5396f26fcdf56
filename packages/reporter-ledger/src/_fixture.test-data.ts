// A small hand-written plan for the ledger's unit tests: three tasks in two
// sections, one with two indicators (≥ and ≤), one without any report.
import type { Plan, Verdict } from '@duban/core';
import type { TaskProgress } from '@duban/reporter-api';
import type { LedgerInput } from './_rows.js';

const plan: Plan = {
  issuer: '安康市人民政府', docNumber: '安政发〔2019〕6号', title: '重点任务分解方案', date: '2019-02-28', year: 2019,
  headline: [], milestones: [], warnings: [], sourceDigest: 'x', units: [],
  sections: [{ number: 1, title: '强化关键支撑' }, { number: 2, title: '打好三大攻坚战' }],
  tasks: [
    {
      number: 1, section: 1, title: '抓实200个市级重点项目', text: '抓实200个市级重点项目，完成年度投资490亿元。', source: { startLine: 1, endLine: 1 },
      assignments: [{ unit: '市发改委', role: 'lead' }, { unit: '市财政局', role: 'co' }],
      indicators: [
        { key: '1', text: '完成年度投资490亿元', metric: '完成年度投资', value: 490, unit: '亿元', comparator: 'ge' },
        { key: '2', text: '能耗下降率控制在11%以下', metric: '能耗下降率', value: 11, unit: '%', comparator: 'le' },
      ],
      deadline: { phrase: '年底前', date: '2019-12-31' },
    },
    {
      number: 2, section: 1, title: '确保年内首飞', text: '统筹推进安康机场建设，确保年内首飞。', source: { startLine: 2, endLine: 2 },
      assignments: [{ unit: '市机场办', role: 'responsible', convener: true }, { unit: '市发改委', role: 'responsible', alias: '市飞地办' }],
      indicators: [], deadline: { phrase: null, date: '2019-12-31' },
    },
    {
      number: 3, section: 2, title: '脱贫', text: '实现22.9万贫困人口脱贫。', source: { startLine: 3, endLine: 3 },
      assignments: [{ unit: '市扶贫局', role: 'lead' }], indicators: [], deadline: { phrase: '8月底前', date: '2019-08-31' },
    },
  ],
};

const verdicts: Verdict[] = [
  { task: 1, status: 'at_risk', rule: 'behind-schedule', reason: '进度45%，低于序时进度58%，滞后13个百分点', facts: {}, conditions: [] },
  { task: 2, status: 'completed', rule: 'done', reason: '已完成', facts: {}, conditions: [] },
  { task: 3, status: 'overdue', rule: 'past-deadline', reason: '已超过时限（8月底前），尚未完成', facts: {}, conditions: [] },
];

const newer = { id: 2, task: 1, unit: '市发改委', date: '2019-06-30', percent: 45, values: { '1': 220 }, state: 'in_progress' as const, progress: '已开工180个', problems: '资金缺口', nextSteps: '加快推进', evidence: [] };
const older = { id: 1, task: 1, unit: '市财政局', date: '2019-05-31', values: { '1': 150, '2': 12.5 }, state: 'in_progress' as const, progress: '', problems: '', nextSteps: '', evidence: [] };
const progress: TaskProgress[] = [
  { task: 1, reports: [newer, older], latest: newer },
  { task: 2, reports: [{ id: 3, task: 2, unit: '市机场办', date: '2019-07-05', values: {}, state: 'done', progress: '7月5日首飞', problems: '', nextSteps: '', evidence: [] }], latest: null },
  { task: 3, reports: [], latest: null },
];

/** The fixture as ledger input, as of 2019-09-30. */
export const fixture: LedgerInput = { plan, verdicts, progress, asOf: '2019-09-30' };
