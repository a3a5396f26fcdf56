import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { auditHead } from './_audit.js';
import { entryMac, keyId, ledgerKeyId, setLedgerKeyId } from './_key.js';
import type { AuditHead } from './_types.js';
import { verifyLedger } from './_verify.js';

/**
 * Signs every unsigned entry with the office key, in one immediate transaction,
 * after checking the chain is intact in that same transaction.
 */
export function signChain(
  db: Database.Database,
  file: string,
  key: Uint8Array,
): { signed: number; head: AuditHead | null } {
  return db
    .transaction(() => {
      const stored = ledgerKeyId(db);
      if (stored && stored !== keyId(key)) {
        throw new DubanError(
          'DUBAN_AUDIT_KEY_MISMATCH',
          `the ledger is already signed with another office key (id ${stored})`,
          { where: { file }, hint: 'use the key the ledger was signed with' },
        );
      }
      const check = verifyLedger(db); // without the key: unsigned entries are what we are about to sign
      if (!check.ok) {
        throw new DubanError(
          'DUBAN_AUDIT_MISMATCH',
          `the chain does not verify, so it cannot be signed: entry #${check.firstBad!.seq}: ${check.firstBad!.reason}`,
          {
            where: { file },
            hint: 'restore the last good backup first; a key must not vouch for altered history',
          },
        );
      }
      const rows = db.prepare('SELECT seq, hash, mac FROM audit ORDER BY seq').all() as {
        seq: number;
        hash: string;
        mac: string | null;
      }[];
      const set = db.prepare('UPDATE audit SET mac = ? WHERE seq = ?');
      let signed = 0;
      for (const r of rows) {
        const mac = entryMac(key, r.hash);
        if (r.mac === mac) continue;
        if (r.mac !== null && stored) {
          throw new DubanError(
            'DUBAN_AUDIT_MISMATCH',
            `entry #${r.seq} carries an office MAC that does not match the key`,
            { where: { file }, hint: 'the ledger was altered; restore the last good backup' },
          );
        }
        set.run(mac, r.seq);
        signed++;
      }
      setLedgerKeyId(db, key);
      return { signed, head: auditHead(db) };
    })
    .immediate();
}
