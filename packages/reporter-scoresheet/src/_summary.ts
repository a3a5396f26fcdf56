import type { IsoDate, Status, UnitScore, Verdict } from '@duban/core';
import type { UnitInfo } from '@duban/reporter-api';
import { formatChineseDate, formatPoints, roundPoints } from './_format.js';
import { sheetLines } from './_sheet.js';

/** One row of the summary ranking: a unit, its rank, total and counts by verdict and role. */
export interface SummaryRow {
  /** 序号 in ranking order. */
  no: number;
  /** 分值: what the unit's sheet lines are worth in all. */
  max: string;
  /** 名次; tied totals share a rank (1, 2, 2, 4). */
  rank: number;
  unit: string;
  total: string;
  totalValue: number;
  /** Tasks the unit holds, by role. */
  lead: number;
  co: number;
  responsible: number;
  /** Tasks the unit holds, by verdict. */
  completed: number;
  onTrack: number;
  atRisk: number;
  overdue: number;
  notDue: number;
  /** Sum of deductions (as a positive number) and of bonuses. */
  deducted: string;
  bonus: string;
}

/** What the summary template prints. */
export interface SummaryView {
  attachment: string;
  title: string;
  assessedAt: string;
  rows: SummaryRow[];
  /** Column totals of the counts, for the 合计 row. */
  totals: Pick<SummaryRow, 'lead' | 'co' | 'responsible' | 'completed' | 'onTrack' | 'atRisk' | 'overdue' | 'notDue'>;
}

/** What building the summary needs from the report context. */
export interface SummaryInput {
  plan: { year: number };
  asOf: IsoDate;
  scores: readonly UnitScore[];
  units: readonly UnitInfo[];
  verdicts: readonly Pick<Verdict, 'task' | 'status'>[];
}

/** Ranks all assessed units by total (ties share a rank, then by name) with their counts. */
export function buildSummary(input: SummaryInput, options: { summaryAttachment: number; summaryTitle: string }): SummaryView {
  const status = new Map(input.verdicts.map((v) => [v.task, v.status]));
  const units = new Map(input.units.map((u) => [u.name, u]));
  const sorted = [...input.scores].sort((a, b) => roundPoints(b.total) - roundPoints(a.total) || a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
  const rows: SummaryRow[] = [];
  sorted.forEach((score, i) => {
    const prev = rows[i - 1];
    const total = roundPoints(score.total);
    const held = units.get(score.unit)?.tasks ?? [];
    const byStatus = (s: Status) => new Set(held.filter((t) => status.get(t.task) === s).map((t) => t.task)).size;
    const points = (sign: 1 | -1) => formatPoints(Math.abs(score.items.filter((it) => Math.sign(it.points) === sign).reduce((s, it) => s + it.points, 0)));
    rows.push({
      no: i + 1,
      max: formatPoints(sheetLines(score).reduce((s, l) => s + l.max, 0)),
      rank: prev && prev.totalValue === total ? prev.rank : i + 1,
      unit: score.unit,
      total: formatPoints(total),
      totalValue: total,
      lead: held.filter((t) => t.role === 'lead').length,
      co: held.filter((t) => t.role === 'co').length,
      responsible: held.filter((t) => t.role === 'responsible').length,
      completed: byStatus('completed'),
      onTrack: byStatus('on_track'),
      atRisk: byStatus('at_risk'),
      overdue: byStatus('overdue'),
      notDue: byStatus('not_due'),
      deducted: points(-1),
      bonus: points(1),
    });
  });
  const sum = (k: keyof SummaryView['totals']) => rows.reduce((s, r) => s + r[k], 0);
  return {
    attachment: `附件${options.summaryAttachment}`,
    title: options.summaryTitle.replaceAll('{year}', String(input.plan.year)),
    assessedAt: formatChineseDate(input.asOf),
    rows,
    totals: {
      lead: sum('lead'), co: sum('co'), responsible: sum('responsible'),
      completed: sum('completed'), onTrack: sum('onTrack'), atRisk: sum('atRisk'), overdue: sum('overdue'), notDue: sum('notDue'),
    },
  };
}
