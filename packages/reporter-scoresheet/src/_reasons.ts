import { roleLabels, type ScoreItem, type ScoreLine } from '@duban/core';
import { formatPoints } from './_format.js';

/**
 * Attaches each deduction/bonus to the sheet line it concerns: same task and role,
 * else same task, else (for items without a task) a general line. Items that fit
 * no line go to the last line so that no reason is ever dropped from the sheet.
 */
export function itemsByLine(lines: readonly ScoreLine[], items: readonly ScoreItem[]): ScoreItem[][] {
  const out: ScoreItem[][] = lines.map(() => []);
  if (!lines.length) return out;
  for (const item of items) {
    let index = lines.findIndex((l) => l.task === item.task && l.role === item.role);
    if (index < 0 && item.task !== null) index = lines.findIndex((l) => l.task === item.task);
    if (index < 0 && item.task === null) {
      const general = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.task === null);
      index = (general.find(({ l }) => l.item.includes(item.rule) || item.reason.includes(l.item)) ?? general[0])?.i ?? -1;
    }
    out[index < 0 ? lines.length - 1 : index]!.push(item);
  }
  return out;
}

/**
 * One 扣分原因 entry: names the task (and role), the reason, the points and the
 * rule that decided them, e.g. `第12项（牵头）：逾期未完成，扣3分（规则：overdue-lead）`.
 */
export function reasonText(item: ScoreItem): string {
  const where = item.task === null ? '' : `第${item.task}项${item.role ? `（${roleLabels[item.role]}）` : ''}：`;
  const verb = item.points < 0 ? `扣${formatPoints(-item.points)}分` : `加${formatPoints(item.points)}分`;
  const reason = item.reason.replace(/[。；;，,\s]+$/u, '');
  // Rule reasons often state the points already (…，扣2分): say them once.
  const said = reason.includes(verb);
  return `${where}${reason}${said ? '' : `${reason ? '，' : ''}${verb}`}（规则：${item.rule}）`;
}
