import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { digestFields } from './_digest.js';
import { entryMac, setLedgerKeyId } from './_key.js';
import type { AuditEntry, AuditHead } from './_types.js';

/** prev_hash of the first entry. */
export const GENESIS = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  payload_digest: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}

/** The sequence number and previous hash the next entry must use (call inside the write transaction). */
export function nextAudit(db: Database.Database): { seq: number; prevHash: string } {
  const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return last ? { seq: last.seq + 1, prevHash: last.hash } : { seq: 1, prevHash: GENESIS };
}

/** Payload digest over row digests, in write order; incremental so verification can stream. */
export function payloadHasher() {
  const h = createHash('sha256');
  return { add: (rowDigest: string) => void h.update(rowDigest + '\n'), digest: () => h.digest('hex') };
}

/** Hash of one entry: everything in it, chained to its predecessor. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return digestFields('audit', e.seq, e.at, e.actor, e.action, e.target, e.payloadDigest, e.prevHash);
}

/**
 * Appends an entry, with its office MAC when a key is given; call inside the same
 * transaction as the rows it covers (before them, or after with foreign keys deferred). The first entry written with a
 * key makes the ledger a signed one.
 */
export function writeAudit(db: Database.Database, e: Omit<AuditEntry, 'hash' | 'mac'>, key?: Uint8Array): AuditEntry {
  const hash = entryHash(e);
  const entry: AuditEntry = key ? { ...e, hash, mac: entryMac(key, hash) } : { ...e, hash };
  if (key && e.seq === 1) setLedgerKeyId(db, key);
  db.prepare(
    'INSERT INTO audit (seq, at, actor, action, target, payload_digest, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    entry.payloadDigest,
    entry.prevHash,
    entry.hash,
    entry.mac ?? null,
  );
  return entry;
}

/** The newest entry's seq and hash, or null for an empty chain. */
export function auditHead(db: Database.Database): AuditHead | null {
  return (db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined) ?? null;
}

/** Entries oldest first; `limit` keeps the most recent N. */
export function readAudit(db: Database.Database, filter: { limit?: number; action?: string } = {}): AuditEntry[] {
  const where = filter.action === undefined ? '' : 'WHERE action = @action';
  const limit = filter.limit === undefined ? '' : 'LIMIT @limit';
  const rows = db.prepare(`SELECT * FROM (SELECT * FROM audit ${where} ORDER BY seq DESC ${limit}) ORDER BY seq`).all({
    ...(filter.action === undefined ? {} : { action: filter.action }),
    ...(filter.limit === undefined ? {} : { limit: filter.limit }),
  }) as AuditRow[];
  return rows.map(toEntry);
}

/** Maps a stored row to the public shape. */
export function toEntry(r: AuditRow): AuditEntry {
  const e: AuditEntry = {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    payloadDigest: r.payload_digest,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  if (r.mac) e.mac = r.mac;
  return e;
}

/** Iterates every audit row, oldest first. */
export function iterateAudit(db: Database.Database): IterableIterator<AuditRow> {
  return db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}
