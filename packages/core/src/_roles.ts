import { assignmentNames } from './_names.js';
import type { Assignment, Role, Task } from './_plan.js';

// Who leads, who reports and who answers for a task, decided once. Every
// document, view and rule reads these functions; nothing else decides them.

/** The units of a task by what the notice made them, printed names, groups collapsed as the notice wrote them. */
export interface TaskUnits {
  /** 牵头单位: only units the notice names as lead; empty for 负责/分工负责 tasks. */
  lead: string[];
  /** 配合单位: units under a lead. */
  co: string[];
  /** 责任单位 of a task with no lead: every responsible unit, in the notice's order. */
  responsible: string[];
  /** True when the notice names no lead (X负责, X、Y分工负责). */
  noLead: boolean;
}

/** The printed units of a task: lead / co / responsible, as the notice lists them. */
export function taskUnits(task: Pick<Task, 'assignments'>): TaskUnits {
  const of = (role: Role) => assignmentNames(task.assignments.filter((a) => a.role === role));
  const lead = of('lead');
  return { lead, co: of('co'), responsible: of('responsible'), noLead: lead.length === 0 };
}

/**
 * The units answering for a task as documents print them, decided once: its 牵头
 * units, else its 责任单位 — several of them marked 分工负责, never a 牵头单位 the
 * notice did not name. `label` for a table cell (市机场办、市发改委（分工负责）),
 * `sentence` for running text (市机场办、市发改委分工负责).
 */
export function answeringText(
  units: { readonly lead: readonly string[]; readonly responsible: readonly string[]; readonly noLead: boolean },
  style: 'label' | 'sentence' = 'label',
): string {
  if (!units.noLead) return units.lead.join('、');
  const names = units.responsible.join('、');
  if (units.responsible.length < 2) return names;
  return style === 'label' ? `${names}（分工负责）` : `${names}分工负责`;
}

/**
 * The unit that reports for a task and whose report is its figure: the first lead,
 * else the convener of the responsible units (the first listed), else the first
 * responsible unit; null when only unexpanded groups are assigned. Canonical name.
 */
export function reportingUnit(task: Pick<Task, 'assignments'>): string | null {
  let convener: string | null = null;
  let firstResponsible: string | null = null;
  for (const a of task.assignments) {
    if (a.isGroup) continue;
    if (a.role === 'lead') return a.unit;
    if (a.role === 'responsible') {
      if (a.convener && convener === null) convener = a.unit;
      if (firstResponsible === null) firstResponsible = a.unit;
    }
  }
  return convener ?? firstResponsible;
}

/**
 * The units that answer for a task's result: its leads, else every responsible
 * unit (分工负责: each answers for its part). Canonical names, groups left out.
 */
export function accountableUnits(task: Pick<Task, 'assignments'>): string[] {
  const out: string[] = [];
  const hasLead = task.assignments.some((a) => a.role === 'lead' && !a.isGroup);
  for (const a of task.assignments) {
    if (a.isGroup || out.includes(a.unit)) continue;
    if (hasLead ? a.role === 'lead' : a.role === 'responsible') out.push(a.unit);
  }
  return out;
}

const ROLE_RANK: Record<Role, number> = { lead: 3, responsible: 2, co: 1 };

/**
 * Each unit's role on a task, once: a unit named twice (once through a group)
 * keeps its strongest role. Groups nobody defines are not units and are left out.
 * `reports` (a duty to report progress) holds for every lead, for the convener of
 * responsible units, and for every responsible unit when none convenes.
 */
export function unitRoles(
  task: Pick<Task, 'assignments'>,
): { unit: string; role: Role; assignment: Assignment; reports: boolean }[] {
  const out: { unit: string; role: Role; assignment: Assignment; reports: boolean }[] = [];
  const convened = task.assignments.some((a) => !a.isGroup && a.role === 'responsible' && a.convener);
  const duty = (a: Assignment) => a.role === 'lead' || (a.role === 'responsible' && (a.convener === true || !convened));
  for (const a of task.assignments) {
    if (a.isGroup) continue;
    const prev = out.find((o) => o.unit === a.unit);
    if (prev) {
      if (ROLE_RANK[a.role] > ROLE_RANK[prev.role])
        Object.assign(prev, { role: a.role, assignment: a, reports: duty(a) });
      continue;
    }
    out.push({ unit: a.unit, role: a.role, assignment: a, reports: duty(a) });
  }
  return out;
}
