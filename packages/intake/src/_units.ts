/**
 * Who may report on which task. Names are canonicalised through the unit
 * directory (aliases, full names, abbreviations); members of an expanded group
 * report for themselves, an unexpanded group only under its own name.
 */
import type { Plan, Task, UnitDirectory } from '@duban/core';

/** Maps a written unit name to its canonical name, or undefined when unknown. */
export type UnitResolver = (written: string) => string | undefined;

const squash = (s: string) => s.replace(/\s+/g, '').replace(/[（(]/g, '<').replace(/[）)]/g, '>');

/** A resolver built from the directory and the plan's own unit names. */
export function directoryResolver(directory: UnitDirectory, plan?: Plan): UnitResolver {
  const map = new Map<string, string>();
  const add = (name: string, canonical: string) => {
    if (!map.has(squash(name))) map.set(squash(name), canonical);
  };
  for (const u of directory.units) {
    add(u.name, u.name);
    if (u.fullName) add(u.fullName, u.name);
    for (const a of u.aliases) add(a, u.name);
  }
  for (const g of directory.groups) {
    add(g.name, g.name);
    for (const a of g.aliases) add(a, g.name);
  }
  for (const name of plan?.units ?? []) add(name, name);
  for (const t of plan?.tasks ?? []) {
    for (const a of t.assignments) {
      add(a.unit, a.unit);
      if (a.written) add(a.written, a.unit);
    }
  }
  return (written) => {
    const key = squash(written);
    // Units often drop the leading 市 (发改委 for 市发改委); try it both ways.
    return map.get(key) ?? map.get('市' + key) ?? (key.startsWith('市') ? map.get(key.slice(1)) : undefined);
  };
}

/** The canonical names that may report on a task. */
export function reportersOf(task: Task): Set<string> {
  const out = new Set<string>();
  for (const a of task.assignments) out.add(a.unit);
  return out;
}

/** The tasks a unit is assigned to, with its role on each, in task order. */
export function tasksOfUnit(plan: Plan, unit: string): { task: Task; role: Task['assignments'][number]['role'] }[] {
  const out: { task: Task; role: Task['assignments'][number]['role'] }[] = [];
  for (const task of plan.tasks) {
    const a = task.assignments.find((x) => x.unit === unit);
    if (a) out.push({ task, role: a.role });
  }
  return out;
}
