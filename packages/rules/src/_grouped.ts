import type { ProgressReport, Task } from '@duban/core';

/** A task's reports (dated on/before asOf, oldest first), read by position in the plan's task list. */
export interface TaskReports {
  /** How many reports task `ti` (its index in plan.tasks) has. */
  count(ti: number): number;
  /** Report `k` (0 = oldest) of task `ti`. */
  at(ti: number, k: number): ProgressReport;
}

/** One task's report list as a TaskReports (index 0), for callers that hold a plain array. */
export function listReports(list: readonly ProgressReport[]): TaskReports {
  return { count: () => list.length, at: (_, k) => list[k]! };
}

/** Adapts reportsByTask's Map to TaskReports for the tasks of a plan. */
export function mapReports(
  tasks: readonly Pick<Task, 'number'>[],
  grouped: ReadonlyMap<number, readonly ProgressReport[]>,
): TaskReports {
  return {
    count: (ti) => grouped.get(tasks[ti]!.number)?.length ?? 0,
    at: (ti, k) => grouped.get(tasks[ti]!.number)![k]!,
  };
}

/**
 * Reports grouped by task in three typed arrays instead of one JS array per task:
 * at 10^5 tasks the per-task arrays (and the garbage of growing them) were ~15 MB.
 * A stable counting sort by task keeps ledger order; a task whose reports are not
 * oldest first is then sorted stably by date (rare: the ledger lists oldest first).
 */
export function indexReports(
  tasks: readonly Pick<Task, 'number'>[],
  progress: readonly ProgressReport[],
  asOf: string,
): TaskReports {
  const slotOf = taskSlots(tasks);
  const start = new Int32Array(tasks.length + 1);
  for (const r of progress) {
    if (r.date > asOf) continue;
    const s = slotOf(r.task);
    if (s >= 0) start[s + 1]!++;
  }
  for (let s = 0; s < tasks.length; s++) start[s + 1]! += start[s]!;
  const order = new Int32Array(start[tasks.length]!);
  // Filled back to front from each slice's end (stable), so the ends become the starts: no second offsets array.
  const end = start.subarray(1);
  for (let i = progress.length - 1; i >= 0; i--) {
    const r = progress[i]!;
    if (r.date > asOf) continue;
    const s = slotOf(r.task);
    if (s >= 0) order[--end[s]!] = i;
  }
  start.copyWithin(0, 1);
  start[tasks.length] = order.length;
  for (let s = 0; s < tasks.length; s++) {
    for (let k = start[s]! + 1; k < start[s + 1]!; k++) {
      if (progress[order[k - 1]!]!.date > progress[order[k]!]!.date) {
        const sorted = [...order.subarray(start[s]!, start[s + 1]!)].sort(
          (a, b) => cmp(progress[a]!.date, progress[b]!.date) || a - b,
        );
        order.set(sorted, start[s]!);
        break;
      }
    }
  }
  // A task number listed twice shares its first task's reports, as a lookup by number would.
  if (tasks.some((t, i) => slotOf(t.number) !== i)) {
    const canon = Int32Array.from(tasks, (t) => slotOf(t.number));
    return {
      count: (ti) => start[canon[ti]! + 1]! - start[canon[ti]!]!,
      at: (ti, k) => progress[order[start[canon[ti]!]! + k]!]!,
    };
  }
  return { count: (ti) => start[ti + 1]! - start[ti]!, at: (ti, k) => progress[order[start[ti]! + k]!]! };
}

/** Task number → index in the plan (the first task with it, or the `last`): a typed array when numbers are small integers (they are: 1…n), else a Map. */
export function taskSlots(tasks: readonly Pick<Task, 'number'>[], last = false): (task: number) => number {
  let max = -1;
  let dense = true;
  for (const t of tasks) {
    if (!Number.isInteger(t.number) || t.number < 0) dense = false;
    else if (t.number > max) max = t.number;
  }
  if (dense && max < 4 * tasks.length + 1024) {
    const slots = new Int32Array(max + 1).fill(-1);
    if (last) tasks.forEach((t, i) => (slots[t.number] = i));
    else for (let i = tasks.length - 1; i >= 0; i--) slots[tasks[i]!.number] = i;
    return (n) => (Number.isInteger(n) && n >= 0 && n <= max ? slots[n]! : -1);
  }
  const map = new Map<number, number>();
  if (last) tasks.forEach((t, i) => map.set(t.number, i));
  else for (let i = tasks.length - 1; i >= 0; i--) map.set(tasks[i]!.number, i);
  return (n) => map.get(n) ?? -1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
