/**
 * PostgreSQL going away under duban: the server restarted (pg_ctl restart -m fast)
 * in the middle of a 100,000-row progress import, and one connection killed
 * (pg_terminate_backend) inside its write transaction. Each import fails with a
 * coded error, nothing of it is in the ledger, and running it again succeeds.
 * This file runs its own cluster: restarting the shared one would cut the other tests.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { bulkReports, toProgressCsv } from '@duban/intake';
import { openLedger } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// biome-ignore lint/style/noRestrictedImports: the fault tests kill the importer's backend and hold the write lock through the store's own PostgreSQL connection, which the store does not export
import { PgDatabase, WRITE_LOCK_KEY } from '../packages/store/src/_pg.js';
import { CLI, ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { type PgCluster, startCluster } from './_support/pg-cluster.js';

const tmp = tempDir('duban-pg-faults-');
let cluster: PgCluster;
let csv: string;
const ROWS = 100_000;

beforeAll(async () => {
  cluster = await startCluster();
  const directory = UnitDirectory.parse(JSON.parse(readFileSync(SEED_UNITS, 'utf8')));
  const plan = importNotice(readFileSync(SEED_NOTICE), { directory }).value!;
  csv = join(tmp.dir, 'p100k.csv');
  writeFileSync(csv, toProgressCsv(bulkReports(plan, ROWS)));
}, 120_000);
afterAll(() => {
  cluster?.stop();
  tmp.cleanup();
});

let n = 0;
async function freshLedger(): Promise<string> {
  const name = `f${++n}`;
  const admin = new PgDatabase(cluster.url);
  admin.exec(`CREATE DATABASE ${name}`);
  admin.close();
  const url = cluster.url.replace(/\/postgres$/, `/${name}`);
  const r = await runCli(['--db', url, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
  expect(r.code, r.stderr).toBe(0);
  return url;
}

/** Starts the CLI import as a child and resolves once its transaction holds the write lock; returns its exit. */
async function importUntilLocked(
  url: string,
): Promise<{ pid: number; done: Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, [CLI, '--db', url, 'progress', 'import', '--office', csv, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  const watcher = new PgDatabase(url);
  try {
    for (let i = 0; i < 600; i++) {
      const holder = watcher
        .prepare(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = ? AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
        .get(WRITE_LOCK_KEY & 0xffffffff) as { pid: number } | undefined;
      if (holder) return { pid: holder.pid, done };
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    watcher.close();
  }
  throw new Error(`the import never held the write lock: ${stderr}`);
}

function ledgerState(url: string): { progress: number; entries: number; ok: boolean } {
  const l = openLedger(url, { readonly: true });
  try {
    return {
      progress: l.listProgress({ includeSuperseded: true }).length,
      entries: l.auditLog().length,
      ok: l.verifyAudit().ok,
    };
  } finally {
    l.close();
  }
}

async function retrySucceeds(url: string): Promise<void> {
  const again = await runCli(['--db', url, 'progress', 'import', '--office', csv, '--json'], { timeoutMs: 120_000 });
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ added: ROWS });
  expect(ledgerState(url)).toEqual({ progress: ROWS, entries: 2, ok: true });
}

describe('PostgreSQL faults during a progress import', () => {
  it('a server restart mid-import: coded error, nothing imported, a retry succeeds', async () => {
    const url = await freshLedger();
    const { done } = await importUntilLocked(url);
    cluster.restart();
    const r = await done;
    expect(r.code).toBe(3); // environment: the server went away
    expect(r.stderr).toMatch(
      /^DUBAN_STORE_CONNECTION_LOST: the connection to postgres:\/\/postgres@127\.0\.0\.1:\d+\/f\d+ was lost .*nothing of it was written/m,
    );
    expect(r.stderr).toContain('hint: check that PostgreSQL is running, then run the command again');
    expect(r.stderr).not.toMatch(/\.js:\d+/);
    expect(ledgerState(url)).toEqual({ progress: 0, entries: 1, ok: true });
    await retrySucceeds(url);
  }, 240_000);

  it('the connection killed inside the write transaction (pg_terminate_backend): coded error, nothing half-written', async () => {
    const url = await freshLedger();
    const { pid, done } = await importUntilLocked(url);
    const admin = new PgDatabase(cluster.url);
    expect(admin.prepare('SELECT pg_terminate_backend(?) AS killed').get(pid)).toEqual({ killed: 1 });
    admin.close();
    const r = await done;
    expect(r.code).toBe(3); // environment: the server went away
    expect(r.stderr).toMatch(/^DUBAN_STORE_CONNECTION_LOST: /m);
    expect(ledgerState(url)).toEqual({ progress: 0, entries: 1, ok: true });
    await retrySucceeds(url);
  }, 240_000);

  it('a long-lived connection (a server) survives a restart between requests: the next call reconnects', async () => {
    const url = await freshLedger();
    const l = openLedger(url);
    try {
      const before = l.auditHead();
      cluster.restart();
      expect(l.auditHead()).toEqual(before);
      const r = l.appendProgress(
        [
          {
            task: 1,
            unit: '市发改委',
            date: '2019-03-31',
            percent: 5,
            values: {},
            state: 'in_progress',
            progress: '',
            problems: '',
            nextSteps: '',
            evidence: [],
          },
        ],
        { actor: 'a', source: 's', planVersion: 1 },
      );
      expect(r.added).toBe(1);
      expect(l.verifyAudit()).toMatchObject({ ok: true, checked: 2 });
    } finally {
      l.close();
    }
  }, 120_000);
});
