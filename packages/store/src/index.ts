export { openLedger, Ledger } from './_ledger.js';
export { migrations, latestSchemaVersion, type Migration } from './_migrations.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './_open.js';
export { readOfficeKey, keyId, MIN_KEY_BYTES } from './_key.js';
export { MIN_HEAD_HEX } from './_verify.js';
export { removeStalePartials } from './_stale.js';
export type {
  StoredPlan, AuditEntry, AuditHead, AuditProblemKind, AuditVerification, VerifyOptions, PlanVersionInfo, AppendResult, ProgressMeta,
  ProgressFilter, OpenOptions, IssuedDocument, IssuedDocumentInput, IssuedOutput,
} from './_types.js';
