import { statusLabels, type Indicator, type IsoDate, type Plan, type ProgressReport, type Status, type Task, type Verdict } from '@duban/core';
import type { TaskProgress } from '@duban/reporter-api';

/** One task as a ledger row: values typed as they go into cells (dates as Date, ratios as numbers). */
export interface LedgerRow {
  /** 序号: the task number. */
  task: number;
  section: number;
  /** 部分: the section heading (一、强化关键支撑…). */
  sectionTitle: string;
  /** 重点任务: the full text. */
  text: string;
  /** 牵头单位 (or the convener of responsible units), joined with 、. */
  lead: string;
  /** 配合/责任单位 joined with 、. */
  co: string;
  /** 量化指标: one line per indicator, target and latest actual. */
  indicators: string;
  /** 时限 as written (年底前), or the date when the notice gave none. */
  deadlinePhrase: string;
  /** 截止日期 */
  deadline: Date;
  /** 完成进度 as a ratio 0–1 (Excel shows it as a percentage); null without a report. */
  progress: number | null;
  /** 最新进展: the latest report's narrative. */
  narrative: string;
  /** 报送日期 of the latest report. */
  reportedAt: Date | null;
  /** 报送单位 of the latest report. */
  reportedBy: string;
  status: Status | null;
  /** 评价 in Chinese. */
  verdict: string;
  /** 评价依据: the rule's printed reason. */
  reason: string;
}

/** One indicator of one task with its latest actual value. */
export interface IndicatorRow {
  task: number;
  key: string;
  /** The phrase as written. */
  text: string;
  metric: string;
  /** ≥, ≤ or = */
  comparator: string;
  target: number;
  unit: string;
  actual: number | null;
  /** Completion against the target honouring the comparator, 0–1 capped at 1; null without an actual. */
  ratio: number | null;
  reportedAt: Date | null;
  deadline: Date | null;
}

/** What the ledger needs from the report context. */
export interface LedgerInput {
  plan: Pick<Plan, 'sections' | 'tasks' | 'year' | 'title'>;
  verdicts: readonly Verdict[];
  progress: readonly TaskProgress[];
  asOf: IsoDate;
}

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

/** The latest actual of an indicator: the newest report (of any unit) that gives a value for it. */
export function latestActual(reports: readonly ProgressReport[], key: string): { value: number; date: string } | null {
  const sorted = [...reports].sort((a, b) => b.date.localeCompare(a.date));
  for (const r of sorted) {
    const v = r.values[key];
    if (typeof v === 'number' && Number.isFinite(v)) return { value: v, date: r.date };
  }
  return null;
}

/** Completion of an actual against a target: ≥ targets by actual/target, ≤ targets are met at or below the target. */
export function completion(indicator: Pick<Indicator, 'comparator' | 'value'>, actual: number): number {
  const { comparator, value } = indicator;
  if (comparator === 'le') return actual <= value ? 1 : value > 0 ? Math.max(0, value / actual) : 0;
  if (value === 0) return 1;
  return Math.max(0, Math.min(1, actual / value));
}

function narrative(r: ProgressReport | null): string {
  if (!r) return '';
  return [
    r.progress && `进展情况：${r.progress}`,
    r.problems && `存在问题：${r.problems}`,
    r.nextSteps && `下一步措施：${r.nextSteps}`,
  ].filter(Boolean).join('\n');
}

function unitName(a: Task['assignments'][number]): string {
  return a.alias ? `${a.unit}（${a.alias}）` : a.unit;
}

/** Builds one row per task, in task order. */
export function buildLedgerRows(input: LedgerInput): LedgerRow[] {
  const sections = new Map(input.plan.sections.map((s) => [s.number, `${sectionPrefix(s.number)}${s.title}`]));
  const verdicts = new Map(input.verdicts.map((v) => [v.task, v]));
  const progress = new Map(input.progress.map((p) => [p.task, p]));
  return [...input.plan.tasks].sort((a, b) => a.number - b.number).map((task) => {
    const p = progress.get(task.number);
    const latest = p?.latest ?? p?.reports[0] ?? null;
    const v = verdicts.get(task.number);
    const leads = task.assignments.filter((a) => a.role === 'lead' || (a.role === 'responsible' && a.convener));
    const others = task.assignments.filter((a) => !leads.includes(a));
    const indicators = task.indicators.map((ind) => {
      const actual = latestActual(p?.reports ?? [], ind.key);
      return `${ind.text}（目标${COMPARATORS[ind.comparator]}${ind.value}${ind.unit}；最新：${actual ? `${actual.value}${ind.unit}` : '未报'}）`;
    });
    return {
      task: task.number,
      section: task.section,
      sectionTitle: sections.get(task.section) ?? `${sectionPrefix(task.section)}`,
      text: task.text,
      lead: leads.map(unitName).join('、'),
      co: others.map(unitName).join('、'),
      indicators: indicators.join('\n'),
      deadlinePhrase: task.deadline.phrase ?? '',
      deadline: excelDate(task.deadline.date),
      progress: latest?.percent !== undefined ? latest.percent / 100 : latest?.state === 'done' ? 1 : null,
      narrative: narrative(latest),
      reportedAt: latest ? excelDate(latest.date) : null,
      reportedBy: latest?.unit ?? '',
      status: v?.status ?? null,
      verdict: v ? statusLabels[v.status] : '',
      reason: v?.reason ?? '',
    };
  });
}

/** One row per indicator of every task, with its latest actual and completion. */
export function buildIndicatorRows(input: Pick<LedgerInput, 'plan' | 'progress'>): IndicatorRow[] {
  const progress = new Map(input.progress.map((p) => [p.task, p]));
  return input.plan.tasks.flatMap((task) =>
    task.indicators.map((ind) => {
      const actual = latestActual(progress.get(task.number)?.reports ?? [], ind.key);
      return {
        task: task.number, key: ind.key, text: ind.text, metric: ind.metric,
        comparator: COMPARATORS[ind.comparator], target: ind.value, unit: ind.unit,
        actual: actual?.value ?? null, ratio: actual ? completion(ind, actual.value) : null,
        reportedAt: actual ? excelDate(actual.date) : null,
        deadline: excelDate((ind.deadline ?? task.deadline).date),
      };
    }),
  );
}
