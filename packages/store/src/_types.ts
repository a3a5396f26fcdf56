import type { Plan, UnitDirectory } from '@duban/core';

/** One stored version of the plan with the unit directory it was imported with. */
export interface StoredPlan {
  version: number;
  plan: Plan;
  directory: UnitDirectory;
  /** ISO timestamp of the import. */
  importedAt: string;
  actor: string;
  /** Where the notice came from (file name). */
  source: string;
}

/** One link of the audit chain: who wrote what, when, a digest of the rows, and the chain hashes. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  /** `plan.import` or `progress.append`. */
  action: string;
  /** What was written: `plan v2`, `progress #12–#40`. */
  target: string;
  /** SHA-256 over the row digests this entry wrote, in row order. */
  payloadDigest: string;
  prevHash: string;
  hash: string;
  /** HMAC-SHA256 of `hash` under the office key; absent when the entry was written without one. */
  mac?: string;
}

/** The newest entry of the audit chain: what documents print and `--expect-head` checks. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** What kind of problem `verifyAudit` found, so callers can give each its own code. */
export type AuditProblemKind = 'rows' | 'chain' | 'mac' | 'truncated' | 'head' | 'registry';

/** Result of recomputing row digests, payload digests and the hash chain. */
export interface AuditVerification {
  ok: boolean;
  /** Number of audit entries checked. */
  checked: number;
  /** The first entry (by seq) that does not verify, and why. */
  firstBad?: { seq: number; action: string; reason: string; kind: AuditProblemKind };
  /** The chain's newest entry (null for an empty chain), as read in the same snapshot. */
  head: AuditHead | null;
  /** True when every entry's office MAC was checked (an office key was given). */
  macChecked: boolean;
  /** True when the ledger is signed with an office key (its MACs can only be checked with that key). */
  signed: boolean;
  /** Issued documents whose recorded head was found in the chain. */
  documents: number;
}

/** Options of `verifyAudit`. */
export interface VerifyOptions {
  /**
   * A head recorded outside the ledger (printed on an issued document, kept by the
   * office): the chain must contain entry `seq` with this hash (a prefix of at
   * least 16 hex digits is enough), else it was truncated, rolled back or rewritten.
   */
  expectHead?: AuditHead;
}

/** One output file of an issued document and its SHA-256. */
export interface IssuedOutput {
  path: string;
  sha256: string;
  bytes: number;
}

/** What `recordIssuedDocument` stores: one run of one reporter. */
export interface IssuedDocumentInput {
  /** Reporter name (bulletin, scoresheet, a plug-in's name). */
  reporter: string;
  /** 期号, or null for unnumbered documents. */
  issueNumber: number | null;
  /** The date the document judges the ledger as of, YYYY-MM-DD. */
  asOf: string;
  /** The issue date printed on it, YYYY-MM-DD. */
  issueDate: string;
  outputs: readonly IssuedOutput[];
  /** The audit head the document was made from (printed on it); null for an empty chain. */
  head: AuditHead | null;
  /** False when it was issued although the chain did not verify (`--allow-unverified`). */
  verified: boolean;
  actor: string;
}

/** A row of the registry of issued documents (发文登记). */
export interface IssuedDocument extends IssuedDocumentInput {
  id: number;
  /** ISO timestamp of the registration. */
  issuedAt: string;
  /** The audit entry that registered it. */
  auditSeq: number;
}

/** Summary row of `planVersions()`. */
export interface PlanVersionInfo {
  version: number;
  importedAt: string;
  /** Digest of the plan content (source name excluded) and the unit directory. */
  digest: string;
  tasks: number;
  current: boolean;
}

/** Counts returned by `appendProgress`; they partition the input: added + superseded + unchanged = reports.length. */
export interface AppendResult {
  /** New entries for a (task, unit, date) that had none. */
  added: number;
  /** New entries that correct (supersede) an earlier entry for the same (task, unit, date). */
  superseded: number;
  /** Reports identical to the current entry for their (task, unit, date): nothing written. */
  unchanged: number;
}

/** What `appendProgress` records about a batch besides the reports. */
export interface ProgressMeta {
  actor: string;
  /** Where the reports came from (file names). */
  source: string;
  planVersion: number;
  /** Who the files say reported, and on what authority (bound workbook, --office); hashed into the audit entry. */
  attestation?: string;
}

/** Filter of `listProgress`. */
export interface ProgressFilter {
  task?: number;
  unit?: string;
  /** Only reports dated on or before this ISO date. */
  asOf?: string;
  /** Also return entries a later correction superseded. */
  includeSuperseded?: boolean;
}

/** Options of `openLedger`. */
export interface OpenOptions {
  /** Open without write access (read commands); never creates or migrates. */
  readonly?: boolean;
  /** Fail with DUBAN_STORE_MISSING instead of creating a new ledger. */
  mustExist?: boolean;
  /** How long a writer waits for another process's transaction (default 15000 ms). */
  busyTimeoutMs?: number;
  /**
   * The office key (see `readOfficeKey`): every entry written gets a MAC under it and
   * `verifyAudit` checks every entry's MAC. Kept outside the ledger file.
   */
  officeKey?: Uint8Array;
}
