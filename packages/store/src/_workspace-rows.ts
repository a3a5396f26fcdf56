import { digestFields } from './_digest.js';

/**
 * Rows of the web workspace's tables (accounts, evidence, filings, documents).
 * Like the ledger's own rows, each carries the audit entry that wrote it and a
 * digest over every stored column, so `verifyAudit` covers them too.
 */

/** One event in an account's life: created, password reset or changed, disabled, enabled. */
export interface AccountEventRow {
  id: number;
  username: string;
  kind: 'create' | 'reset' | 'password' | 'disable' | 'enable';
  role: string | null;
  unit: string | null;
  display_name: string | null;
  password_hash: string | null;
  at: string;
  actor: string;
  audit_seq: number;
}

/** A stored file (evidence of progress, a 推进方案 attachment): content-addressed by SHA-256. */
export interface EvidenceRow {
  id: number;
  sha256: string;
  bytes: number;
  media_type: string;
  name: string;
  unit: string;
  uploaded_at: string;
  actor: string;
  audit_seq: number;
}

/** A 推进方案 filing: its own document type, append-only; a correction supersedes. */
export interface FilingRow {
  id: number;
  unit: string;
  milestone: string;
  date: string;
  body: string;
  plan_version: number;
  supersedes: number | null;
  received_at: string;
  actor: string;
  audit_seq: number;
}

/** A document issued through a reporter (催办 notice, bulletin …), its file kept content-addressed. */
export interface DocumentRow {
  id: number;
  reporter: string;
  unit: string | null;
  period: string | null;
  as_of: string;
  name: string;
  media_type: string;
  sha256: string;
  bytes: number;
  issued_at: string;
  actor: string;
  audit_seq: number;
}

/** Digest of an account_events row. */
export function accountEventDigest(r: AccountEventRow): string {
  return digestFields(
    'account_events',
    r.id,
    r.username,
    r.kind,
    r.role,
    r.unit,
    r.display_name,
    r.password_hash,
    r.at,
    r.actor,
    r.audit_seq,
  );
}

/** Digest of an evidence row. */
export function evidenceDigest(r: EvidenceRow): string {
  return digestFields(
    'evidence',
    r.id,
    r.sha256,
    r.bytes,
    r.media_type,
    r.name,
    r.unit,
    r.uploaded_at,
    r.actor,
    r.audit_seq,
  );
}

/** Digest of a filings row. */
export function filingDigest(r: FilingRow): string {
  return digestFields(
    'filings',
    r.id,
    r.unit,
    r.milestone,
    r.date,
    r.body,
    r.plan_version,
    r.supersedes,
    r.received_at,
    r.actor,
    r.audit_seq,
  );
}

/** Digest of a documents row. */
export function documentDigest(r: DocumentRow): string {
  return digestFields(
    'documents',
    r.id,
    r.reporter,
    r.unit,
    r.period,
    r.as_of,
    r.name,
    r.media_type,
    r.sha256,
    r.bytes,
    r.issued_at,
    r.actor,
    r.audit_seq,
  );
}

/** The workspace tables `verifyAudit` streams after the ledger's own, each in write (id) order. */
export const WORKSPACE_ROW_SOURCES: readonly {
  table: string;
  digest: (row: never) => string;
  describe: (row: { id: number }) => string;
}[] = [
  {
    table: 'account_events',
    digest: accountEventDigest as (row: never) => string,
    describe: (r) => `account event #${r.id}`,
  },
  { table: 'evidence', digest: evidenceDigest as (row: never) => string, describe: (r) => `evidence #${r.id}` },
  { table: 'filings', digest: filingDigest as (row: never) => string, describe: (r) => `filing #${r.id}` },
  { table: 'documents', digest: documentDigest as (row: never) => string, describe: (r) => `document #${r.id}` },
];
