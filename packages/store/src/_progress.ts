import { DubanError, type ProgressReport } from '@duban/core';
import type Database from 'better-sqlite3';
import { nextAudit, payloadHasher, writeAudit } from './_audit.js';
import { type ProgressRow, progressRowDigest } from './_rows.js';
import { statement } from './_statements.js';
import type { AppendResult, ProgressFilter, ProgressMeta } from './_types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The stored JSON of a report's content: fixed key order, sorted indicator keys, defaults filled. */
export function reportBody(r: ProgressReport): string {
  const values: Record<string, number> = {};
  const v = r.values ?? {};
  for (const k of Object.keys(v).sort()) values[k] = v[k]!;
  return JSON.stringify({
    percent: r.percent ?? null,
    values,
    state: r.state,
    progress: r.progress ?? '',
    problems: r.problems ?? '',
    nextSteps: r.nextSteps ?? '',
    evidence: r.evidence ?? [],
  });
}

/**
 * Appends reports in one immediate transaction with one audit entry. The current
 * entry for (task, unit, date) is the newest row for it; an identical report adds
 * nothing, a different one is stored with `supersedes` pointing at it.
 */
export function appendProgress(
  db: Database.Database,
  reports: readonly ProgressReport[],
  meta: ProgressMeta,
  key?: Uint8Array,
): AppendResult {
  checkShapes(reports);
  // One transaction function per connection: db.transaction() prepares its BEGIN/COMMIT/ROLLBACK
  // statements each time it is called, which a server appending on every request paid per request.
  let tx = appendTransactions.get(db);
  if (!tx) appendTransactions.set(db, (tx = db.transaction(appendInTransaction)));
  return tx.immediate(db, reports, meta, key);
}

const appendTransactions = new WeakMap<Database.Database, Database.Transaction<typeof appendInTransaction>>();

function appendInTransaction(
  db: Database.Database,
  reports: readonly ProgressReport[],
  meta: ProgressMeta,
  key: Uint8Array | undefined,
): AppendResult {
  if (!statement(db, 'SELECT 1 FROM plan_versions WHERE version = ?').get(meta.planVersion)) {
    throw new DubanError('DUBAN_STORE_PLAN_VERSION', `plan version ${meta.planVersion} is not in the ledger`, {
      hint: 'run `duban import NOTICE` first, or report against an existing plan version',
    });
  }
  // Fast path: an empty progress log has no heads to look up.
  const empty = !statement(db, 'SELECT 1 FROM progress LIMIT 1').get();
  const headOf = statement(
    db,
    'SELECT id, body FROM progress WHERE task = ? AND unit = ? AND date = ? ORDER BY id DESC LIMIT 1',
  );
  const { seq, prevHash } = nextAudit(db);
  const at = new Date().toISOString();
  let nextId = ((statement(db, 'SELECT MAX(id) AS m FROM progress').get() as { m: number | null }).m ?? 0) + 1;
  const batch = new Map<string, { id: number; body: string }>();
  const result: AppendResult = { added: 0, superseded: 0, unchanged: 0 };
  const payload = payloadHasher();
  const insert = statement(
    db,
    `INSERT INTO progress (id, task, unit, date, body, plan_version, supersedes, source, received_at, audit_seq, row_digest)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Rows are inserted as they are made and the audit entry they point at comes last, so a
  // 100,000-row import never holds its rows twice; the reference is checked at commit.
  db.pragma('defer_foreign_keys = ON');
  let first = 0;
  let last = 0;

  for (const r of reports) {
    const body = reportBody(r);
    const pair = `${r.task}\u001f${r.unit}\u001f${r.date}`;
    const prev =
      batch.get(pair) ??
      (empty ? undefined : (headOf.get(r.task, r.unit, r.date) as { id: number; body: string } | undefined));
    if (prev && prev.body === body) {
      result.unchanged++;
      continue;
    }
    const row: ProgressRow = {
      id: nextId++,
      task: r.task,
      unit: r.unit,
      date: r.date,
      body,
      plan_version: meta.planVersion,
      supersedes: prev?.id ?? null,
      source: r.source ?? meta.source,
      received_at: r.receivedAt ?? at,
      audit_seq: seq,
    };
    const digest = progressRowDigest(row);
    payload.add(digest);
    insert.run(
      row.id,
      row.task,
      row.unit,
      row.date,
      row.body,
      row.plan_version,
      row.supersedes,
      row.source,
      row.received_at,
      row.audit_seq,
      digest,
    );
    batch.set(pair, { id: row.id, body });
    first ||= row.id;
    last = row.id;
    if (prev) result.superseded++;
    else result.added++;
  }
  if (!last) return result; // nothing written, so nothing to audit

  writeAudit(
    db,
    {
      seq,
      at,
      actor: meta.actor,
      action: 'progress.append',
      payloadDigest: payload.digest(),
      prevHash,
      target: `progress #${first}${last === first ? '' : `–#${last}`} (${result.added} added, ${result.superseded} superseding; plan v${meta.planVersion}; ${meta.source})${meta.attestation ? `; ${meta.attestation}` : ''}`,
    },
    key,
  );
  return result;
}

/** Rejects reports the ledger cannot key or store faithfully; content validation is the intake's job. */
function checkShapes(reports: readonly ProgressReport[]): void {
  reports.forEach((r, i) => {
    // JSON has no Infinity or NaN: they would be stored as null and silently supersede a real value.
    const numbers = [r.percent, ...Object.values(r.values ?? {})];
    if (numbers.some((n) => n !== undefined && (typeof n !== 'number' || !Number.isFinite(n)))) {
      throw new DubanError(
        'DUBAN_STORE_BAD_REPORT',
        `progress report ${i + 1} (task ${r.task}) holds a value that is not a finite number`,
        {
          where: { path: `$[${i}]` },
          hint: 'validate reports before storing them: percent and indicator values must be finite numbers',
        },
      );
    }
    if (
      !Number.isInteger(r.task) ||
      typeof r.unit !== 'string' ||
      r.unit === '' ||
      typeof r.date !== 'string' ||
      !ISO_DATE.test(r.date)
    ) {
      throw new DubanError('DUBAN_STORE_BAD_REPORT', `progress report ${i + 1} has no valid task, unit or date`, {
        where: { path: `$[${i}]` },
        hint: 'validate reports (task number, unit name, YYYY-MM-DD date) before storing them',
      });
    }
  });
}

/** Reports oldest first (by report date, then by when they were stored). */
export function listProgress(db: Database.Database, filter: ProgressFilter = {}): ProgressReport[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.task !== undefined) where.push('p.task = @task'), (params.task = filter.task);
  if (filter.unit !== undefined) where.push('p.unit = @unit'), (params.unit = filter.unit);
  if (filter.asOf !== undefined) where.push('p.date <= @asOf'), (params.asOf = filter.asOf);
  if (!filter.includeSuperseded) where.push('NOT EXISTS (SELECT 1 FROM progress s WHERE s.supersedes = p.id)');
  const sql = `SELECT p.id, p.task, p.unit, p.date, p.body, p.supersedes, p.source, p.received_at FROM progress p
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.date, p.id`;
  const rows = statement(db, sql).all(params) as Pick<
    ProgressRow,
    'id' | 'task' | 'unit' | 'date' | 'body' | 'supersedes' | 'source' | 'received_at'
  >[];
  return rows.map(reportFromRow);
}

/** A stored progress row as a report (body parsed, optional fields only when set). */
export function reportFromRow(
  row: Pick<ProgressRow, 'id' | 'task' | 'unit' | 'date' | 'body' | 'supersedes' | 'source' | 'received_at'>,
): ProgressReport {
  const b = JSON.parse(row.body) as {
    percent: number | null;
    values: Record<string, number>;
    state: ProgressReport['state'];
    progress: string;
    problems: string;
    nextSteps: string;
    evidence: string[];
  };
  const report: ProgressReport = {
    id: row.id,
    task: row.task,
    unit: row.unit,
    date: row.date,
    values: b.values,
    state: b.state,
    progress: b.progress,
    problems: b.problems,
    nextSteps: b.nextSteps,
    evidence: b.evidence,
    source: row.source,
    receivedAt: row.received_at,
  };
  if (b.percent !== null) report.percent = b.percent;
  if (row.supersedes !== null) report.supersedes = row.supersedes;
  return report;
}
