/**
 * The font cache's plumbing: content hashes remembered by file identity (so a
 * run only stats its fonts), atomic writes, and a cross-process lock so two
 * runs that start on a cold cache do not both spend a minute converting fonts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes through a temporary sibling and a rename: readers in other processes never see half a file. */
export function atomicWriteSync(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * SHA-256 (hex, 32 digits) of a file's bytes. The digest is remembered in
 * `cacheDir/hashes.json` under the file's path, inode, size and mtime, so a
 * later run hashes a 25 MB font only when the file changed; two copies of one
 * font share one cache entry, and touching a file without changing it reuses it.
 */
export function contentHash(file: string, cacheDir: string): string {
  const st = statSync(file);
  const id = `${file}\0${st.ino}\0${st.size}\0${st.mtimeMs}`;
  const index = join(cacheDir, 'hashes.json');
  let known: Record<string, string> = {};
  try {
    known = JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>;
  } catch {
    /* no index yet, or a torn one: rebuilt below */
  }
  const hit = known[id];
  if (hit) return hit;
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 32);
  // Forget other identities of the same path (an upgraded package's old file).
  for (const k of Object.keys(known)) if (k.startsWith(`${file}\0`)) delete known[k];
  known[id] = digest;
  try {
    mkdirSync(cacheDir, { recursive: true });
    atomicWriteSync(index, JSON.stringify(known));
  } catch {
    /* the index is an optimisation: a read-only cache still works, it only hashes again */
  }
  return digest;
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
 * Runs `fn` while holding `lock` (a directory, created atomically) unless
 * `done()` says another process already produced the result. A lock whose
 * holder died (kill -9) is taken over; waiting is bounded by `waitMs`.
 */
export async function withLock<T>(
  lock: string,
  done: () => T | undefined,
  fn: () => Promise<T>,
  waitMs = 15 * 60_000,
): Promise<T> {
  const until = Date.now() + waitMs;
  for (;;) {
    const ready = done();
    if (ready !== undefined) return ready;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = 0;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being created right now */
      }
      const stale = holder > 0 && !alive(holder);
      if (stale) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`gave up waiting for ${lock}`);
      else await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      return done() ?? (await fn());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
