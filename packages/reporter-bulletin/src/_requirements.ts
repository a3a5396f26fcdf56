import { addDays, chineseDate, monthDay, type ReportContext } from '@duban/reporter-api';
import { chineseNumber, trimEnd } from './_text.js';

/** The reply date as the text prints it: 7月15日, or with the year when it falls in another. The host works it out (`issue.replyBy`, calendar or working days); older hosts without it get date + replyDays. */
export function replyDate(
  issue: Pick<ReportContext['issue'], 'date' | 'replyDays'> & Partial<Pick<ReportContext['issue'], 'replyBy'>>,
): string {
  const d = issue.replyBy ?? addDays(issue.date, issue.replyDays);
  return d.slice(0, 4) === issue.date.slice(0, 4) ? monthDay(d) : chineseDate(d);
}

/**
 * 下一步要求 as 一是…二是…: the office's own wording when config gives it
 * (`{{replyDate}}` is filled in), else paragraphs chosen by what this issue
 * found — nothing asks to rectify a category that is empty — ending with a
 * concrete reply date.
 */
export function requirements(ctx: Pick<ReportContext, 'tasks' | 'units' | 'issue'>): string[] {
  const reply = replyDate(ctx.issue);
  const own = ctx.issue.wording.requirements;
  if (own !== undefined) {
    const list = (typeof own === 'string' ? own.split(/\r?\n/u) : [...own]).map((s) => s.trim()).filter(Boolean);
    if (list.length) return list.map((s) => s.replace(/\{\{\s*replyDate\s*\}\}/gu, reply));
  }
  const overdue = ctx.tasks.some((t) => t.verdict.status === 'overdue');
  const atRisk = ctx.tasks.some((t) => t.verdict.status === 'at_risk');
  const silent = ctx.units.some((u) => u.unreported.length > 0);
  const office = trimEnd(ctx.issue.office);
  const lagging = [overdue ? '逾期未完成' : '', atRisk ? '进度滞后' : ''].filter(Boolean).join('和');
  const parts: [string, string][] = [
    [
      '压实工作责任',
      '各牵头单位要切实履行牵头抓总职责，对照任务分解方案逐项梳理、挂图作战；配合单位要主动对接、密切协作，确保各项任务按时保质完成。',
    ],
  ];
  if (lagging)
    parts.push([
      '加快滞后任务推进',
      `对本期通报的${lagging}任务，责任单位要深入分析原因，倒排时间节点，逐项明确整改措施和完成时限，请于${reply}前将整改情况书面报送${office}。`,
    ]);
  parts.push(
    silent
      ? [
          '按时报送进展',
          `未按要求报送进展的单位要立即补报；各责任单位要按月如实报送任务进展情况，反映存在的问题和困难${lagging ? '' : `，请于${reply}前报送下一阶段推进情况`}。`,
        ]
      : [
          '及时准确报送进展',
          `各责任单位要按月如实报送任务进展情况，反映存在的问题和困难${lagging ? '' : `，请于${reply}前报送下一阶段推进情况`}。`,
        ],
  );
  parts.push([
    '强化跟踪督办',
    `${office}将对${lagging ? `${lagging}的任务进行重点督查，跟踪督办直至完成` : '各项任务持续跟踪督办'}，督查情况纳入年度目标责任考核。`,
  ]);
  return parts.map(([head, body], i) => `${chineseNumber(i + 1)}是${head}。${body}`);
}
