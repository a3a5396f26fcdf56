import type { Plan, Task } from '@duban/core';

const ROLE: Record<string, string> = { lead: '牵头', co: '配合', responsible: '责任' };

/** One task as the office checks it: units and roles, leaders, deadline, indicators, and what is uncertain with its line. */
function taskLines(task: Task, source: string[]): string[] {
  const out = [
    `${task.number}. ${task.title}${task.corrected ? '  [corrected]' : ''}   (section ${task.section}, line ${task.source.startLine}${task.source.endLine !== task.source.startLine ? `–${task.source.endLine}` : ''})`,
  ];
  for (const role of ['lead', 'co', 'responsible'] as const) {
    const units = task.assignments.filter((a) => a.role === role);
    if (!units.length) continue;
    const names = units.map(
      (a) =>
        `${a.unit}${a.convener ? '（召集）' : ''}${a.isGroup ? '（组）' : ''}${a.unknown ? ' ?' : ''}${a.byOrder ? '（按排序）' : ''}`,
    );
    out.push(`    ${ROLE[role]}  ${names.join('、')}`);
  }
  if (!task.assignments.length) out.push('    units   — none —');
  if (task.leaders?.length)
    out.push(`    领导  ${task.leaders.map((l) => `${l.name}${l.role ? `（${l.role}）` : ''}`).join('、')}`);
  out.push(
    `    时限  ${task.deadline.date}${task.deadline.phrase ? `  「${task.deadline.phrase}」` : '  (no phrase: year end)'}`,
  );
  if (task.indicators.length)
    out.push(
      `    指标  ${task.indicators.map((i) => `${i.metric} ${i.comparator === 'le' ? '≤' : '≥'} ${i.value}${i.unit}`).join('；')}`,
    );
  for (const note of task.review ?? []) {
    const line = note.line ?? task.source.startLine;
    out.push(`  ? ${note.message} [${note.code}]`);
    const text = source[line - 1]?.trim();
    if (text) out.push(`      line ${line}: ${text.length > 70 ? `${text.slice(0, 70)}…` : text}`);
  }
  return out;
}

/** The `--review` listing: every task, uncertain ones marked with `?` and their source line, then a count. */
export function reviewText(plan: Plan, sourceText: string): string {
  const source = sourceText.split('\n');
  const lines: string[] = [`${plan.title} — ${plan.tasks.length} tasks, plan year ${plan.year}`];
  for (const s of plan.sections) {
    lines.push('', `${s.number}、${s.title || '(no heading)'}`);
    for (const t of plan.tasks.filter((x) => x.section === s.number)) lines.push(...taskLines(t, source));
  }
  const unsure = plan.tasks.filter((t) => t.review?.length);
  lines.push(
    '',
    unsure.length
      ? `${unsure.length} task(s) marked ? need a look (tasks ${unsure.map((t) => t.number).join(', ')}); fix them in the corrections file beside the notice and import again`
      : 'nothing marked uncertain',
  );
  if (plan.corrections?.length)
    lines.push(`${plan.corrections.length} correction(s) applied from ${plan.correctionsSource?.name}`);
  return lines.join('\n');
}
