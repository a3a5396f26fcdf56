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
}

/** Result of recomputing row digests, payload digests and the hash chain. */
export interface AuditVerification {
  ok: boolean;
  /** Number of audit entries checked. */
  checked: number;
  /** The first entry (by seq) that does not verify, and why. */
  firstBad?: { seq: number; action: string; reason: string };
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
}
