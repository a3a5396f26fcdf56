import type { Assignment, Task } from '@duban/core';

/** Names for a list of assignments; members of one collective name are shown once, by that name. */
function names(assignments: readonly Assignment[]): string[] {
  const out: string[] = [];
  for (const a of assignments) {
    const name = a.group ?? a.unit;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The units that answer for a task: its lead units, else the convener, else every responsible unit. */
export function leadUnits(task: Task): string[] {
  const lead = task.assignments.filter((a) => a.role === 'lead');
  if (lead.length) return names(lead);
  const convener = task.assignments.filter((a) => a.role === 'responsible' && a.convener);
  if (convener.length) return names(convener);
  return names(task.assignments.filter((a) => a.role === 'responsible'));
}

/** The other units sharing the task (co units, non-convening responsible units). */
export function otherUnits(task: Task): string[] {
  const leads = new Set(leadUnits(task));
  return names(task.assignments).filter((n) => !leads.has(n));
}
