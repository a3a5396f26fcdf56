import type { SessionTable } from '@duban/store';
import type { SessionStore } from '@fastify/session';

/** How long a session lives without use: a working day. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** @fastify/session's store interface over the ledger's web_sessions table (survives restarts, shared by workers). */
export function sqliteSessionStore(table: SessionTable): SessionStore {
  return {
    set(sid, session, callback) {
      try {
        const expires = (session as { cookie?: { expires?: string | Date | null } }).cookie?.expires;
        table.set(sid, JSON.stringify(session), expires ? new Date(expires).getTime() : Date.now() + SESSION_TTL_MS);
        callback();
      } catch (e) {
        callback(e);
      }
    },
    get(sid, callback) {
      try {
        const data = table.get(sid);
        callback(null, data === null ? null : JSON.parse(data));
      } catch (e) {
        callback(e, null);
      }
    },
    destroy(sid, callback) {
      try {
        table.destroy(sid);
        callback();
      } catch (e) {
        callback(e);
      }
    },
  } as SessionStore;
}
