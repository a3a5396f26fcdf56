import { monthDay } from './_dates.js';
import type { Comparator } from './_plan.js';

// How figures print, decided once: a task's progress, an indicator's attainment,
// a share. Every document quotes these strings.

/** 41 → "41", 49.55 → "49.6" (one decimal at most, never 49.50 or 49.5499). */
export function percentText(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** What a figure's text needs: percent, state, who reported and when. */
export interface FigureParts {
  percent: number;
  state: 'none' | 'in_progress' | 'done' | 'blocked';
  /** Printed name of the unit whose report it is. */
  unitName: string | null;
  date: string | null;
  /** Printed name of the reporting unit when another unit's report stands in for it (it has not reported). */
  missing?: string | null;
}

/**
 * The one printed form of a progress figure with its source:
 * 完成41%（市发改委6月30日报）, 已完成（市教体局5月31日报）, 完成30%，推进受阻（…）,
 * 未报送进展. When another unit's report stands in: （市工信局6月5日报，市发改委未报送）.
 */
export function figureText(f: FigureParts): string {
  if (f.state === 'none' || f.date === null) return '未报送进展';
  const what =
    f.state === 'done' || f.percent >= 100
      ? '已完成'
      : `完成${percentText(f.percent)}%${f.state === 'blocked' ? '，推进受阻' : ''}`;
  const who = `${f.unitName ?? ''}${monthDay(f.date)}报`;
  return `${what}（${who}${f.missing ? `，${f.missing}未报送` : ''}）`;
}

/** A unit's own figure on a multi-unit task, its name printed beside it: 完成30%（6月5日报）or 未报送. */
export function ownFigureText(f: Omit<FigureParts, 'unitName' | 'missing'>): string {
  if (f.state === 'none' || f.date === null) return '未报送';
  const what =
    f.state === 'done' || f.percent >= 100
      ? '已完成'
      : `完成${percentText(f.percent)}%${f.state === 'blocked' ? '，推进受阻' : ''}`;
  return `${what}（${monthDay(f.date)}报）`;
}

const SIGN: Record<Comparator, string> = { ge: '', le: '≤', eq: '' };

/** An indicator's attainment as printed: 3120/5662公里，55.1%; 实际3.2%，目标≤3.5%（已达到）; 目标5662公里，未报. */
export function attainmentText(i: {
  target: number;
  measure: string;
  comparator: Comparator;
  actual: number | null;
  attainment: number | null;
}): string {
  if (i.actual === null || i.attainment === null) return `目标${SIGN[i.comparator]}${i.target}${i.measure}，未报`;
  if (i.comparator === 'ge') return `${i.actual}/${i.target}${i.measure}，${percentText(i.attainment)}%`;
  return `实际${i.actual}${i.measure}，目标${SIGN[i.comparator]}${i.target}${i.measure}（${i.attainment >= 100 ? '已达到' : `${percentText(i.attainment)}%`}）`;
}

/**
 * Shares of a total, each rounded on its own to one decimal (10/15 → 66.7), as
 * official text prints them: the shares may then add up to 100.1.
 */
export function shareText(count: number, total: number): string {
  return total > 0 ? (Math.round((count / total) * 1000) / 10).toFixed(1) : '0.0';
}

/**
 * The ledger's audit head as documents print it (台账核验码), in the form
 * `duban audit verify --expect-head` takes, so anyone holding the document can
 * check the ledger still holds what it was made from: 128:9f2c3a1b4d5e6f70.
 */
export function auditHeadText(head: { seq: number; hash: string } | null | undefined): string {
  return head ? `${head.seq}:${head.hash.slice(0, 16)}` : '';
}
