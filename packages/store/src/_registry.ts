/**
 * The registry of issued documents (发文登记): every document duban issued, with
 * its 期号, dates, output digests and the audit head it was made from. Rows are
 * written by a `document.issue` audit entry like every other row, so editing the
 * registry breaks the chain, and `verifyAudit` checks each recorded head.
 */

import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { nextAudit, payloadHasher, writeAudit } from './_audit.js';
import { type IssuedDocumentRow, issuedDocumentDigest } from './_rows.js';
import type { IssuedDocument, IssuedDocumentInput } from './_types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Stores one issued document and its audit entry; one immediate transaction. */
export function recordIssuedDocument(
  db: Database.Database,
  doc: IssuedDocumentInput,
  key?: Uint8Array,
): IssuedDocument {
  check(doc);
  return db
    .transaction(() => {
      const { seq, prevHash } = nextAudit(db);
      const at = new Date().toISOString();
      const id = ((db.prepare('SELECT MAX(id) AS m FROM issued_documents').get() as { m: number | null }).m ?? 0) + 1;
      const row: IssuedDocumentRow = {
        id,
        reporter: doc.reporter,
        issue_number: doc.issueNumber,
        as_of: doc.asOf,
        issue_date: doc.issueDate,
        issued_at: at,
        actor: doc.actor,
        outputs_json: JSON.stringify(doc.outputs.map((o) => ({ path: o.path, sha256: o.sha256, bytes: o.bytes }))),
        head_seq: doc.head?.seq ?? null,
        head_hash: doc.head?.hash ?? null,
        verified: doc.verified ? 1 : 0,
        audit_seq: seq,
      };
      const digest = issuedDocumentDigest(row);
      const payload = payloadHasher();
      payload.add(digest);
      const number = doc.issueNumber === null ? '' : ` 第${doc.issueNumber}期`;
      const head = doc.head ? `head #${doc.head.seq} ${doc.head.hash.slice(0, 16)}` : 'empty chain';
      writeAudit(
        db,
        {
          seq,
          at,
          actor: doc.actor,
          action: 'document.issue',
          payloadDigest: payload.digest(),
          prevHash,
          target: `document #${id}: ${doc.reporter}${number} as of ${doc.asOf}, ${doc.outputs.length} file(s), ${head}${doc.verified ? '' : ', ISSUED UNVERIFIED'}`,
        },
        key,
      );
      db.prepare(`INSERT INTO issued_documents (id, reporter, issue_number, as_of, issue_date, issued_at, actor, outputs_json, head_seq, head_hash, verified, audit_seq, row_digest)
      VALUES (@id, @reporter, @issue_number, @as_of, @issue_date, @issued_at, @actor, @outputs_json, @head_seq, @head_hash, @verified, @audit_seq, @row_digest)`).run(
        { ...row, row_digest: digest },
      );
      return toDocument(row);
    })
    .immediate();
}

/** Registered documents, oldest first; optionally one reporter's only. */
export function listIssuedDocuments(db: Database.Database, filter: { reporter?: string } = {}): IssuedDocument[] {
  const rows = (
    filter.reporter === undefined
      ? db.prepare('SELECT * FROM issued_documents ORDER BY id').all()
      : db.prepare('SELECT * FROM issued_documents WHERE reporter = ? ORDER BY id').all(filter.reporter)
  ) as IssuedDocumentRow[];
  return rows.map(toDocument);
}

function toDocument(r: IssuedDocumentRow): IssuedDocument {
  return {
    id: r.id,
    reporter: r.reporter,
    issueNumber: r.issue_number,
    asOf: r.as_of,
    issueDate: r.issue_date,
    issuedAt: r.issued_at,
    actor: r.actor,
    outputs: JSON.parse(r.outputs_json) as IssuedDocument['outputs'],
    head: r.head_seq === null || r.head_hash === null ? null : { seq: r.head_seq, hash: r.head_hash },
    verified: r.verified === 1,
    auditSeq: r.audit_seq,
  };
}

function check(doc: IssuedDocumentInput): void {
  const bad = (what: string) =>
    new DubanError('DUBAN_STORE_BAD_DOCUMENT', `the issued document cannot be registered: ${what}`, {
      hint: 'this is a bug in the program that issued it; report it with this message',
    });
  if (typeof doc.reporter !== 'string' || doc.reporter === '') throw bad('no reporter name');
  if (doc.issueNumber !== null && (!Number.isInteger(doc.issueNumber) || doc.issueNumber < 1))
    throw bad(`期号 ${String(doc.issueNumber)} is not a positive whole number`);
  if (!ISO_DATE.test(doc.asOf) || !ISO_DATE.test(doc.issueDate)) throw bad('dates must be YYYY-MM-DD');
  if (doc.outputs.some((o) => !SHA256.test(o.sha256) || typeof o.path !== 'string' || !Number.isInteger(o.bytes)))
    throw bad('every output needs a path, a byte count and a SHA-256');
  if (doc.head && (!Number.isInteger(doc.head.seq) || !SHA256.test(doc.head.hash)))
    throw bad('the audit head must be a seq and a SHA-256');
}

/** The 期号 the next document of `reporter` takes: one past the highest registered, 1 for the first. */
export function nextIssueNumber(db: Database.Database, reporter: string): number {
  const row = db.prepare('SELECT MAX(issue_number) AS n FROM issued_documents WHERE reporter = ?').get(reporter) as {
    n: number | null;
  };
  return (row.n ?? 0) + 1;
}
