import type Database from 'better-sqlite3';
import { nextAudit, payloadHasher, writeAudit } from './_audit.js';
import { statement } from './_statements.js';
import type { AuditEntry } from './_types.js';

/** What one workspace action is recorded as in the audit chain. */
export interface ActionMeta {
  actor: string;
  action: string;
  target: string;
}

/** An action as written: with the office key when the ledger is signed, so its entry carries a MAC like every other. */
export type WriteMeta = ActionMeta & { key?: Uint8Array | undefined };

/**
 * Writes one audit entry and the rows it covers, in the caller's transaction.
 * `build` receives the entry's seq and time and returns the rows (without
 * row_digest) in the order they are hashed and inserted; ids come from the table.
 */
export function auditedInsert<R extends { id: number; audit_seq: number }>(
  db: Database.Database,
  meta: WriteMeta,
  table: string,
  digest: (row: R) => string,
  build: (ctx: { seq: number; at: string; nextId: () => number }) => R[],
): { entry: AuditEntry; rows: R[] } {
  const { seq, prevHash } = nextAudit(db);
  const at = new Date().toISOString();
  let next = ((statement(db, `SELECT MAX(id) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0) + 1;
  const rows = build({ seq, at, nextId: () => next++ });
  const payload = payloadHasher();
  const digests = rows.map((r) => digest(r));
  for (const d of digests) payload.add(d);
  const entry = writeAudit(
    db,
    { seq, at, actor: meta.actor, action: meta.action, target: meta.target, payloadDigest: payload.digest(), prevHash },
    meta.key,
  );
  if (rows.length) {
    const columns = Object.keys(rows[0]!);
    const insert = statement(
      db,
      `INSERT INTO ${table} (${columns.join(', ')}, row_digest) VALUES (${columns.map((c) => '@' + c).join(', ')}, @row_digest)`,
    );
    rows.forEach((r, i) => insert.run({ ...r, row_digest: digests[i] }));
  }
  return { entry, rows };
}

/** An audit entry that writes no rows (a login, a refused request, a download): its payload is the empty digest. */
export function auditOnly(db: Database.Database, meta: WriteMeta): AuditEntry {
  return db
    .transaction(() => {
      const { seq, prevHash } = nextAudit(db);
      return writeAudit(
        db,
        {
          seq,
          at: new Date().toISOString(),
          actor: meta.actor,
          action: meta.action,
          target: meta.target,
          payloadDigest: payloadHasher().digest(),
          prevHash,
        },
        meta.key,
      );
    })
    .immediate();
}
