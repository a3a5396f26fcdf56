import { auditHeadText, chineseDate, type ReportContext } from '@duban/reporter-api';
import { formatPoints } from './_format.js';

/** One unit on the ranking summary. */
export interface SummaryRow {
  no: number;
  unit: string;
  /** 分值: what the sheet's lines are worth without the bonus (the base). */
  max: string;
  total: string;
  totalValue: number;
  /** 名次 within its group, or — when not ranked. */
  rank: string;
  grade: string;
  /** Tasks it leads or answers for, and tasks it co-operates on. */
  main: number;
  co: number;
  completed: number;
  atRisk: number;
  overdue: number;
  deducted: string;
  bonus: string;
  note: string;
}

/** A ranking group and its units. */
export interface SummaryGroup {
  heading: string;
  rows: SummaryRow[];
}

/** What the summary template prints. */
export interface SummaryView {
  attachment: string;
  title: string;
  office: string;
  assessedAt: string;
  issuedAt: string;
  groups: SummaryGroup[];
  notes: string[];
  total: number;
  /** 台账核验码 ('' without a ledger). */
  check: string;
  /** Column totals for the 合计 row (tasks counted per unit, so a shared task counts for each). */
  totals: Pick<SummaryRow, 'main' | 'co' | 'completed' | 'atRisk' | 'overdue'>;
}

/** The ranking summary: units by ranking group, rank and grade as the judged view decided them, with the method in notes. */
export function buildSummary(
  ctx: Pick<ReportContext, 'plan' | 'asOf' | 'issue' | 'scores' | 'standings' | 'ranking' | 'units' | 'tasks'>,
  options: { summaryAttachment?: number | undefined; summaryTitle: string },
): SummaryView {
  const scores = new Map(ctx.scores.map((s) => [s.unit, s]));
  const units = new Map(ctx.units.map((u) => [u.unit, u]));
  const status = new Map(ctx.tasks.map((t) => [t.task, t.verdict.status]));
  const groups: SummaryGroup[] = [];
  let no = 0;
  for (const s of ctx.standings) {
    let g = groups.find((x) => x.heading === s.group);
    if (!g) groups.push((g = { heading: s.group, rows: [] }));
    const score = scores.get(s.unit);
    const held = units.get(s.unit)?.tasks ?? [];
    const count = (st: string) => new Set(held.filter((t) => status.get(t.task) === st).map((t) => t.task)).size;
    const sum = (sign: 1 | -1) =>
      formatPoints(
        Math.abs(
          (score?.items ?? []).filter((it) => Math.sign(it.points) === sign).reduce((a, it) => a + it.points, 0),
        ),
      );
    g.rows.push({
      no: ++no,
      unit: s.name,
      max: formatPoints(score?.base ?? 0),
      total: formatPoints(s.total),
      totalValue: s.total,
      rank: s.rank === null ? '—' : String(s.rank),
      grade: s.grade,
      main: s.mainTasks,
      co: new Set(held.filter((t) => t.role === 'co').map((t) => t.task)).size,
      completed: count('completed'),
      atRisk: count('at_risk'),
      overdue: count('overdue'),
      deducted: sum(-1),
      bonus: sum(1),
      note: s.note ?? '',
    });
  }
  return {
    attachment: options.summaryAttachment ? `附件${options.summaryAttachment}` : '',
    title: options.summaryTitle.replaceAll('{year}', String(ctx.plan.year)),
    office: ctx.issue.office,
    assessedAt: chineseDate(ctx.asOf),
    issuedAt: chineseDate(ctx.issue.date),
    groups: groups.map((g, i) => ({ ...g, heading: `${'一二三四五六七八九十'[i] ?? i + 1}、${g.heading}` })),
    notes: [...ctx.ranking.notes],
    total: no,
    check: auditHeadText(ctx.issue.auditHead),
    totals: Object.fromEntries(
      (['main', 'co', 'completed', 'atRisk', 'overdue'] as const).map((k) => [
        k,
        groups.reduce((a, g) => a + g.rows.reduce((b, r) => b + r[k], 0), 0),
      ]),
    ) as SummaryView['totals'],
  };
}
