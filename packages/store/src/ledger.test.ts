import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDirectory, samplePlan } from './_test-fixtures.js';
import { latestSchemaVersion, openLedger } from './index.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'duban-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('opening and migrations', () => {
  it('creates a WAL ledger with every migration recorded once, and reopens without re-running them', () => {
    const path = join(dir, 'l.db');
    openLedger(path).close();
    openLedger(path).close();
    const raw = new Database(path, { readonly: true });
    const applied = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number;
    }[];
    expect(applied.map((r) => r.version)).toEqual(Array.from({ length: latestSchemaVersion }, (_, i) => i + 1));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('indexes every column that references the audit chain (an unindexed one makes each write scan its table)', () => {
    const path = join(dir, 'l.db');
    openLedger(path).close();
    const raw = new Database(path, { readonly: true });
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    const references = tables.flatMap((t) =>
      (raw.pragma(`foreign_key_list(${t})`) as { table: string; from: string }[])
        .filter((f) => f.table === 'audit')
        .map((f) => `${t}.${f.from}`),
    );
    const leading = tables.flatMap((t) =>
      (raw.pragma(`index_list(${t})`) as { name: string }[]).map(
        (i) =>
          `${t}.${(raw.pragma(`index_info(${i.name})`) as { seqno: number; name: string }[]).find((c) => c.seqno === 0)?.name}`,
      ),
    );
    raw.close();
    expect(references.length).toBeGreaterThanOrEqual(8);
    expect(references.filter((r) => !leading.includes(r))).toEqual([]);
  });

  it('refuses a missing ledger for readonly or mustExist opens and creates nothing', () => {
    const path = join(dir, 'none.db');
    expect(() => openLedger(path, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_MISSING' }),
    );
    expect(() => openLedger(path, { mustExist: true })).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_MISSING', hint: expect.stringContaining('duban import') }),
    );
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(dir, 'notes.txt');
    const text = 'this is not a database, just text that is long enough to fill a header '.repeat(20);
    writeFileSync(path, text);
    expect(() => openLedger(path)).toThrow(expect.objectContaining({ code: 'DUBAN_STORE_NOT_LEDGER' }));
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it("refuses another application's SQLite database without adding tables to it", () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    other.close();
    expect(() => openLedger(path)).toThrow(expect.objectContaining({ code: 'DUBAN_STORE_NOT_LEDGER' }));
    const check = new Database(path, { readonly: true });
    expect(
      (check.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    ).toEqual(['customers']);
    check.close();
  });

  it('refuses a ledger written by a newer schema', () => {
    const path = join(dir, 'l.db');
    openLedger(path).close();
    const raw = new Database(path);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(latestSchemaVersion + 1, 'future', '2030-01-01');
    raw.close();
    expect(() => openLedger(path)).toThrow(expect.objectContaining({ code: 'DUBAN_STORE_SCHEMA_NEWER' }));
    expect(() => openLedger(path, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_SCHEMA_NEWER' }),
    );
  });

  it('opens a ledger readonly after the writer closed it, and rejects writes there', () => {
    const path = join(dir, 'l.db');
    const w = openLedger(path);
    w.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 's' });
    w.close();
    const r = openLedger(path, { readonly: true });
    expect(r.currentPlan()?.plan.tasks).toHaveLength(3);
    expect(() => r.importPlan(samplePlan(4), sampleDirectory, { actor: 'a', source: 's' })).toThrow(/readonly/i);
    r.close();
  });
});
