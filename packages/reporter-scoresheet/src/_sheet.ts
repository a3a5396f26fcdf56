import { DubanError, roleLabels, type IsoDate, type Plan, type ScoreLine, type UnitScore } from '@duban/core';
import { formatChineseDate, formatPoints, roundPoints } from './_format.js';
import type { ScoresheetOptions } from './_options.js';
import { itemsByLine, reasonText } from './_reasons.js';

/** One printed row of a unit's score sheet; every value is already a string to print. */
export interface SheetRow {
  no: number;
  /** 考核项目 */
  item: string;
  /** 考核内容 */
  content: string;
  /** 分值 */
  max: string;
  /** 评分标准 */
  standard: string;
  /** 自评分: left blank for the unit to fill in by hand. */
  self: string;
  /** 考核得分 */
  score: string;
  /** 扣分原因, one entry per deduction or bonus. */
  reasons: string[];
}

/** What the score-sheet template prints for one unit. */
export interface SheetView {
  attachment: string;
  title: string;
  unit: string;
  /** 考核时间 in Chinese date form. */
  assessedAt: string;
  rows: SheetRow[];
  /** 合计 of 分值 and of 考核得分. */
  totalMax: string;
  total: string;
  /** The total as a number, equal to UnitScore.total. */
  totalValue: number;
}

/** What building a sheet needs from the report context. */
export interface SheetInput {
  plan: Pick<Plan, 'year' | 'tasks'> & Partial<Pick<Plan, 'milestones'>>;
  asOf: IsoDate;
}

const EPS = 0.005;

/**
 * Checks the score-sheet invariants on a unit's lines: 0 ≤ score ≤ max on every
 * line, and the lines sum to the total. Returns the problems (empty when sound).
 */
export function checkLines(score: Pick<UnitScore, 'unit' | 'total'>, lines: readonly ScoreLine[]): string[] {
  const problems: string[] = [];
  lines.forEach((l, i) => {
    if (l.score < -EPS) problems.push(`line ${i + 1} (${l.item}) scores ${l.score}, below 0`);
    if (l.score > l.max + EPS) problems.push(`line ${i + 1} (${l.item}) scores ${l.score}, above its 分值 ${l.max}`);
  });
  const sum = roundPoints(lines.reduce((s, l) => s + l.score, 0));
  if (Math.abs(sum - roundPoints(score.total)) > EPS) problems.push(`lines sum to ${sum} but the total is ${score.total}`);
  return problems;
}

/**
 * The lines to print: the scoring rules' own lines, or — for rule sets that give
 * none — one general line worth the base, so 合计 still equals the total.
 */
export function sheetLines(score: UnitScore): ScoreLine[] {
  if (score.lines.length) return score.lines;
  return [{ task: null, role: null, item: '目标任务完成情况', max: Math.max(score.base, score.total), score: score.total }];
}

/** Builds the printed view of one unit's sheet; throws DUBAN_SCORESHEET_INVARIANT when the lines are unsound. */
export function buildSheet(input: SheetInput, score: UnitScore, options: Pick<ScoresheetOptions, 'attachment' | 'title' | 'standards'>): SheetView {
  const lines = sheetLines(score);
  const problems = checkLines(score, lines);
  if (problems.length) {
    throw new DubanError('DUBAN_SCORESHEET_INVARIANT', `the score of ${score.unit} cannot be printed: its lines break the score-sheet rules`, {
      where: { path: `scores[unit=${score.unit}].lines` },
      problems: problems.map((message) => ({ code: 'DUBAN_SCORESHEET_LINE', message })),
      hint: 'check rules/scoring.json: every line needs 0 ≤ score ≤ max and the lines must add up to the total',
    });
  }
  const tasks = new Map(input.plan.tasks.map((t) => [t.number, t]));
  const reasons = itemsByLine(lines, score.items);
  const rows = lines.map((line, i): SheetRow => {
    const task = line.task === null ? undefined : tasks.get(line.task);
    const deadline = task ? task.deadline.phrase ?? formatChineseDate(task.deadline.date) : '';
    return {
      no: i + 1,
      // Task lines: the category by role here, the rule set's own label (task title and role) as 考核内容.
      item: line.task === null ? line.item : `${line.role ? roleLabels[line.role] : ''}任务`,
      content: line.task === null ? generalContent(line.item, input.plan) : `第${line.task}项　${line.item}${deadline ? `（时限：${deadline}）` : ''}`,
      max: formatPoints(line.max),
      standard: options.standards[line.role ?? 'general'],
      self: '',
      score: formatPoints(line.score),
      reasons: reasons[i]!.map(reasonText),
    };
  });
  return {
    attachment: `附件${options.attachment}`,
    title: options.title.replaceAll('{year}', String(input.plan.year)),
    unit: score.unit,
    assessedAt: formatChineseDate(input.asOf),
    rows,
    totalMax: formatPoints(lines.reduce((s, l) => s + l.max, 0)),
    total: formatPoints(score.total),
    totalValue: roundPoints(score.total),
  };
}

// A general line about the 推进方案 milestone prints the milestone as the notice words it.
function generalContent(item: string, plan: SheetInput['plan']): string {
  const milestone = item.includes('推进方案') ? plan.milestones?.[0] : undefined;
  if (!milestone) return '';
  return `按时报送重点工作推进方案（${milestone.deadline.phrase ?? formatChineseDate(milestone.deadline.date)}），定期报送进展情况`;
}
