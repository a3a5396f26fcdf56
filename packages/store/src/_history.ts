import type { ProgressReport } from '@duban/core';
import type Database from 'better-sqlite3';
import { reportFromRow } from './_progress.js';
import type { ProgressRow } from './_rows.js';
import { statement } from './_statements.js';

/** One page of a task's report history, newest first, superseded entries marked. */
export interface HistoryPage {
  reports: (ProgressReport & { superseded: boolean })[];
  /** Entries in the whole history (all pages). */
  total: number;
}

/**
 * The newest `limit` entries (superseded ones included and marked) of a task,
 * optionally of one unit. Only the page is read and parsed: a page view must not
 * grow with a long history.
 */
export function progressHistory(
  db: Database.Database,
  filter: { task: number; unit?: string; limit: number },
): HistoryPage {
  const byUnit = filter.unit !== undefined;
  const where = `p.task = @task${byUnit ? ' AND p.unit = @unit' : ''}`;
  // With a unit, progress_task_unit_id serves ORDER BY id DESC LIMIT directly; per task the rowid order does.
  const params = { task: filter.task, ...(byUnit ? { unit: filter.unit } : {}) };
  const rows = statement(
    db,
    `SELECT p.id, p.task, p.unit, p.date, p.body, p.supersedes, p.source, p.received_at,
      EXISTS (SELECT 1 FROM progress s WHERE s.supersedes = p.id) AS superseded
    FROM progress p WHERE ${where} ORDER BY p.id DESC LIMIT @limit`,
  ).all({ ...params, limit: filter.limit }) as (Pick<
    ProgressRow,
    'id' | 'task' | 'unit' | 'date' | 'body' | 'supersedes' | 'source' | 'received_at'
  > & { superseded: number })[];
  const total = (statement(db, `SELECT COUNT(*) AS n FROM progress p WHERE ${where}`).get(params) as { n: number }).n;
  return { reports: rows.map((r) => ({ ...reportFromRow(r), superseded: r.superseded === 1 })), total };
}
