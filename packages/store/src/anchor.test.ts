import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash } from './_audit.js';
import { progressRowDigest } from './_rows.js';
import { report, sampleDirectory, samplePlan } from './_test-fixtures.js';
import { type IssuedDocumentInput, type Ledger, openLedger } from './index.js';

let dir: string;
let path: string;
let ledger: Ledger;
const meta = { actor: 'clerk', source: 'march.csv', planVersion: 1 };
const KEY = new Uint8Array(32).fill(7);
const OTHER = new Uint8Array(32).fill(9);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(path);
  raw.prepare(sql).run(...params);
  raw.close();
}

/** Recomputes every entry hash from `from` on, as an attacker without the key would after an edit. */
function rechain(from: number): void {
  const raw = new Database(path);
  const rows = raw.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(from) as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    target: string;
    payload_digest: string;
    prev_hash: string;
  }[];
  let prev =
    (raw.prepare('SELECT hash FROM audit WHERE seq = ?').get(from - 1) as { hash: string } | undefined)?.hash ??
    '0'.repeat(64);
  for (const r of rows) {
    const hash = entryHash({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      payloadDigest: r.payload_digest,
      prevHash: prev,
    });
    raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
  raw.close();
}

function doc(l: Ledger, extra: Partial<IssuedDocumentInput> = {}): IssuedDocumentInput {
  return {
    reporter: 'bulletin',
    issueNumber: 3,
    asOf: '2019-06-30',
    issueDate: '2019-07-05',
    outputs: [{ path: '/out/b.pdf', sha256: sha('pdf'), bytes: 3 }],
    head: l.auditHead(),
    verified: true,
    actor: 'office',
    ...extra,
  };
}

function build(key?: Uint8Array): void {
  ledger = openLedger(path, key ? { officeKey: key } : {});
  ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'office', source: 'notice.txt' }); // 1
  ledger.appendProgress([report(1, '2019-03-31', 20)], meta); // 2
  ledger.appendProgress([report(2, '2019-04-30', 40)], meta); // 3
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-anchor-'));
  path = join(dir, 'l.db');
});
afterEach(() => {
  ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit head and --expect-head', () => {
  it('exposes the head and accepts it (or a 16-digit prefix) as the expected head', () => {
    build();
    const head = ledger.auditHead()!;
    expect(head.seq).toBe(3);
    expect(ledger.auditLog({ limit: 1 })[0]!.hash).toBe(head.hash);
    expect(ledger.verifyAudit({ expectHead: head })).toMatchObject({ ok: true, head });
    expect(ledger.verifyAudit({ expectHead: { seq: 3, hash: head.hash.slice(0, 16) } }).ok).toBe(true);
    expect(() => ledger.verifyAudit({ expectHead: { seq: 3, hash: head.hash.slice(0, 8) } })).toThrow(
      expect.objectContaining({ code: 'DUBAN_AUDIT_BAD_HEAD' }),
    );
  });

  it('detects truncation: the last entry deleted with its rows verifies alone, not against the expected head', () => {
    build();
    const head = ledger.auditHead()!;
    ledger.close();
    tamper('DELETE FROM progress WHERE audit_seq = 3');
    tamper('DELETE FROM audit WHERE seq = 3');
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().ok).toBe(true); // the attack the issue describes: nothing to see without an anchor
    const v = ledger.verifyAudit({ expectHead: head });
    expect(v).toMatchObject({ ok: false, firstBad: { seq: 3, kind: 'truncated' } });
    expect(v.firstBad!.reason).toMatch(/chain ends at entry #2/);
  });

  it('detects rollback to an older copy that has since been written differently', () => {
    build();
    const older = join(dir, 'older.db');
    ledger.close();
    copyFileSync(path, older);
    ledger = openLedger(path);
    ledger.appendProgress([report(3, '2019-05-31', 50)], meta); // 4
    const head = ledger.auditHead()!;
    ledger.close();
    // The old copy, written on afterwards, reaches seq 4 too, with another hash.
    const old = openLedger(older);
    old.appendProgress([report(3, '2019-05-31', 90)], meta);
    const v = old.verifyAudit({ expectHead: head });
    old.close();
    expect(v).toMatchObject({ ok: false, firstBad: { seq: 4, kind: 'head' } });
    ledger = openLedger(path, { readonly: true });
  });

  it('a rewritten history with recomputed hashes passes a plain verify but not the expected head', () => {
    build();
    const head = ledger.auditHead()!;
    ledger.close();
    // Forge: change a report and recompute its row digest, payload and every later hash (all public formulas).
    const raw = new Database(path);
    const row = raw.prepare('SELECT * FROM progress WHERE audit_seq = 2').get() as Record<string, unknown>;
    raw.close();
    const body = String(row.body).replace('"percent":20', '"percent":95');
    const digest = progressRowDigest({ ...(row as unknown as Parameters<typeof progressRowDigest>[0]), body });
    tamper('UPDATE progress SET body = ?, row_digest = ? WHERE id = ?', body, digest, row.id);
    tamper(
      'UPDATE audit SET payload_digest = ? WHERE seq = 2',
      createHash('sha256')
        .update(digest + '\n')
        .digest('hex'),
    );
    rechain(2);
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().ok).toBe(true);
    expect(ledger.verifyAudit({ expectHead: head })).toMatchObject({ ok: false, firstBad: { seq: 3, kind: 'head' } });
  });
});

describe('the registry of issued documents (发文登记)', () => {
  it('records documents with their head, lists them, and each registration is an audit entry', () => {
    build();
    const at = ledger.auditHead()!;
    const first = ledger.recordIssuedDocument(doc(ledger));
    expect(first).toMatchObject({ id: 1, reporter: 'bulletin', issueNumber: 3, head: at, verified: true, auditSeq: 4 });
    ledger.recordIssuedDocument(doc(ledger, { reporter: 'scoresheet', issueNumber: null, verified: false }));
    expect(ledger.issuedDocuments().map((d) => [d.id, d.reporter, d.issueNumber])).toEqual([
      [1, 'bulletin', 3],
      [2, 'scoresheet', null],
    ]);
    expect(ledger.issuedDocuments({ reporter: 'bulletin' })).toHaveLength(1);
    expect([
      ledger.nextIssueNumber('bulletin'),
      ledger.nextIssueNumber('scoresheet'),
      ledger.nextIssueNumber('digest'),
    ]).toEqual([4, 1, 1]);
    const log = ledger.auditLog({ action: 'document.issue' });
    expect(log.map((e) => e.target)).toEqual([
      expect.stringMatching(/^document #1: bulletin 第3期 as of 2019-06-30, 1 file\(s\), head #3 /),
      expect.stringMatching(/ISSUED UNVERIFIED$/),
    ]);
    expect(ledger.verifyAudit()).toMatchObject({ ok: true, documents: 2 });
  });

  it('rejects a malformed registration and writes nothing', () => {
    build();
    expect(() =>
      ledger.recordIssuedDocument(doc(ledger, { outputs: [{ path: 'x', sha256: 'nope', bytes: 1 }] })),
    ).toThrow(expect.objectContaining({ code: 'DUBAN_STORE_BAD_DOCUMENT' }));
    expect(ledger.auditHead()!.seq).toBe(3);
  });

  it('a registry row edited outside duban fails verification', () => {
    build();
    ledger.recordIssuedDocument(doc(ledger));
    ledger.close();
    tamper('UPDATE issued_documents SET issue_number = 4');
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 4, kind: 'rows' } });
  });
});

describe('the office key', () => {
  it('signs every entry; a chain recomputed without the key fails on the forged entry', () => {
    build(KEY);
    expect(ledger.auditLog().every((e) => /^[0-9a-f]{64}$/.test(e.mac ?? ''))).toBe(true);
    expect(ledger.verifyAudit()).toMatchObject({ ok: true, macChecked: true });
    ledger.close();
    // Forge a new last entry: correct hash (public formula), no valid MAC.
    const raw = new Database(path);
    const last = raw.prepare('SELECT * FROM audit WHERE seq = 3').get() as { hash: string };
    const e = {
      seq: 4,
      at: new Date().toISOString(),
      actor: 'clerk',
      action: 'progress.append',
      target: 'forged',
      payloadDigest: createHash('sha256').digest('hex'),
      prevHash: last.hash,
    };
    raw
      .prepare(
        'INSERT INTO audit (seq, at, actor, action, target, payload_digest, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.seq, e.at, e.actor, e.action, e.target, e.payloadDigest, e.prevHash, entryHash(e), 'f'.repeat(64));
    raw.close();
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyAudit().ok).toBe(true); // without the key, nothing to see
    ledger.close();
    ledger = openLedger(path, { readonly: true, officeKey: KEY });
    expect(ledger.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 4, kind: 'mac' } });
  });

  it('refuses writes without the key, with another key, and on unsigned history until `sign`', () => {
    build(KEY);
    ledger.close();
    const bytes = readFileSync(path);
    ledger = openLedger(path);
    expect(() => ledger.appendProgress([report(3, '2019-05-31', 10)], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_AUDIT_KEY_REQUIRED' }),
    );
    ledger.close();
    ledger = openLedger(path, { officeKey: OTHER });
    expect(() => ledger.appendProgress([report(3, '2019-05-31', 10)], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_AUDIT_KEY_MISMATCH' }),
    );
    ledger.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);

    rmSync(path);
    build();
    ledger.close();
    ledger = openLedger(path, { officeKey: KEY });
    expect(() => ledger.appendProgress([report(3, '2019-05-31', 10)], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_AUDIT_KEY_NOT_ADOPTED' }),
    );
    expect(ledger.signAudit()).toMatchObject({ signed: 3, head: { seq: 3 } });
    ledger.appendProgress([report(3, '2019-05-31', 10)], meta);
    expect(ledger.verifyAudit()).toMatchObject({ ok: true, checked: 4, macChecked: true });
  });

  it('will not sign a tampered chain', () => {
    build();
    ledger.close();
    tamper('UPDATE progress SET body = replace(body, \'"percent":20\', \'"percent":80\')');
    ledger = openLedger(path, { officeKey: KEY });
    expect(() => ledger.signAudit()).toThrow(expect.objectContaining({ code: 'DUBAN_AUDIT_MISMATCH' }));
    expect(ledger.auditLog().every((e) => e.mac === undefined)).toBe(true);
  });
});

describe('consistent reads', () => {
  it('verify reads one snapshot while another connection commits between its table scans', () => {
    build();
    const writer = openLedger(path);
    // Commit from the writer in the middle of a snapshot: the reader must not see it.
    const seen = ledger.snapshot(() => {
      const before = ledger.listProgress().length;
      writer.appendProgress([report(3, '2019-05-31', 50)], meta);
      return {
        before,
        after: ledger.listProgress().length,
        head: ledger.auditHead()!.seq,
        verify: ledger.verifyAudit(),
      };
    });
    writer.close();
    expect(seen).toMatchObject({ before: 2, after: 2, head: 3, verify: { ok: true, checked: 3 } });
    expect(ledger.listProgress()).toHaveLength(3);
  });
});

describe('non-finite values', () => {
  it('are refused by the store, and nothing is written', () => {
    build();
    expect(() => ledger.appendProgress([report(3, '2019-05-31', 10, { values: { '1': Infinity } })], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_BAD_REPORT' }),
    );
    expect(() => ledger.appendProgress([report(3, '2019-05-31', Number.NaN)], meta)).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_BAD_REPORT' }),
    );
    expect(ledger.auditHead()!.seq).toBe(3);
  });
});

describe('opening', () => {
  it('never turns an existing empty file, or a device, into a ledger', () => {
    writeFileSync(path, '');
    expect(() => openLedger(path)).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_NOT_LEDGER', message: expect.stringMatching(/empty file/) }),
    );
    expect(readFileSync(path).length).toBe(0);
    expect(() => openLedger('/dev/null')).toThrow(
      expect.objectContaining({
        code: 'DUBAN_STORE_NOT_LEDGER',
        message: expect.stringMatching(/device, FIFO or socket/),
      }),
    );
    const empty = new Database(join(dir, 'empty.db'));
    empty.exec('CREATE TABLE t (x); DROP TABLE t;'); // a valid SQLite file with no tables
    empty.close();
    expect(() => openLedger(join(dir, 'empty.db'))).toThrow(
      expect.objectContaining({ code: 'DUBAN_STORE_NOT_LEDGER' }),
    );
  });

  it('does not take the write lock when nothing is to migrate, and maps a held lock to DUBAN_STORE_BUSY', () => {
    build();
    ledger.close();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      ledger = openLedger(path, { busyTimeoutMs: 50 }); // writable open, no migration pending: no lock needed
      expect(ledger.currentPlan()?.version).toBe(1);
      expect(() => ledger.appendProgress([report(3, '2019-05-31', 10)], meta)).toThrow(
        expect.objectContaining({ code: 'DUBAN_STORE_BUSY' }),
      );
      ledger.close();
      // A ledger with a pending migration must take the lock: it waits, then says so.
      holder.exec('ROLLBACK');
      // (the newest migration, 4, undone: the indexes on the audit references)
      holder.exec(`DELETE FROM schema_migrations WHERE version = 4; DROP INDEX plan_versions_audit; DROP INDEX plan_tasks_audit; DROP INDEX progress_audit;
        DROP INDEX issued_documents_audit; DROP INDEX account_events_audit; DROP INDEX evidence_audit; DROP INDEX filings_audit; DROP INDEX documents_audit;`);
      holder.exec('BEGIN IMMEDIATE');
      expect(() => openLedger(path, { busyTimeoutMs: 50 })).toThrow(
        expect.objectContaining({ code: 'DUBAN_STORE_BUSY' }),
      );
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('creates a ledger atomically: concurrent creators open the same complete file', () => {
    const a = openLedger(path);
    const b = openLedger(path);
    a.importPlan(samplePlan(), sampleDirectory, { actor: 'a', source: 'n' });
    expect(b.currentPlan()?.version).toBe(1);
    a.close();
    b.close();
    ledger = openLedger(path, { readonly: true });
  });
});
