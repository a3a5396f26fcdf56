import type Database from 'better-sqlite3';
import { entryHash, GENESIS, iterateAudit, payloadHasher } from './_audit.js';
import { entryMac, keyId, ledgerKeyId } from './_key.js';
import {
  type IssuedDocumentRow,
  issuedDocumentDigest,
  type PlanTaskRow,
  type PlanVersionRow,
  type ProgressRow,
  planTaskDigest,
  planVersionDigest,
  progressRowDigest,
} from './_rows.js';
import type { AuditHead, AuditProblemKind, AuditVerification, VerifyOptions } from './_types.js';
import { WORKSPACE_ROW_SOURCES } from './_workspace-rows.js';

type Hasher = ReturnType<typeof payloadHasher>;

/** Fewest hex digits of an expected head's hash that `verifyAudit` accepts. */
export const MIN_HEAD_HEX = 16;

/**
 * Recomputes every row digest, every entry's payload digest from the rows that
 * carry its seq, the hash chain, every office MAC (with a key), the head each
 * issued document recorded, and an expected head. Rows are streamed in the order
 * they were written (table order, then key order), the order the writer hashed
 * them in. Call inside one read transaction: the tables must be one snapshot.
 */
export function verifyLedger(
  db: Database.Database,
  options: VerifyOptions & { key?: Uint8Array } = {},
): AuditVerification {
  const key = options.key;
  const macChecked = key !== undefined;
  let head: AuditHead | null = null;
  let documents = 0;
  const storedKey = ledgerKeyId(db);
  const signed = storedKey !== undefined;
  const result = (ok: boolean, checked: number, firstBad?: AuditVerification['firstBad']): AuditVerification =>
    firstBad
      ? { ok, checked, firstBad, head, macChecked, signed, documents }
      : { ok, checked, head, macChecked, signed, documents };
  if (key && storedKey && storedKey !== keyId(key)) {
    return result(false, 0, {
      seq: 1,
      action: '(key)',
      kind: 'mac',
      reason: `the office key given (id ${keyId(key)}) is not the one this ledger is signed with (id ${storedKey})`,
    });
  }
  const payloads = new Map<number, Hasher>();
  const rowProblems = new Map<number, string>();
  const add = (seq: number, digest: string) => {
    let h = payloads.get(seq);
    if (!h) payloads.set(seq, (h = payloadHasher()));
    h.add(digest);
  };
  const flag = (seq: number, reason: string) => {
    if (!rowProblems.has(seq)) rowProblems.set(seq, reason);
  };

  for (const r of db.prepare('SELECT * FROM plan_versions ORDER BY version').iterate() as IterableIterator<
    PlanVersionRow & { row_digest: string }
  >) {
    const d = planVersionDigest(r);
    if (d !== r.row_digest)
      flag(r.audit_seq, `plan_versions row for plan v${r.version} was changed outside duban (row digest mismatch)`);
    add(r.audit_seq, d);
  }
  for (const r of db.prepare('SELECT * FROM plan_tasks ORDER BY plan_version, number').iterate() as IterableIterator<
    PlanTaskRow & { row_digest: string }
  >) {
    const d = planTaskDigest(r);
    if (d !== r.row_digest)
      flag(
        r.audit_seq,
        `plan_tasks row for task ${r.number} of plan v${r.plan_version} was changed outside duban (row digest mismatch)`,
      );
    add(r.audit_seq, d);
  }
  for (const r of db.prepare('SELECT * FROM progress ORDER BY id').iterate() as IterableIterator<
    ProgressRow & { row_digest: string }
  >) {
    const d = progressRowDigest(r);
    if (d !== r.row_digest)
      flag(
        r.audit_seq,
        `progress row #${r.id} (task ${r.task}, ${r.unit}, ${r.date}) was changed outside duban (row digest mismatch)`,
      );
    add(r.audit_seq, d);
  }
  for (const source of WORKSPACE_ROW_SOURCES) {
    for (const r of db.prepare(`SELECT * FROM ${source.table} ORDER BY id`).iterate() as IterableIterator<{
      id: number;
      audit_seq: number;
      row_digest: string;
    }>) {
      const { row_digest: stored, ...row } = r;
      const d = source.digest(row as never);
      if (d !== stored) flag(r.audit_seq, `${source.describe(r)} was changed outside duban (row digest mismatch)`);
      add(r.audit_seq, d);
    }
  }
  // Registered documents: their rows like any other, and the head each was made from.
  const recorded: IssuedDocumentRow[] = [];
  for (const r of db.prepare('SELECT * FROM issued_documents ORDER BY id').iterate() as IterableIterator<
    IssuedDocumentRow & { row_digest: string }
  >) {
    const d = issuedDocumentDigest(r);
    if (d !== r.row_digest)
      flag(
        r.audit_seq,
        `issued_documents row #${r.id} (${r.reporter}) was changed outside duban (row digest mismatch)`,
      );
    add(r.audit_seq, d);
    if (r.head_seq !== null) recorded.push(r);
  }
  const hashes = new Map<number, string>();
  for (const r of recorded) hashes.set(r.head_seq!, '');

  let checked = 0;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  const expect = options.expectHead;
  if (expect) hashes.set(expect.seq, '');
  for (const e of iterateAudit(db)) {
    const bad = (reason: string, kind: AuditProblemKind = 'chain'): AuditVerification =>
      result(false, checked, { seq: e.seq, action: e.action, reason, kind });
    if (e.seq !== expectedSeq)
      return bad(`audit entry ${expectedSeq} is missing (chain jumps from ${expectedSeq - 1} to ${e.seq})`);
    if (e.prev_hash !== prevHash) return bad('previous-hash link does not match the entry before it');
    const recomputed = entryHash({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      target: e.target,
      payloadDigest: e.payload_digest,
      prevHash: e.prev_hash,
    });
    if (recomputed !== e.hash) return bad('entry was changed outside duban (its hash does not match its fields)');
    const rowProblem = rowProblems.get(e.seq);
    if (rowProblem) return bad(rowProblem, 'rows');
    const payload = payloads.get(e.seq)?.digest() ?? payloadHasher().digest();
    if (payload !== e.payload_digest)
      return bad(
        'rows written by this entry were added, removed or reassigned outside duban (payload digest mismatch)',
        'rows',
      );
    if (key) {
      if (!e.mac)
        return bad('entry carries no office MAC: it was written without the office key, or its MAC was removed', 'mac');
      if (e.mac !== entryMac(key, e.hash))
        return bad(
          'office MAC does not match: the entry was forged or rewritten by someone without the office key',
          'mac',
        );
    }
    payloads.delete(e.seq);
    if (hashes.has(e.seq)) hashes.set(e.seq, e.hash);
    head = { seq: e.seq, hash: e.hash };
    prevHash = e.hash;
    expectedSeq++;
    checked++;
  }
  // Rows pointing at an entry that does not exist were inserted behind duban's back.
  const orphan = [...payloads.keys()].sort((a, b) => a - b)[0];
  if (orphan !== undefined)
    return result(false, checked, {
      seq: orphan,
      action: '(none)',
      reason: `rows refer to audit entry ${orphan}, which does not exist`,
      kind: 'rows',
    });
  for (const r of recorded) {
    const now = hashes.get(r.head_seq!);
    if (now !== r.head_hash) {
      const what = `${r.reporter}${r.issue_number === null ? '' : ` 第${r.issue_number}期`} (document #${r.id}, as of ${r.as_of})`;
      return result(false, checked, {
        seq: r.head_seq!,
        action: 'document.issue',
        kind: 'registry',
        reason: now
          ? `${what} was issued at head #${r.head_seq} ${r.head_hash}, but entry #${r.head_seq} now hashes to ${now}: the history before that document was rewritten`
          : `${what} was issued at head #${r.head_seq}, which is no longer in the chain`,
      });
    }
    documents++;
  }
  if (expect) {
    const now = hashes.get(expect.seq);
    const last = head?.seq ?? 0;
    if (!now) {
      return result(false, checked, {
        seq: expect.seq,
        action: '(missing)',
        kind: 'truncated',
        reason: `the chain ends at entry #${last}, but the expected head is #${expect.seq}: entries were removed (truncation) or the ledger was replaced by an older copy (rollback)`,
      });
    }
    if (!now.startsWith(expect.hash.toLowerCase())) {
      return result(false, checked, {
        seq: expect.seq,
        action: '(head)',
        kind: 'head',
        reason: `entry #${expect.seq} hashes to ${now}, not the expected ${expect.hash}: the ledger was rolled back to another copy or its history was rewritten`,
      });
    }
  }
  return result(true, checked);
}
