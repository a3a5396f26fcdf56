export { openLedger, Ledger } from './_ledger.js';
export { copyLedger, type CopyResult } from './_copy.js';
export { isPostgresUrl } from './_pg.js';
export { migrations, latestSchemaVersion, type Migration } from './_migrations.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './_open.js';
export { readOfficeKey, keyId, MIN_KEY_BYTES } from './_key.js';
export { MIN_HEAD_HEX } from './_verify.js';
export { removeStalePartials } from './_stale.js';
export type {
  StoredPlan, AuditEntry, AuditHead, AuditProblemKind, AuditVerification, VerifyOptions, PlanVersionInfo, AppendResult, ProgressMeta,
  ProgressFilter, OpenOptions, IssuedDocument, IssuedDocumentInput, IssuedOutput,
} from './_types.js';
export { openWorkspace, Workspace } from './_workspace.js';
export type { Account, AccountRole, AccountChange } from './_accounts.js';
export type { SessionTable } from './_sessions.js';
export { blobDir, blobPath, type EvidenceInfo } from './_evidence.js';
export type { Filing, FilingInput } from './_filings.js';
export type { KeptDocument, KeptDocumentInput, IssueRecord } from './_documents.js';
export type { ActionMeta } from './_workspace-write.js';
export type { HistoryPage } from './_history.js';
