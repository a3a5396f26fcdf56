import type Database from 'better-sqlite3';
import { entryHash, GENESIS, iterateAudit, payloadHasher } from './_audit.js';
import { planTaskDigest, planVersionDigest, progressRowDigest, type PlanTaskRow, type PlanVersionRow, type ProgressRow } from './_rows.js';
import type { AuditVerification } from './_types.js';
import { WORKSPACE_ROW_SOURCES } from './_workspace-rows.js';

type Hasher = ReturnType<typeof payloadHasher>;

/**
 * Recomputes every row digest, every entry's payload digest from the rows that
 * carry its seq, and the hash chain. Rows are streamed in the order they were
 * written (table order, then key order), the same order the writer hashed them in.
 */
export function verifyLedger(db: Database.Database): AuditVerification {
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

  for (const r of db.prepare('SELECT * FROM plan_versions ORDER BY version').iterate() as IterableIterator<PlanVersionRow & { row_digest: string }>) {
    const d = planVersionDigest(r);
    if (d !== r.row_digest) flag(r.audit_seq, `plan_versions row for plan v${r.version} was changed outside duban (row digest mismatch)`);
    add(r.audit_seq, d);
  }
  for (const r of db.prepare('SELECT * FROM plan_tasks ORDER BY plan_version, number').iterate() as IterableIterator<PlanTaskRow & { row_digest: string }>) {
    const d = planTaskDigest(r);
    if (d !== r.row_digest) flag(r.audit_seq, `plan_tasks row for task ${r.number} of plan v${r.plan_version} was changed outside duban (row digest mismatch)`);
    add(r.audit_seq, d);
  }
  for (const r of db.prepare('SELECT * FROM progress ORDER BY id').iterate() as IterableIterator<ProgressRow & { row_digest: string }>) {
    const d = progressRowDigest(r);
    if (d !== r.row_digest) flag(r.audit_seq, `progress row #${r.id} (task ${r.task}, ${r.unit}, ${r.date}) was changed outside duban (row digest mismatch)`);
    add(r.audit_seq, d);
  }
  for (const source of WORKSPACE_ROW_SOURCES) {
    for (const r of db.prepare(`SELECT * FROM ${source.table} ORDER BY id`).iterate() as IterableIterator<{ id: number; audit_seq: number; row_digest: string }>) {
      const { row_digest: stored, ...row } = r;
      const d = source.digest(row as never);
      if (d !== stored) flag(r.audit_seq, `${source.describe(r)} was changed outside duban (row digest mismatch)`);
      add(r.audit_seq, d);
    }
  }

  let checked = 0;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  for (const e of iterateAudit(db)) {
    const bad = (reason: string): AuditVerification => ({ ok: false, checked, firstBad: { seq: e.seq, action: e.action, reason } });
    if (e.seq !== expectedSeq) return bad(`audit entry ${expectedSeq} is missing (chain jumps from ${expectedSeq - 1} to ${e.seq})`);
    if (e.prev_hash !== prevHash) return bad('previous-hash link does not match the entry before it');
    const recomputed = entryHash({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, payloadDigest: e.payload_digest, prevHash: e.prev_hash });
    if (recomputed !== e.hash) return bad('entry was changed outside duban (its hash does not match its fields)');
    const rowProblem = rowProblems.get(e.seq);
    if (rowProblem) return bad(rowProblem);
    const payload = payloads.get(e.seq)?.digest() ?? payloadHasher().digest();
    if (payload !== e.payload_digest) return bad('rows written by this entry were added, removed or reassigned outside duban (payload digest mismatch)');
    payloads.delete(e.seq);
    prevHash = e.hash;
    expectedSeq++;
    checked++;
  }
  // Rows pointing at an entry that does not exist were inserted behind duban's back.
  const orphan = [...payloads.keys()].sort((a, b) => a - b)[0];
  if (orphan !== undefined) return { ok: false, checked, firstBad: { seq: orphan, action: '(none)', reason: `rows refer to audit entry ${orphan}, which does not exist` } };
  return { ok: true, checked };
}
