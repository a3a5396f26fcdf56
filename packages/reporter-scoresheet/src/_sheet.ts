import {
  auditHeadText,
  chineseDate,
  DubanError,
  type ReportContext,
  type ScoreLine,
  type UnitScore,
} from '@duban/reporter-api';
import { formatPoints, roundPoints } from './_format.js';
import type { ScoresheetOptions } from './_options.js';

/**
 * One row of a sheet. The category cells (序号, 考核项目, 分值, 评分标准, 自评分, 考核得分)
 * are printed once per line, on its first row, and merged down over its other rows
 * (no rule between them), so a long line still breaks between rows across pages.
 */
export interface SheetRow {
  /** Where the row sits in its line: only, first, mid or last (the merged cells' borders follow it). */
  pos: 'only' | 'first' | 'mid' | 'last';
  no: number;
  item: string;
  max: string;
  standard: string;
  score: string;
  /** 考核内容: the task (number, title, targets, deadline) or the duty. */
  content: string;
  /** 完成情况 as of the assessment date. */
  result: string;
  /** 扣分原因 / 加分原因. */
  reasons: string[];
}

/** What the score-sheet template prints for one unit. */
export interface SheetView {
  /** 附件N, or '' when the sheets have no covering document. */
  attachment: string;
  title: string;
  unit: string;
  assessedAt: string;
  office: string;
  /** 计分方法, from the rule set. */
  method: string;
  rows: SheetRow[];
  totalMax: string;
  total: string;
  /** The total as a number, equal to UnitScore.total. */
  totalValue: number;
  /** 名次 and 等次 line: 县区政府（管委会）第3名，等次：良好. */
  standing: string;
  /** 台账核验码: the ledger's audit head the sheet was made from ('' without a ledger). */
  check: string;
}

const EPS = 0.005;

/** Checks the sheet invariants: 0 ≤ score ≤ max on every line, lines sum to the total, every item on a row. */
export function checkLines(score: Pick<UnitScore, 'unit' | 'total' | 'items'>, lines: readonly ScoreLine[]): string[] {
  const problems: string[] = [];
  lines.forEach((l, i) => {
    if (l.score < -EPS) problems.push(`line ${i + 1} (${l.item}) scores ${l.score}, below 0`);
    if (l.score > l.max + EPS) problems.push(`line ${i + 1} (${l.item}) scores ${l.score}, above its 分值 ${l.max}`);
  });
  const sum = roundPoints(lines.reduce((s, l) => s + l.score, 0));
  if (Math.abs(sum - roundPoints(score.total)) > EPS)
    problems.push(`lines sum to ${sum} but the total is ${score.total}`);
  const printed = lines.reduce((n, l) => n + l.rows.reduce((m, r) => m + r.reasons.length, 0), 0);
  if (printed !== score.items.length)
    problems.push(`${score.items.length} deductions and bonuses but ${printed} printed reasons`);
  return problems;
}

/** Builds the printed view of one unit's sheet; throws DUBAN_SCORESHEET_INVARIANT when the lines are unsound. */
export function buildSheet(
  ctx: Pick<ReportContext, 'plan' | 'asOf' | 'issue' | 'method' | 'standings'>,
  score: UnitScore,
  options: Pick<ScoresheetOptions, 'attachment' | 'title'>,
): SheetView {
  const problems = checkLines(score, score.lines);
  if (problems.length) {
    throw new DubanError(
      'DUBAN_SCORESHEET_INVARIANT',
      `the score of ${score.unit} cannot be printed: its lines break the score-sheet rules`,
      {
        where: { path: `scores[unit=${score.unit}].lines` },
        problems: problems.map((message) => ({ code: 'DUBAN_SCORESHEET_LINE', message })),
        hint: 'check rules/scoring.json: every line needs 0 ≤ score ≤ max and the lines must add up to the total',
      },
    );
  }
  const rows: SheetRow[] = [];
  score.lines.forEach((line, i) => {
    const n = line.rows.length;
    line.rows.forEach((r, j) =>
      rows.push({
        pos: n === 1 ? 'only' : j === 0 ? 'first' : j === n - 1 ? 'last' : 'mid',
        no: i + 1,
        item: line.item,
        max: formatPoints(line.max),
        standard: line.standard,
        score: formatPoints(line.score),
        content: r.content,
        result: r.result,
        reasons: r.reasons,
      }),
    );
  });
  const s = ctx.standings.find((x) => x.unit === score.unit);
  const standing = s ? `${s.group}${s.rank === null ? '（不排名）' : `第${s.rank}名`}，等次：${s.grade}` : '';
  return {
    attachment: options.attachment ? `附件${options.attachment}` : '',
    title: options.title.replaceAll('{year}', String(ctx.plan.year)),
    unit: s?.name ?? score.unit,
    assessedAt: chineseDate(ctx.asOf),
    office: ctx.issue.office,
    method: ctx.method.scoringText,
    rows,
    totalMax: formatPoints(score.lines.filter((l) => !l.bonus).reduce((a, l) => a + l.max, 0)),
    total: formatPoints(score.total),
    totalValue: roundPoints(score.total),
    standing,
    check: auditHeadText(ctx.issue.auditHead),
  };
}
