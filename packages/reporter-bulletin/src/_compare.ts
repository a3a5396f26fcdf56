import { monthDay, type ReportContext, STATUS_ORDER, statusLabels } from '@duban/reporter-api';

/**
 * 较上期: how the counts moved since the previous bulletin in the registry, judged
 * as of that bulletin's date by the same rules (the host's `history.previous`).
 * Null for the first bulletin, or when nothing moved.
 */
export function comparedWithPrevious(ctx: Partial<Pick<ReportContext, 'history' | 'counts' | 'tasks'>>): string | null {
  const prev = ctx.history?.previous;
  if (!prev || !ctx.counts || !ctx.tasks) return null;
  const moves = STATUS_ORDER.map((s) => ({ s, d: ctx.counts![s] - prev.view.counts[s] })).filter((m) => m.d !== 0);
  const before = new Map(prev.view.tasks.map((t) => [t.task, t.verdict.status]));
  const changed = ctx.tasks.filter((t) => before.has(t.task) && before.get(t.task) !== t.verdict.status).length;
  if (moves.length === 0 && changed === 0) return null;
  const which = `与上期（${prev.document.number === null ? '' : `第${prev.document.number}期，`}截至${monthDay(prev.document.asOf)}）相比`;
  const deltas = moves.map((m) => `${statusLabels[m.s]}${m.d > 0 ? '增加' : '减少'}${Math.abs(m.d)}项`).join('，');
  return `${which}，${deltas || '各类任务数量持平'}${changed ? `，${changed}项任务评价发生变化` : ''}。`;
}
