/**
 * Synchronous process-tree killing for exit and signal handlers, which cannot
 * await: the browser and its helper processes must be gone before their
 * profile directory is removed.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Process ids descending from `root` (Linux /proc; empty elsewhere). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
      } catch {
        /* ended meanwhile */
      }
    }
  } catch {
    return [];
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Blocks (synchronously: exit handlers cannot await) until `pid` is gone or a zombie, at most `ms`. */
export function waitUntilDead(pid: number, ms: number): void {
  const until = Date.now() + ms;
  const tick = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < until) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return;
    } catch {
      return; // no such process (or no /proc: nothing better to do than a short pause)
    }
    Atomics.wait(tick, 0, 0, 20);
  }
}

/** SIGKILLs `root` and its descendants, then waits (at most `ms` each) until they are gone. */
export function killTreeSync(root: number, ms: number): void {
  const pids = [root, ...descendants(root)];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  for (const pid of pids) waitUntilDead(pid, ms);
}
