import { answeringText, type JudgedTask, type ReportContext, type Status } from '@duban/reporter-api';

/** One task as a ledger row: values typed as they go into cells (dates as Date, ratios as numbers 0–1). */
export interface LedgerRow {
  /** 序号: the task number. */
  task: number;
  section: number;
  /** 部分: the section heading (一、强化关键支撑…). */
  sectionTitle: string;
  /** 重点任务: the full text. */
  text: string;
  /** 责任市级领导, as the notice names them. */
  leaders: string;
  /** 牵头单位; empty for a task the notice gives no lead. */
  lead: string;
  /** 配合单位 under a lead, or the 责任单位 of a task with no lead (…分工负责). */
  others: string;
  /** 量化指标: one line per indicator with its attainment. */
  indicators: string;
  /** 时限 as written, or the resolved date's text; * for the year-end default. */
  deadlinePhrase: string;
  /** 截止日期 */
  deadline: Date;
  /** 序时进度 0–1. */
  elapsed: number;
  /** 完成进度 0–1 (the task's figure); null without a report. */
  progress: number | null;
  /** 报送单位 and 报送日期 of the figure's report. */
  reportedBy: string;
  reportedAt: Date | null;
  /** 进展情况 / 存在问题 / 下一步措施 of the figure's report. */
  narrative: string;
  problems: string;
  nextSteps: string;
  /** 各单位进展 for multi-unit tasks: one line per unit. */
  byUnit: string;
  status: Status;
  /** 评价 in Chinese. */
  verdict: string;
  /** 评价依据: the rule's printed reason. */
  reason: string;
  /** 督办记录/备注: left for the office. */
  remarks: string;
}

/** One indicator of one task with its latest actual. */
export interface IndicatorRow {
  task: number;
  key: string;
  text: string;
  metric: string;
  /** ≥, ≤ or = */
  comparator: string;
  target: number;
  unit: string;
  actual: number | null;
  /** Attainment 0–1; null without an actual. */
  ratio: number | null;
  reportedBy: string;
  reportedAt: Date | null;
  deadline: Date | null;
}

/** What the ledger needs from the report context. */
export type LedgerInput = Pick<ReportContext, 'plan' | 'tasks' | 'asOf' | 'method'>;

const COMPARATORS = { ge: '≥', le: '≤', eq: '=' } as const;
const NUMERALS = '零一二三四五六七八九十';

/** `2019-12-31` → a Date at UTC midnight, which Excel stores as that calendar day. */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** 1 → 一、 … 10 → 十、, 11 → 十一、 (section headings as the notice writes them). */
export function sectionPrefix(n: number): string {
  if (n <= 10) return `${NUMERALS[n]}、`;
  if (n < 20) return `十${NUMERALS[n - 10]}、`;
  return `${n}、`;
}

/** Builds one row per task, in plan order, from the judged view: every figure as the documents quote it. */
export function buildLedgerRows(input: LedgerInput): LedgerRow[] {
  const sections = new Map(
    input.plan.sections.map((s) => [
      s.number,
      `${sectionPrefix(s.number)}${s.title.replace(/^[一二三四五六七八九十]+、/u, '')}`,
    ]),
  );
  return input.tasks.map((t) => ({
    task: t.task,
    section: t.section,
    sectionTitle: sections.get(t.section) ?? sectionPrefix(t.section),
    text: t.text,
    leaders: t.leaders.join('、'),
    lead: t.lead.join('、'),
    others: t.noLead ? answeringText(t) : t.co.join('、'),
    indicators: t.indicators.map((i) => `${i.text}：${i.summary}`).join('\n'),
    deadlinePhrase: `${t.deadline.text}${t.deadline.yearEndDefault ? '*' : ''}`,
    deadline: excelDate(t.deadline.date),
    elapsed: t.elapsed / 100,
    progress: t.figure.date === null ? null : t.figure.percent / 100,
    reportedBy: t.figure.unitName ?? '',
    reportedAt: t.figure.date ? excelDate(t.figure.date) : null,
    narrative: t.narrative.progress,
    problems: t.narrative.problems,
    nextSteps: t.narrative.nextSteps,
    byUnit: byUnit(t),
    status: t.verdict.status,
    verdict: t.verdict.label,
    reason: t.verdict.reason,
    remarks: '',
  }));
}

/** 各单位进展: each assigned unit's own latest report, for tasks more than one unit holds. */
function byUnit(t: JudgedTask): string {
  if (t.byUnit.length < 2) return '';
  return t.byUnit.map((u) => `${u.unitName}：${u.text}`).join('\n');
}

/** One row per indicator of every task, with its latest actual and attainment. */
export function buildIndicatorRows(input: Pick<LedgerInput, 'tasks'>): IndicatorRow[] {
  return input.tasks.flatMap((t) =>
    t.indicators.map((i) => ({
      task: t.task,
      key: i.key,
      text: i.text,
      metric: i.metric,
      comparator: COMPARATORS[i.comparator],
      target: i.target,
      unit: i.measure,
      actual: i.actual,
      ratio: i.attainment === null ? null : i.attainment / 100,
      reportedBy: i.reportedBy ?? '',
      reportedAt: i.date ? excelDate(i.date) : null,
      deadline: excelDate(i.deadline),
    })),
  );
}
