import { digestFields } from './_digest.js';

/**
 * Per-row digests. Each covers every stored column of its row (the digest column
 * aside), so an edit made outside duban changes it; the audit entry that wrote the
 * row hashes these digests into its payload digest.
 */

/** Stored columns of a plan_versions row. */
export interface PlanVersionRow {
  version: number;
  digest: string;
  directory_digest: string;
  plan_json: string;
  directory_json: string;
  tasks: number;
  imported_at: string;
  actor: string;
  source: string;
  audit_seq: number;
}

/** Stored columns of a plan_tasks row. */
export interface PlanTaskRow {
  plan_version: number;
  number: number;
  section: number;
  title: string;
  deadline: string;
  task_json: string;
  audit_seq: number;
}

/** Stored columns of a progress row. */
export interface ProgressRow {
  id: number;
  task: number;
  unit: string;
  date: string;
  /** The report's content as fixed-order JSON; equal content → equal body (idempotent re-imports). */
  body: string;
  plan_version: number;
  supersedes: number | null;
  source: string;
  received_at: string;
  audit_seq: number;
}

/** Digest of a plan_versions row. */
export function planVersionDigest(r: PlanVersionRow): string {
  return digestFields(
    'plan_versions',
    r.version,
    r.digest,
    r.directory_digest,
    r.plan_json,
    r.directory_json,
    r.tasks,
    r.imported_at,
    r.actor,
    r.source,
    r.audit_seq,
  );
}

/** Digest of a plan_tasks row. */
export function planTaskDigest(r: PlanTaskRow): string {
  return digestFields('plan_tasks', r.plan_version, r.number, r.section, r.title, r.deadline, r.task_json, r.audit_seq);
}

/** Digest of a progress row: its content plus where and when it was stored. */
export function progressRowDigest(r: ProgressRow): string {
  return digestFields(
    'progress',
    r.id,
    r.task,
    r.unit,
    r.date,
    r.body,
    r.plan_version,
    r.supersedes,
    r.source,
    r.received_at,
    r.audit_seq,
  );
}

/** Stored columns of an issued_documents row. */
export interface IssuedDocumentRow {
  id: number;
  reporter: string;
  issue_number: number | null;
  as_of: string;
  issue_date: string;
  issued_at: string;
  actor: string;
  outputs_json: string;
  head_seq: number | null;
  head_hash: string | null;
  verified: number;
  audit_seq: number;
}

/** Digest of an issued_documents row. */
export function issuedDocumentDigest(r: IssuedDocumentRow): string {
  return digestFields(
    'issued_documents',
    r.id,
    r.reporter,
    r.issue_number,
    r.as_of,
    r.issue_date,
    r.issued_at,
    r.actor,
    r.outputs_json,
    r.head_seq,
    r.head_hash,
    r.verified,
    r.audit_seq,
  );
}
