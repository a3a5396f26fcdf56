export type { Account, AccountChange, AccountRole } from './_accounts.js';
export type { IssueRecord, KeptDocument, KeptDocumentInput } from './_documents.js';
export { blobDir, blobPath, type EvidenceInfo } from './_evidence.js';
export type { Filing, FilingInput } from './_filings.js';
export type { HistoryPage } from './_history.js';
export { keyId, MIN_KEY_BYTES, readOfficeKey } from './_key.js';
export { Ledger, openLedger } from './_ledger.js';
export { latestSchemaVersion, type Migration, migrations } from './_migrations.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './_open.js';
export type { SessionTable } from './_sessions.js';
export { removeStalePartials } from './_stale.js';
export type {
  AppendResult,
  AuditEntry,
  AuditHead,
  AuditProblemKind,
  AuditVerification,
  IssuedDocument,
  IssuedDocumentInput,
  IssuedOutput,
  OpenOptions,
  PlanVersionInfo,
  ProgressFilter,
  ProgressMeta,
  StoredPlan,
  VerifyOptions,
} from './_types.js';
export { MIN_HEAD_HEX } from './_verify.js';
export { openWorkspace, Workspace } from './_workspace.js';
export type { ActionMeta } from './_workspace-write.js';
