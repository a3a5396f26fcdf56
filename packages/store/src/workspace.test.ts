import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDirectory, samplePlan } from './_test-fixtures.js';
import { blobPath, openWorkspace, type Workspace } from './index.js';

let dir: string;
let path: string;
let ws: Workspace;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-ws-'));
  path = join(dir, 'l.db');
  ws = openWorkspace(path);
  ws.ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'office', source: 'notice.txt' });
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function tamper(sql: string): void {
  const raw = new Database(path);
  raw.prepare(sql).run();
  raw.close();
}

describe('accounts', () => {
  it('are events folded into a current state; each change is audited without the hash in the log', () => {
    ws.changeAccount(
      {
        kind: 'create',
        username: 'jtj',
        role: 'reporter',
        unit: '市交通局',
        displayName: '交通局填报员',
        passwordHash: 'h1',
      },
      'admin',
    );
    ws.changeAccount({ kind: 'reset', username: 'jtj', passwordHash: 'h2' }, 'admin');
    expect(ws.account('jtj')).toMatchObject({
      role: 'reporter',
      unit: '市交通局',
      passwordHash: 'h2',
      mustChangePassword: true,
      disabled: false,
    });
    ws.changeAccount({ kind: 'password', username: 'jtj', passwordHash: 'h3' }, 'jtj');
    ws.changeAccount({ kind: 'disable', username: 'jtj' }, 'admin');
    expect(ws.account('jtj')).toMatchObject({ passwordHash: 'h3', mustChangePassword: false, disabled: true });
    const log = ws.ledger.auditLog();
    expect(log.map((e) => e.action)).toEqual([
      'plan.import',
      'account.create',
      'account.reset',
      'account.password',
      'account.disable',
    ]);
    expect(log.some((e) => e.target.includes('h2'))).toBe(false);
    expect(ws.ledger.verifyAudit()).toMatchObject({ ok: true, checked: 5 });
  });

  it('refuses duplicates, bad names and reporters without a unit', () => {
    ws.changeAccount(
      { kind: 'create', username: 'a1', role: 'admin', unit: null, displayName: 'A', passwordHash: 'h' },
      'cli',
    );
    expect(() =>
      ws.changeAccount(
        { kind: 'create', username: 'a1', role: 'staff', unit: null, displayName: 'A', passwordHash: 'h' },
        'cli',
      ),
    ).toThrow(/already exists/);
    expect(() =>
      ws.changeAccount(
        { kind: 'create', username: 'a b', role: 'staff', unit: null, displayName: 'A', passwordHash: 'h' },
        'cli',
      ),
    ).toThrow(/not allowed/);
    expect(() =>
      ws.changeAccount(
        { kind: 'create', username: 'r1', role: 'reporter', unit: null, displayName: 'R', passwordHash: 'h' },
        'cli',
      ),
    ).toThrow(/needs its unit/);
    expect(() => ws.changeAccount({ kind: 'disable', username: 'nobody' }, 'cli')).toThrow(/no account/);
    expect(ws.accounts().map((a) => a.username)).toEqual(['a1']);
  });

  it('an account event edited outside duban fails verification', () => {
    ws.changeAccount(
      { kind: 'create', username: 'jtj', role: 'reporter', unit: '市交通局', displayName: 'x', passwordHash: 'h1' },
      'admin',
    );
    tamper("UPDATE account_events SET role = 'admin'");
    expect(ws.ledger.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: expect.stringContaining('account event #1') },
    });
  });
});

describe('evidence and documents', () => {
  it('are stored once by content beside the ledger, audited, and read back checked', () => {
    const data = new TextEncoder().encode('%PDF-1.4 evidence');
    const a = ws.addEvidence({ data, name: '照片.pdf', mediaType: 'application/pdf', unit: '市交通局' }, 'jtj');
    const b = ws.addEvidence({ data, name: 'copy.pdf', mediaType: 'application/pdf', unit: '市发改委' }, 'fgw');
    expect(a.sha256).toBe(b.sha256);
    expect(blobPath(path, a.sha256)).toContain(join(dir, 'l.files'));
    expect(ws.readFile(a.sha256)?.toString()).toBe('%PDF-1.4 evidence');
    expect(ws.evidence(a.sha256).map((e) => e.unit)).toEqual(['市交通局', '市发改委']);
    const doc = ws.addDocument(
      {
        reporter: 'cuiban',
        unit: '市交通局',
        period: '2019-06',
        asOf: '2019-06-30',
        name: '催办通知.pdf',
        mediaType: 'application/pdf',
        data: new Uint8Array([1, 2]),
      },
      'office',
    );
    expect(ws.documents({ reporter: 'cuiban' })).toEqual([doc]);
    expect(ws.ledger.verifyAudit().ok).toBe(true);
    writeFileSync(blobPath(path, a.sha256), 'changed');
    expect(() => ws.readFile(a.sha256)).toThrow(/changed outside duban/);
  });

  it('issued from the web: kept for download and registered (发文登记) in one transaction, as `duban report` registers', () => {
    const head = ws.ledger.auditHead();
    const data = new TextEncoder().encode('%PDF-1.4 bulletin');
    const { documents, registered } = ws.issueDocuments(
      {
        reporter: 'bulletin',
        asOf: '2019-06-30',
        issueNumber: 4,
        issueDate: '2019-07-02',
        head,
        verified: true,
        files: [{ name: '督查通报-第4期.pdf', mediaType: 'application/pdf', data }],
      },
      'office',
    );
    expect(ws.documents()).toEqual(documents);
    expect(ws.ledger.issuedDocuments()).toEqual([registered]);
    expect(registered).toMatchObject({ reporter: 'bulletin', issueNumber: 4, head, verified: true, actor: 'office' });
    expect(registered.outputs).toEqual([
      { path: blobPath(path, documents[0]!.sha256), sha256: documents[0]!.sha256, bytes: data.byteLength },
    ]);
    expect(readFileSync(registered.outputs[0]!.path).toString()).toBe('%PDF-1.4 bulletin');
    expect(ws.ledger.nextIssueNumber('bulletin')).toBe(5);
    expect(ws.ledger.verifyAudit()).toMatchObject({ ok: true, documents: 1 });
    // A registry entry that fails (here: a bad date) leaves no kept file row behind either.
    expect(() =>
      ws.issueDocuments(
        {
          reporter: 'bulletin',
          asOf: '2019-6-30',
          issueNumber: 5,
          issueDate: '2019-07-02',
          head,
          verified: true,
          files: [{ name: 'x.pdf', mediaType: 'application/pdf', data }],
        },
        'office',
      ),
    ).toThrow(expect.objectContaining({ code: 'DUBAN_STORE_BAD_DOCUMENT' }));
    expect(ws.documents()).toHaveLength(1);
  });

  it('file references that are not a SHA-256 are refused (no path traversal)', () => {
    expect(() => ws.readFile('../../etc/passwd')).toThrow(/not a file reference/);
    expect(ws.readFile('0'.repeat(64))).toBeNull();
  });
});

describe('推进方案 filings', () => {
  it('append; a change supersedes, an identical filing adds nothing; verification covers them', () => {
    const input = {
      unit: '市交通局',
      milestone: 'plan',
      date: '2019-03-07',
      title: '推进方案',
      summary: '分三阶段',
      evidence: [],
    };
    const first = ws.addFiling(input, { actor: 'jtj', planVersion: 1 });
    expect(first.created).toBe(true);
    expect(ws.addFiling(input, { actor: 'jtj', planVersion: 1 }).created).toBe(false);
    const second = ws.addFiling({ ...input, summary: '分四阶段' }, { actor: 'jtj', planVersion: 1 });
    expect(second.filing.supersedes).toBe(first.filing.id);
    expect(ws.filings().map((f) => f.summary)).toEqual(['分四阶段']);
    expect(ws.filings({ includeSuperseded: true })).toHaveLength(2);
    expect(ws.ledger.verifyAudit().ok).toBe(true);
    tamper('DELETE FROM filings WHERE id = 2');
    expect(ws.ledger.verifyAudit()).toMatchObject({ ok: false, firstBad: { action: 'filing.add' } });
  });
});

describe('progress history pages', () => {
  it('read only the newest entries, mark superseded ones and count the whole history', () => {
    const r = (date: string, percent: number) => ({
      task: 1,
      unit: '市发改委',
      date,
      percent,
      values: {},
      state: 'in_progress' as const,
      progress: '',
      problems: '',
      nextSteps: '',
      evidence: [],
    });
    ws.ledger.appendProgress([r('2019-03-31', 10), r('2019-04-30', 20)], { actor: 'a', source: 's', planVersion: 1 });
    ws.ledger.appendProgress([r('2019-04-30', 25)], { actor: 'a', source: 's', planVersion: 1 });
    const page = ws.progressHistory({ task: 1, unit: '市发改委', limit: 2 });
    expect(page.total).toBe(3);
    expect(page.reports.map((x) => [x.id, x.percent, x.superseded])).toEqual([
      [3, 25, false],
      [2, 20, true],
    ]);
    expect(ws.progressHistory({ task: 1, unit: '市交通局', limit: 5 })).toEqual({ reports: [], total: 0 });
    expect(ws.progressHistory({ task: 1, limit: 5 }).reports).toHaveLength(3);
  });
});

describe('sessions and recorded actions', () => {
  it('sessions expire and are not audited; record() adds an entry without rows that verifies', () => {
    const before = ws.revision();
    ws.sessions.set('s1', '{"u":"a"}', Date.now() + 1000);
    ws.sessions.set('s2', '{"u":"b"}', Date.now() - 1);
    expect(ws.sessions.get('s1')).toBe('{"u":"a"}');
    expect(ws.sessions.get('s2')).toBeNull();
    expect(ws.sessions.prune()).toBe(1);
    expect(ws.sessions.destroyWhere((d) => d.includes('"a"'))).toBe(1);
    expect(ws.revision()).toBe(before);
    ws.record({ actor: 'jtj', action: 'web.login', target: 'session' });
    expect(ws.revision()).toBe(before + 1);
    expect(ws.ledger.verifyAudit().ok).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('the office key', () => {
  it("signs every workspace entry like the ledger's own; a signed ledger opened without it refuses to write", () => {
    const signedPath = join(dir, 'signed.db');
    const key = new Uint8Array(32).fill(7);
    const signed = openWorkspace(signedPath, { officeKey: key });
    try {
      signed.ledger.importPlan(samplePlan(), sampleDirectory, { actor: 'office', source: 'notice.txt' });
      signed.changeAccount(
        { kind: 'create', username: 'jtj', role: 'reporter', unit: '市交通局', displayName: 'x', passwordHash: 'h' },
        'admin',
      );
      signed.addEvidence(
        { data: new Uint8Array([1]), name: 'a.pdf', mediaType: 'application/pdf', unit: '市交通局' },
        'jtj',
      );
      signed.addFiling(
        { unit: '市交通局', milestone: 'plan', date: '2019-03-07', title: 't', summary: '', evidence: [] },
        { actor: 'jtj', planVersion: 1 },
      );
      signed.record({ actor: 'jtj', action: 'web.login', target: 'session' });
      signed.issueDocuments(
        {
          reporter: 'cuiban',
          unit: '市交通局',
          asOf: '2019-06-30',
          issueNumber: 1,
          issueDate: '2019-06-30',
          head: signed.ledger.auditHead(),
          verified: true,
          files: [{ name: 'c.pdf', mediaType: 'application/pdf', data: new Uint8Array([2]) }],
        },
        'office',
      );
      const log = signed.ledger.auditLog();
      expect(log.map((e) => e.action)).toEqual([
        'plan.import',
        'account.create',
        'evidence.add',
        'filing.add',
        'web.login',
        'document.cuiban',
        'document.issue',
      ]);
      expect(log.every((e) => typeof e.mac === 'string')).toBe(true);
      expect(signed.ledger.verifyAudit()).toMatchObject({ ok: true, macChecked: true, signed: true, documents: 1 });
    } finally {
      signed.close();
    }
    const keyless = openWorkspace(signedPath);
    try {
      expect(() => keyless.checkKey()).toThrow(expect.objectContaining({ code: 'DUBAN_AUDIT_KEY_REQUIRED' }));
      expect(() => keyless.record({ actor: 'x', action: 'web.login', target: 'session' })).toThrow(
        expect.objectContaining({ code: 'DUBAN_AUDIT_KEY_REQUIRED' }),
      );
      expect(keyless.ledger.auditLog()).toHaveLength(7);
    } finally {
      keyless.close();
    }
  });
});
