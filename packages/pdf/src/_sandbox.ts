/**
 * What the browser may touch. Request interception aborts a request but not a
 * connection Chromium opens on its own (preconnect, DNS prefetch, a navigation
 * from meta refresh or a frame), so the network is also cut below it: every
 * connection goes to a proxy that does not exist, no host name resolves, and
 * each page is emulated offline. File access is decided on real paths, so a
 * symbolic link inside a templates directory cannot reach outside it.
 */
import { existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Chromium flags that leave it no way onto the network (the proxy port is the closed discard port on loopback). */
export const NETWORK_OFF_FLAGS = [
  '--proxy-server=http://127.0.0.1:9',
  // Chromium bypasses proxies for loopback by default: a template could still reach a local service.
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-background-networking',
  '--dns-prefetch-disable',
];

/** The real path of `path`, or null when it does not exist. */
export function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** True when `path` is `dir` or inside it (both real paths). */
export function within(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** Decides file:// and data: requests: the document, its fonts and the allowed directories, compared as real paths. */
export class FileAllowlist {
  private readonly dirs: string[];

  constructor(dirs: readonly string[]) {
    this.dirs = dirs.map((d) => real(resolve(d))).filter((d): d is string => d !== null);
  }

  /** May the document load `url`? `files` are extra single files (the document itself). */
  allows(url: string, files: ReadonlySet<string>): boolean {
    if (url.startsWith('data:')) return true;
    if (!url.startsWith('file:')) return false;
    let path: string | null;
    try {
      path = real(fileURLToPath(url));
    } catch {
      return false;
    }
    if (!path) return false;
    return files.has(path) || this.dirs.some((d) => within(d, path));
  }
}

/** Prefix of a temporary directory owned by this process (its pid is in the name, so a later run can tell it is stale). */
export function ownedPrefix(kind: 'chromium' | 'render'): string {
  return join(tmpdir(), `duban-${kind}-${process.pid}-`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes profile and work directories left by renderers that died without
 * cleaning up (kill -9, a power cut): those whose owning process is gone.
 * Directories of running processes, and names without a pid, are left alone.
 */
export function removeStaleDirs(dir = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^duban-(?:chromium|render)-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    const path = join(dir, name);
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      if (!existsSync(path)) removed.push(path);
    } catch {
      /* another process is removing it, or it is not ours to remove */
    }
  }
  return removed;
}
