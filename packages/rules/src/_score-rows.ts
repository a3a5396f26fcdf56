import {
  chineseDate,
  type JudgedTask,
  type Plan,
  type ScoreItem,
  type ScoreLine,
  type ScoreRow,
  type UnitScore,
} from '@duban/core';
import type { ScoringFile } from './_schema.js';
import type { UnitFacts } from './_unit-facts.js';

/**
 * The rows under each score-sheet line: every task the unit holds under a role
 * line (with its verdict and figure as of the assessment date, even when nothing
 * was deducted), the unit-level duty of a line without roles, and each task a
 * rule charged on such a line. Every item lands on exactly one row.
 */
export function scoreRows(
  score: UnitScore,
  tasks: ReadonlyMap<number, JudgedTask>,
  facts: UnitFacts | undefined,
  cfg: ScoringFile,
  plan: Pick<Plan, 'milestones'>,
): ScoreLine[] {
  const categories = new Map(cfg.categories.map((k) => [k.key, k]));
  const pairs = facts?.pairs ?? [];
  return score.lines.map((line) => {
    const items = score.items.filter((it) => it.category === line.key);
    const rows: ScoreRow[] = [];
    const k = categories.get(line.key);
    const used = new Set<ScoreItem>();
    const taskRow = (task: number, role: ScoreRow['role'], result: string) => {
      const own = items.filter((it) => it.task === task);
      own.forEach((it) => used.add(it));
      rows.push({
        task,
        role,
        content: contentOf(tasks.get(task), task),
        result,
        points: sum(own),
        reasons: own.map(itemText),
      });
    };
    if (k?.roles.length) {
      for (const p of pairs) if (k.roles.includes(p.role)) taskRow(p.task, p.role, resultOf(tasks.get(p.task)));
    } else if (!line.bonus) {
      const unitItems = items.filter((it) => it.task === null);
      unitItems.forEach((it) => used.add(it));
      rows.push({
        task: null,
        role: null,
        content: dutyOf(line.item, plan),
        result: dutyResult(facts),
        points: sum(unitItems),
        reasons: unitItems.map(itemText),
      });
    }
    // Tasks a rule charged on a line that does not list them by role (reporting, bonus).
    for (const it of items) {
      if (used.has(it) || it.task === null || rows.some((r) => r.task === it.task)) continue;
      const pair = pairs.find((p) => p.task === it.task);
      taskRow(
        it.task,
        it.role,
        line.bonus
          ? resultOf(tasks.get(it.task))
          : ownResult(tasks.get(it.task), score.unit, pair?.unitReportCount ?? 0),
      );
    }
    const rest = items.filter((it) => !used.has(it));
    if (rest.length)
      rows.push({
        task: null,
        role: null,
        content: line.bonus ? '加分' : '其他',
        result: '',
        points: sum(rest),
        reasons: rest.map(itemText),
      });
    if (!rows.length)
      rows.push({
        task: null,
        role: null,
        content: line.bonus ? '无加分事项' : '未承担此类任务',
        result: '',
        points: 0,
        reasons: [],
      });
    return { ...line, rows };
  });
}

/** A deduction or bonus as the sheet prints it: 完成时限为2019年12月31日，未完成（完成进度80%），扣5分. */
export function itemText(it: ScoreItem): string {
  const verb = it.points < 0 ? `扣${points(-it.points)}分` : it.points > 0 ? `加${points(it.points)}分` : '不扣分';
  const reason = it.reason.replace(/[。；;，,\s]+$/u, '');
  return reason.includes(verb) ? reason : `${reason}${reason ? '，' : ''}${verb}`;
}

/** 考核内容 of a task row: its number, title and measurable targets, and its deadline. */
export function contentOf(t: JudgedTask | undefined, n: number): string {
  if (!t) return `第${n}项`;
  const targets = t.indicators.map((i) => i.text);
  return `第${n}项　${t.title}${targets.length ? `（目标：${targets.join('；')}）` : ''}，时限：${t.deadline.text}`;
}

/** 完成情况 of a task as of the assessment date: verdict and figure with its source. */
export function resultOf(t: JudgedTask | undefined): string {
  if (!t) return '';
  // 已完成（市教体局5月31日报）already says it; otherwise the verdict, then the figure with its source.
  return t.verdict.status === 'completed' && t.figure.text.startsWith('已完成')
    ? t.figure.text
    : `${t.verdict.label}，${t.figure.text}`;
}

function ownResult(t: JudgedTask | undefined, unit: string, count: number): string {
  const own = t?.byUnit.find((u) => u.unit === unit);
  if (!own || count === 0) return '本单位未报送进展';
  return `本单位最近报送：${own.text}`;
}

function dutyOf(item: string, plan: Pick<Plan, 'milestones'>): string {
  const m = plan.milestones[0];
  if (!m) return item;
  return `按时报送推进方案（${m.deadline.phrase ?? `${chineseDate(m.deadline.date)}前`}），按要求报送任务进展情况`;
}

function dutyResult(facts: UnitFacts | undefined): string {
  if (!facts) return '';
  if (facts.lateMilestones.length) return `${facts.lateMilestones.join('、')}未按时报送`;
  return '推进方案按时报送';
}

function sum(items: readonly ScoreItem[]): number {
  return Math.round(items.reduce((s, it) => s + it.points, 0) * 100) / 100;
}

function points(n: number): string {
  return String(Math.round(n * 100) / 100);
}
