import type Database from 'better-sqlite3';

/** One schema step. Applied in order, each in its own transaction, recorded in schema_migrations. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The ledger schema, oldest first. Never edit a released entry: add a new one.
 * Rows are never updated or deleted; every row carries the audit entry that wrote
 * it (audit_seq) and a digest of its own columns (row_digest) so `verifyAudit`
 * can tell which entry's rows were changed outside duban.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial ledger: plan versions, plan tasks, progress log, audit chain',
    sql: `
      CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        payload_digest TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TABLE plan_versions (
        version INTEGER PRIMARY KEY,
        digest TEXT NOT NULL,
        directory_digest TEXT NOT NULL,
        plan_json TEXT NOT NULL,
        directory_json TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        source TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE TABLE plan_tasks (
        plan_version INTEGER NOT NULL REFERENCES plan_versions(version),
        number INTEGER NOT NULL,
        section INTEGER NOT NULL,
        title TEXT NOT NULL,
        deadline TEXT NOT NULL,
        task_json TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL,
        PRIMARY KEY (plan_version, number)
      );
      CREATE TABLE progress (
        id INTEGER PRIMARY KEY,
        task INTEGER NOT NULL,
        unit TEXT NOT NULL,
        date TEXT NOT NULL,
        body TEXT NOT NULL,
        plan_version INTEGER NOT NULL,
        supersedes INTEGER REFERENCES progress(id),
        source TEXT NOT NULL,
        received_at TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX progress_key ON progress (task, unit, date, id);
      CREATE INDEX progress_supersedes ON progress (supersedes) WHERE supersedes IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'office MAC per audit entry; registry of issued documents (发文登记)',
    // mac stays outside the entry hash, so a ledger can adopt an office key later
    // (`duban audit sign`) without rewriting its chain. issued_documents rows are
    // written by a `document.issue` entry like every other row.
    sql: `
      ALTER TABLE audit ADD COLUMN mac TEXT;
      CREATE TABLE issued_documents (
        id INTEGER PRIMARY KEY,
        reporter TEXT NOT NULL,
        issue_number INTEGER,
        as_of TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        outputs_json TEXT NOT NULL,
        head_seq INTEGER,
        head_hash TEXT,
        verified INTEGER NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX issued_documents_reporter ON issued_documents (reporter, issue_number);
    `,
  },
  {
    version: 3,
    name: 'web workspace: accounts, sessions, evidence files, 推进方案 filings, kept files of issued documents',
    sql: `
      CREATE TABLE account_events (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT,
        unit TEXT,
        display_name TEXT,
        password_hash TEXT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX account_events_user ON account_events (username, id);
      -- Sessions are working state, not records: updated and deleted, never audited.
      CREATE TABLE web_sessions (sid TEXT PRIMARY KEY, expires INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE INDEX web_sessions_expires ON web_sessions (expires);
      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX evidence_sha ON evidence (sha256);
      CREATE TABLE filings (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        milestone TEXT NOT NULL,
        date TEXT NOT NULL,
        body TEXT NOT NULL,
        plan_version INTEGER NOT NULL,
        supersedes INTEGER REFERENCES filings(id),
        received_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX filings_key ON filings (unit, milestone, id);
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        reporter TEXT NOT NULL,
        unit TEXT,
        period TEXT,
        as_of TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        audit_seq INTEGER NOT NULL REFERENCES audit(seq),
        row_digest TEXT NOT NULL
      );
      CREATE INDEX documents_reporter ON documents (reporter, unit, id);
      -- Task pages read the newest entries of a task (and unit) by id: no sort of a long history.
      CREATE INDEX progress_task_unit_id ON progress (task, unit, id);
    `,
  },
  {
    version: 4,
    name: 'index every reference to the audit chain',
    // Rows are written before the audit entry they point at (foreign keys deferred to the
    // commit), so inserting that entry makes SQLite look up the rows that reference it in
    // every child table. Without an index on audit_seq that is a scan of the whole progress
    // log per write: a web submission cost grew with the ledger (1.1 ms per write at 20,000
    // rows, 40× the indexed cost).
    sql: `
      CREATE INDEX plan_versions_audit ON plan_versions (audit_seq);
      CREATE INDEX plan_tasks_audit ON plan_tasks (audit_seq);
      CREATE INDEX progress_audit ON progress (audit_seq);
      CREATE INDEX issued_documents_audit ON issued_documents (audit_seq);
      CREATE INDEX account_events_audit ON account_events (audit_seq);
      CREATE INDEX evidence_audit ON evidence (audit_seq);
      CREATE INDEX filings_audit ON filings (audit_seq);
      CREATE INDEX documents_audit ON documents (audit_seq);
    `,
  },
];

/** The newest schema version this build of duban understands. */
export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

function hasSchemaTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined
  );
}

/** Highest applied migration, or 0 for a fresh database. */
export function appliedVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies every pending migration in one immediate transaction. Re-reads the
 * applied version inside it, because another process may have migrated meanwhile.
 */
export function migrate(db: Database.Database): void {
  // Reading first keeps an up-to-date ledger from taking the write lock at all: a
  // read command must not wait for (or fail on) another process's long import.
  if (hasSchemaTable(db) && appliedVersion(db) >= latestSchemaVersion) return;
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = appliedVersion(db);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations) {
      if (m.version <= done) continue;
      db.exec(m.sql);
      if (m.version === 1) db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('kind', 'duban-ledger')").run();
      record.run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}
