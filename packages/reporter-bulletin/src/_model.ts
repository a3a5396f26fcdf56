/**
 * The bulletin's view model: everything the template prints, computed from the
 * frozen ReportContext by small pure functions. The template only lays it out.
 */
import { statusLabels, type Status, type Task, type Verdict } from '@duban/core';
import type { ReportContext } from '@duban/reporter-api';
import { periodLabel } from './_period.js';
import { formatShare, percentShares } from './_shares.js';
import { leadUnits, otherUnits } from './_units.js';
import { DEFAULT_REQUIREMENTS, paragraphs, single } from './_wording.js';

/** Order in which verdicts are counted and printed. */
export const STATUS_ORDER: readonly Status[] = ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'];

/** One verdict's count and share. */
export interface StatusCount {
  status: Status;
  label: string;
  count: number;
  share: string;
}

/** Counts per status (in STATUS_ORDER) with largest-remainder shares; not_due only when present. */
export function countVerdicts(verdicts: readonly Pick<Verdict, 'status'>[]): StatusCount[] {
  const counts = STATUS_ORDER.map((s) => verdicts.filter((v) => v.status === s).length);
  const shares = percentShares(counts);
  return STATUS_ORDER.map((status, i) => ({ status, label: statusLabels[status], count: counts[i]!, share: formatShare(shares[i]!) })).filter(
    (c) => c.status !== 'not_due' || c.count > 0,
  );
}

/** "已完成12项，占13.2%；正常推进…" */
export function countsSentence(counts: readonly StatusCount[]): string {
  return counts.map((c) => `${c.label}${c.count}项，占${c.share}%`).join('；');
}

/** A task printed in a list: number, title, units, verdict reason. */
export interface TaskLine {
  number: number;
  title: string;
  lead: string;
  reason: string;
}

function taskLine(task: Task, verdict: Verdict | undefined): TaskLine {
  return { number: task.number, title: trimEnd(task.title), lead: printableUnit(leadUnits(task).join('、')) || '未明确', reason: trimEnd(verdict?.reason ?? '') };
}

function trimEnd(text: string): string {
  return printable(text).trim().replace(/[。；;，,、]+$/, '');
}

/**
 * Official text uses full-width punctuation; notices scraped from web pages
 * bring half-width ,;:(). Digit groups (1,000) and times (12:00) stay as they are.
 */
export function printable(text: string): string {
  return text
    .replace(/(?<!\d),|,(?!\d)/g, '，')
    .replace(/;/g, '；')
    .replace(/(?<!\d):|:(?!\d)/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** A unit name as printed: the importer's <alias> brackets become full-width parentheses. */
export function printableUnit(name: string): string {
  return printable(name).replace(/</g, '（').replace(/>/g, '）');
}

/** True when an on-track task is clearly ahead of the elapsed-time schedule (by 10 points or more). */
export function isAhead(verdict: Verdict): boolean {
  const gap = verdict.facts.scheduleGap;
  return verdict.status === 'on_track' && typeof gap === 'number' && gap <= -10;
}

/** Deadline as printed in the table: the phrase as written, else the date. */
export function deadlineText(task: Task): string {
  if (task.deadline.phrase) return task.deadline.phrase;
  const [, m, d] = task.deadline.date.split('-').map(Number);
  return m === 12 && d === 31 ? '年底前' : `${m}月${d}日前`;
}

/** 进展情况 cell: the latest report's percent/state and, briefly, its narrative. */
export function progressText(ctx: Pick<ReportContext, 'progress'>, task: number): string {
  const latest = ctx.progress.find((p) => p.task === task)?.latest;
  if (!latest) return '未报送进展';
  // The full narrative stays in the ledger workbook; the bulletin's table gives the figure and its date.
  const parts: string[] = [];
  if (latest.state === 'done') parts.push('已完成');
  else if (latest.percent !== undefined) parts.push(`完成${Math.round(latest.percent)}%`);
  else parts.push('推进中');
  if (latest.state === 'blocked') parts.push('推进受阻');
  const [, m, d] = latest.date.split('-').map(Number);
  return `${parts.join('，')}（${m}月${d}日报）`;
}

/** Builds everything the bulletin template prints. */
export function buildBulletinModel(ctx: ReportContext, options: { attachment: boolean; title?: string }) {
  const { plan, issue } = ctx;
  const verdictOf = new Map(ctx.verdicts.map((v) => [v.task, v]));
  const tasks = [...plan.tasks].sort((a, b) => a.number - b.number);
  const judged = tasks.map((t) => verdictOf.get(t.number)).filter((v): v is Verdict => v !== undefined);
  const period = periodLabel(ctx.asOf);
  const wording = issue.wording;
  const title = options.title ?? single(wording.title) ?? `关于${plan.year}年《政府工作报告》重点任务（${period}）落实情况的通报`;
  const tableTitle = `${plan.year}年《政府工作报告》重点任务落实情况表`;
  const withStatus = (s: Status) => tasks.filter((t) => verdictOf.get(t.number)?.status === s).map((t) => taskLine(t, verdictOf.get(t.number)));
  const sections = plan.sections.map((s) => {
    const own = judged.filter((v) => tasks.find((t) => t.number === v.task)?.section === s.number);
    return { number: s.number, title: trimEnd(s.title.replace(/^[一二三四五六七八九十]+、/, '')), total: own.length, sentence: countsSentence(countVerdicts(own).filter((c) => c.count > 0)) };
  }).filter((s) => s.total > 0);
  const overall = countVerdicts(judged);
  const source = plan.title ? `《${plan.title.replace(/^《|》$/g, '')}》${plan.docNumber ? `（${plan.docNumber}）` : ''}` : '重点任务分解方案';
  const opening = single(wording.opening) ??
    `为全面掌握${plan.year}年《政府工作报告》重点任务落实情况，根据${source}要求，${issue.office}对全市${tasks.length}项重点任务截至${cnDate(ctx.asOf)}的推进情况进行了督查。本次督查采取责任单位自查报送、督查室汇总核实的方式，对照序时进度逐项评价。现将有关情况通报如下：`;
  return {
    title,
    docTitle: `${issue.publication}${issue.number === null ? '' : `第${issue.number}期`}`,
    masthead: { publication: issue.publication, number: issue.number, office: issue.office, date: issue.date },
    asOf: ctx.asOf,
    recipients: issue.recipients,
    opening,
    total: judged.length,
    overall,
    overallSentence: countsSentence(overall),
    sections,
    completed: withStatus('completed'),
    ahead: tasks.filter((t) => { const v = verdictOf.get(t.number); return v !== undefined && isAhead(v); }).map((t) => taskLine(t, verdictOf.get(t.number))),
    overdue: withStatus('overdue'),
    atRisk: withStatus('at_risk'),
    requirements: paragraphs(wording.requirements) ?? [...DEFAULT_REQUIREMENTS],
    attachment: options.attachment ? { label: '附件', title: tableTitle, columns: COLUMNS, rows: tasks.map((t, i) => attachmentRow(ctx, t, verdictOf.get(t.number), i + 1)) } : null,
    signature: { office: issue.office, date: issue.date },
    banji: { cc: issue.cc, printer: issue.printer, date: issue.date },
  };
}

/** Type of the view model the template receives. */
export type BulletinModel = ReturnType<typeof buildBulletinModel>;

const COLUMNS = [
  { label: '序号', width: '7%' },
  { label: '重点任务', width: '24%' },
  { label: '牵头单位', width: '13%' },
  { label: '责任单位', width: '19%' },
  { label: '时限', width: '9%' },
  { label: '进展情况', width: '16%' },
  { label: '评价', width: '12%' },
];

function attachmentRow(ctx: ReportContext, task: Task, verdict: Verdict | undefined, index: number) {
  const cell = (text: string, cls = '') => ({ class: cls, lines: [text] });
  return [
    cell(String(index), 'center'),
    cell(trimEnd(task.title)),
    cell(printableUnit(leadUnits(task).join('、')), 'units'),
    cell(printableUnit(otherUnits(task).join('、')) || '—', 'units'),
    cell(deadlineText(task), 'small center'),
    cell(progressText(ctx, task.number), 'small'),
    cell(verdict ? statusLabels[verdict.status] : '未评价', 'small center'),
  ];
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
