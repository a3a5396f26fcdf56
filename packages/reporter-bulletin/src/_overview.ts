import {
  type JudgedTask,
  monthDay,
  type ReportContext,
  STATUS_ORDER,
  type Status,
  shareText,
  statusLabels,
} from '@duban/reporter-api';
import type { Block } from './_blocks.js';
import { comparedWithPrevious } from './_compare.js';
import { chineseNumber, trimEnd } from './_text.js';

/** One verdict's count and share, as printed. */
export interface StatusCount {
  status: Status;
  label: string;
  count: number;
  /** Rounded on its own to one decimal: shares may add up to 100.1. */
  share: string;
}

/** Counts per status in the one status order, empty statuses left out. */
export function countVerdicts(tasks: readonly Pick<JudgedTask, 'verdict'>[]): StatusCount[] {
  return STATUS_ORDER.map((status) => {
    const count = tasks.filter((t) => t.verdict.status === status).length;
    return { status, label: statusLabels[status], count, share: shareText(count, tasks.length) };
  }).filter((c) => c.count > 0);
}

/** 已完成5项、占5.5%，正常推进62项、占68.1%（其中进度较快2项），… */
export function countsSentence(tasks: readonly Pick<JudgedTask, 'verdict'>[]): string {
  const ahead = tasks.filter((t) => t.verdict.category === 'ahead').length;
  return countVerdicts(tasks)
    .map(
      (c) =>
        `${c.label}${c.count}项、占${c.share}%${c.status === 'on_track' && ahead ? `（其中进度较快${ahead}项）` : ''}`,
    )
    .join('，');
}

/** 一、总体情况: counts and shares overall, then a paragraph per section with its own. */
export function overview(
  ctx: Pick<ReportContext, 'tasks' | 'plan' | 'asOf'> & Partial<Pick<ReportContext, 'history' | 'counts'>>,
): Block[] {
  const compared = comparedWithPrevious(ctx);
  const blocks: Block[] = [
    {
      kind: 'p',
      text: `截至${monthDay(ctx.asOf)}，纳入督查的${ctx.tasks.length}项重点任务中，${countsSentence(ctx.tasks)}。${compared ?? ''}`,
    },
  ];
  const sections = ctx.plan.sections
    .map((s) => ({ s, own: ctx.tasks.filter((t) => t.section === s.number) }))
    .filter((x) => x.own.length > 0);
  // One section (or none) adds nothing to the overall figures.
  if (sections.length < 2) return blocks;
  sections.forEach(({ s, own }, i) => {
    blocks.push({
      kind: 'p',
      lead: `（${chineseNumber(i + 1)}）${trimEnd(s.title.replace(/^[一二三四五六七八九十]+、/u, ''))}。`,
      text: `共${own.length}项，其中${countsSentence(own)}。`,
    });
  });
  return blocks;
}
