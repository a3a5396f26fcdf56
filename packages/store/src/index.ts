export { openLedger, Ledger } from './_ledger.js';
export { migrations, latestSchemaVersion, type Migration } from './_migrations.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './_open.js';
export type { StoredPlan, AuditEntry, AuditVerification, PlanVersionInfo, AppendResult, ProgressFilter, OpenOptions } from './_types.js';
