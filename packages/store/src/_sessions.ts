import type Database from 'better-sqlite3';

/**
 * Web sessions: working state, not records (updated and deleted, never in the
 * audit chain). Logins and logouts are audited by the web app itself.
 */
export interface SessionTable {
  /** The session's JSON, or null when unknown or expired. */
  get(sid: string, now?: number): string | null;
  /** Creates or replaces a session, expiring at `expires` (ms since epoch). */
  set(sid: string, data: string, expires: number): void;
  destroy(sid: string): void;
  /** Removes every session whose data matches `predicate` (e.g. all of a disabled account's). */
  destroyWhere(predicate: (data: string) => boolean): number;
  /** Deletes expired sessions; returns how many. */
  prune(now?: number): number;
}

/** Session access over one connection, statements prepared once. */
export function sessionTable(db: Database.Database): SessionTable {
  const get = db.prepare('SELECT data FROM web_sessions WHERE sid = ? AND expires > ?');
  const set = db.prepare(
    'INSERT INTO web_sessions (sid, expires, data) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET expires = excluded.expires, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM web_sessions WHERE sid = ?');
  const prune = db.prepare('DELETE FROM web_sessions WHERE expires <= ?');
  return {
    get: (sid, now = Date.now()) => (get.get(sid, now) as { data: string } | undefined)?.data ?? null,
    set: (sid, data, expires) => void set.run(sid, expires, data),
    destroy: (sid) => void del.run(sid),
    destroyWhere(predicate) {
      const rows = db.prepare('SELECT sid, data FROM web_sessions').all() as { sid: string; data: string }[];
      let n = 0;
      for (const r of rows) if (predicate(r.data)) n += del.run(r.sid).changes;
      return n;
    },
    prune: (now = Date.now()) => prune.run(now).changes,
  };
}
