import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** True when a process with this id is running (or exists under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `TARGET.<pid>.partial` files left by backups whose process died (kill -9,
 * power loss): a running backup's own file is kept. Returns the files removed.
 */
export function removeStalePartials(target: string): string[] {
  const dir = dirname(target);
  const prefix = `${basename(target)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const pid = Number(name.slice(prefix.length, -'.partial'.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}
